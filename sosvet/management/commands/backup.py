import hashlib
import json
import os
import posixpath
from contextlib import contextmanager
from pathlib import Path

from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

# Rebuilt by migrate (content types, permissions) or not worth keeping (sessions, login attempts,
# password-reset requests).
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "sosvet.passwordresetrequest",
]
# A backup holds password hashes and personal data: only its owner may read it.
FILE_MODE = 0o600
FOLDER_MODE = 0o700
CHUNK_BYTES = 1024 * 1024


def file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def stored_files(storage, folder=""):
    """Every file kept in the storage (materials, adopted reports, approved minutes, ...) by its
    name there, in a stable order. Read through the storage API, so a bucket shared by several
    app servers is backed up the same way as a local media folder."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local media folder is made by the first upload
        return []
    names = [posixpath.join(folder, name) for name in files]
    for subfolder in folders:
        names += stored_files(storage, posixpath.join(folder, subfolder))
    return sorted(names)


def copy_out(storage, names, target):
    """Copy the stored files into the folder ``target``; return each one's SHA-256 by name."""
    digests = {}
    for name in names:
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with storage.open(name, "rb") as stored, open(path, "wb") as copy:
            while chunk := stored.read(CHUNK_BYTES):
                digest.update(chunk)
                copy.write(chunk)
        digests[name] = digest.hexdigest()
    return digests


@contextmanager
def private_files():
    """Everything created inside is readable by the owner only, from its first byte."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


class Command(BaseCommand):
    help = (
        "Back up the database and the stored files (a local media folder or an S3 bucket) into "
        "the local folder OUTDIR (restore with 'restore')."
    )

    def add_arguments(self, parser):
        parser.add_argument("outdir", type=Path)

    def handle(self, *args, outdir, **options):
        if outdir.exists() and any(outdir.iterdir()):
            raise CommandError(f"{outdir} is not empty; back up into a new folder.")
        with private_files():
            outdir.mkdir(parents=True, exist_ok=True)
            outdir.chmod(FOLDER_MODE)  # also when it existed, empty, before
            data = outdir / "data.json"
            call_command(
                "dumpdata",
                natural_foreign=True,
                natural_primary=True,
                exclude=EXCLUDED,
                indent=1,
                output=str(data),
                verbosity=0,
            )
            storage = storages["default"]
            files = copy_out(storage, stored_files(storage), outdir / "media")
            manifest = {
                "created": timezone.now().isoformat(),
                "data_sha256": file_digest(data),
                "files": files,
            }
            (outdir / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        self.stdout.write(f"Backed up the data and {len(files)} files into {outdir}.")

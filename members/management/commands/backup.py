import hashlib
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
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
    "members.passwordresetrequest",
]
# A backup holds password hashes and personal data: only its owner may read it.
FILE_MODE = 0o600
FOLDER_MODE = 0o700


def file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root):
    """Every file under the media folder (materials, adopted reports, approved minutes, ...)
    by its path relative to it, in a stable order."""
    root = Path(root)
    if not root.exists():
        return []
    return sorted(path.relative_to(root) for path in root.rglob("*") if path.is_file())


def copy_files(source, target, names):
    """Copy the files by content only: the copies get the modes the current umask gives."""
    for name in names:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, target / name)


@contextmanager
def private_files():
    """Everything created inside is readable by the owner only, from its first byte."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into OUTDIR (restore with 'restore')."

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
            media = Path(settings.MEDIA_ROOT)
            names = media_files(media)
            copy_files(media, outdir / "media", names)
            manifest = {
                "created": timezone.now().isoformat(),
                "data_sha256": file_digest(data),
                "files": {str(name): file_digest(outdir / "media" / name) for name in names},
            }
            (outdir / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        self.stdout.write(f"Backed up the data and {len(names)} files into {outdir}.")

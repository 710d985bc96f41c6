import hashlib
import json
from pathlib import Path

from django.core.files import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from .backup import CHUNK_BYTES, file_digest, stored_files


def stored_digest(storage, name):
    """The SHA-256 of a file as the storage gives it back."""
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        while chunk := stored.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


class Command(BaseCommand):
    help = (
        "Replace all data and stored files (a local media folder or an S3 bucket) with a backup "
        "made by 'backup'."
    )

    def add_arguments(self, parser):
        parser.add_argument("backupdir", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the current data."
        )

    def handle(self, *args, backupdir, yes=False, **options):
        manifest = self._checked_manifest(backupdir)
        if not yes and input("This replaces ALL current data and files. Type 'yes': ") != "yes":
            raise CommandError("Nothing was restored.")
        call_command("migrate", verbosity=0)
        # One transaction: a backup that fails to load leaves the current data as it was.
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(backupdir / "data.json"), verbosity=0)
        self._restore_files(backupdir / "media", manifest["files"])
        self.stdout.write(f"Restored the data and {len(manifest['files'])} files from {backupdir}.")

    def _restore_files(self, folder, files):
        """Replace every stored file with the backup's, through the storage API (a local media
        folder or a bucket alike), and read each one back to compare it with the backup."""
        storage = storages["default"]
        for name in stored_files(storage):
            storage.delete(name)
        for name, digest in files.items():
            # Saved by the storage, a restored file gets the portal's usual modes, not the
            # backup's owner-only ones.
            with open(folder / name, "rb") as copy:
                saved = storage.save(name, File(copy, name=name))
            if saved != name or stored_digest(storage, name) != digest:
                raise CommandError(f"The restored file {name} differs from the backup.")

    def _checked_manifest(self, backupdir):
        """Refuse a backup that is incomplete or was changed since it was made."""
        try:
            manifest = json.loads((backupdir / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{backupdir} holds no readable backup: {error}") from None
        if file_digest(backupdir / "data.json") != manifest["data_sha256"]:
            raise CommandError("data.json does not match the backup's manifest.")
        for name, digest in manifest["files"].items():
            if Path(name).is_absolute() or ".." in Path(name).parts:
                raise CommandError(f"The backup names a file outside its folder: {name}")
            path = backupdir / "media" / name
            if not path.is_file() or file_digest(path) != digest:
                raise CommandError(f"The backed-up file {name} is missing or changed.")
        return manifest

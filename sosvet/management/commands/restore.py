import json
from pathlib import Path

from django.contrib.sessions.models import Session
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from sosvet.backup import (
    DATABASE,
    MEDIA,
    PARTS,
    archived_files,
    digest_of,
    file_digest,
    stored_files,
)


class Command(BaseCommand):
    help = (
        "Replace the database and all stored files (a local media folder or an S3 bucket) with "
        "a backup made by 'backup'."
    )

    def add_arguments(self, parser):
        parser.add_argument("backupdir", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the current data."
        )

    def handle(self, *args, backupdir, yes=False, **options):
        files = self._checked_backup(backupdir)
        if not yes and input("This replaces ALL current data and files. Type 'yes': ") != "yes":
            raise CommandError("Nothing was restored.")
        quiet = options["verbosity"] < 2
        call_command("dbrestore", input_path=str(backupdir / DATABASE), interactive=False,
                     quiet=quiet)  # fmt: skip
        # A backup from an earlier release gets the later tables; everyone signs in again.
        call_command("migrate", verbosity=0)
        Session.objects.all().delete()
        # dbbackup's media restore keeps files the backup does not have: remove them first.
        storage = storages["default"]
        for name in stored_files(storage):
            storage.delete(name)
        call_command("mediarestore", input_path=str(backupdir / MEDIA), interactive=False,
                     quiet=quiet)  # fmt: skip
        self._check_stored_files(storage, files)
        if options["verbosity"]:
            self.stdout.write(f"Restored the database and {len(files)} files from {backupdir}.")

    def _checked_backup(self, backupdir):
        """Refuse a backup that is incomplete or was changed since it was made, before touching
        anything; return the SHA-256 of each stored file it holds, by name."""
        try:
            manifest = json.loads((backupdir / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{backupdir} holds no readable backup: {error}") from None
        for name in PARTS:
            path = backupdir / name
            if not path.is_file() or file_digest(path) != manifest["sha256"].get(name):
                raise CommandError(f"{name} does not match the backup's manifest.")
        try:
            return archived_files(backupdir / MEDIA)
        except ValueError as error:
            raise CommandError(str(error)) from None

    def _check_stored_files(self, storage, files):
        """Read every restored file back from the storage (a folder or a bucket alike)."""
        if stored_files(storage) != sorted(files):
            raise CommandError("The stored files differ from the backup's.")
        for name, digest in files.items():
            with storage.open(name, "rb") as stored:
                if digest_of(stored) != digest:
                    raise CommandError(f"The restored file {name} differs from the backup.")

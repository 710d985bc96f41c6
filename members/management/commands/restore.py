import json
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from .backup import copy_files, file_digest


class Command(BaseCommand):
    help = "Replace all data and uploaded files with a backup made by 'backup'."

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
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        media.mkdir(parents=True)
        # The backup's files are the owner's alone; restored, they get the portal's usual modes.
        copy_files(backupdir / "media", media, manifest["files"])
        for name, digest in manifest["files"].items():
            if file_digest(media / name) != digest:
                raise CommandError(f"The restored file {name} differs from the backup.")
        self.stdout.write(f"Restored the data and {len(manifest['files'])} files from {backupdir}.")

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

import json
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sosvet.backup import DATABASE, FOLDER_MODE, MEDIA, PARTS, file_digest, private_files


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump on PostgreSQL) and the stored files (a local media folder "
        "or an S3 bucket) with django-dbbackup into the local folder OUTDIR, readable by its "
        "owner only (restore with 'restore')."
    )

    def add_arguments(self, parser):
        parser.add_argument("outdir", type=Path)

    def handle(self, *args, outdir, **options):
        if outdir.exists() and any(outdir.iterdir()):
            raise CommandError(f"{outdir} is not empty; back up into a new folder.")
        quiet = options["verbosity"] < 2
        storage = storages["default"]
        if isinstance(storage, FileSystemStorage):
            # dbbackup lists the media folder, which otherwise only the first upload makes.
            Path(storage.location).mkdir(parents=True, exist_ok=True)
        with private_files():
            outdir.mkdir(parents=True, exist_ok=True)
            outdir.chmod(FOLDER_MODE)  # also when it existed, empty, before
            call_command("dbbackup", output_path=str(outdir / DATABASE), quiet=quiet)
            call_command("mediabackup", output_path=str(outdir / MEDIA), quiet=quiet)
            manifest = {
                "created": timezone.now().isoformat(),
                "sha256": {name: file_digest(outdir / name) for name in PARTS},
            }
            (outdir / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        if options["verbosity"]:
            self.stdout.write(f"Backed up the database and the stored files into {outdir}.")

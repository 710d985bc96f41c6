import hashlib
import json
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

# Rebuilt by migrate (content types, permissions) or not worth keeping (sessions, login attempts).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


def file_digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into OUTDIR (restore with 'restore')."

    def add_arguments(self, parser):
        parser.add_argument("outdir", type=Path)

    def handle(self, *args, outdir, **options):
        if outdir.exists() and any(outdir.iterdir()):
            raise CommandError(f"{outdir} is not empty; back up into a new folder.")
        outdir.mkdir(parents=True, exist_ok=True)
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
        files = {}
        if media.exists():
            shutil.copytree(media, outdir / "media")
            files = {
                str(path.relative_to(media)): file_digest(path)
                for path in sorted(media.rglob("*"))
                if path.is_file()
            }
        manifest = {
            "created": timezone.now().isoformat(),
            "data_sha256": file_digest(data),
            "files": files,
        }
        (outdir / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        self.stdout.write(f"Backed up the data and {len(files)} files into {outdir}.")

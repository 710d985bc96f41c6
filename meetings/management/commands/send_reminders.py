"""Send the reminders due today: resolutions' deadlines and mandates' ends. Meant for a daily
timer (see the README); each reminder goes out once, so running it again sends nothing new.

    python manage.py send_reminders --base-url https://sosvet.example.si
"""

from django.core.management.base import BaseCommand, CommandError

from meetings.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminders due today (deadlines of resolutions, the end of a mandate)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://localhost:8000",
            help="The portal's address, for the links in the mail.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be sent, and send nothing.",
        )

    def handle(self, *args, base_url, dry_run, **options):
        outcome = send_due_reminders(base_url=base_url, dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        for reminder, address in outcome.sent:
            if dry_run or options["verbosity"] > 1:
                self.stdout.write(
                    f"{reminder.kind} {reminder.subject} {reminder.occasion} → {address}"
                )
        self.stdout.write(f"{verb} {len(outcome.sent)} reminder(s).")
        if outcome.failed:
            # Not recorded as sent: the next run tries them again.
            raise CommandError(
                f"{len(outcome.failed)} reminder(s) could not be sent; the next run tries again."
            )

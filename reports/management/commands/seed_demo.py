from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from meetings.demo import load_ptuj_sessions
from members.demo import DEMO_PASSWORD, create_demo_users, load_ptuj_members
from reports.demo import load_ptuj_report


# The command lives in ``reports`` because that app may use all the others: as meetings and
# reports gain demo data, their loaders are called here in order.
class Command(BaseCommand):
    help = "Load the Ptuj security council demo data and demo users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-users",
            action="store_true",
            help="Load the data only; required when debug is off.",
        )

    def handle(self, *args, without_users=False, **options):
        if not settings.DEBUG and not without_users:
            raise CommandError(
                "Demo users have a published password, so they are not created when debug is off "
                "(SOSVET_DEBUG=0). Run with --without-users to load the data alone."
            )
        with transaction.atomic():
            council = load_ptuj_members()
            load_ptuj_sessions(council)
            load_ptuj_report(council)
            users = [] if without_users else create_demo_users(council)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {council}."))
        for username, roles in users:
            self.stdout.write(f"  {username} / {DEMO_PASSWORD}  ({roles})")
        if users:
            self.stdout.write(
                "Secretaries set up two-factor sign-in at their first login "
                "(with any authenticator app)."
            )

"""Set up a new council and its first secretary, who then invites everyone else from the portal.

    python manage.py create_council ptuj "Varnostni sosvet Mestne občine Ptuj" \
        "Mestna občina Ptuj" --email sosvet@ptuj.si --secretary tajnica@ptuj.si \
        --base-url https://sosvet.example.si
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from members.accounts import invite_login
from members.models import Council
from members.roles import Role


class Command(BaseCommand):
    help = "Create a council and invite its first secretary by e-mail."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The council's short name in addresses, e.g. ptuj.")
        parser.add_argument("name", help="Varnostni sosvet Mestne občine Ptuj")
        parser.add_argument("municipality", help="Mestna občina Ptuj")
        parser.add_argument("--email", default="", help="The council's own e-mail address.")
        parser.add_argument(
            "--secretary", required=True, help="The first secretary's e-mail address."
        )
        parser.add_argument(
            "--base-url",
            default="http://localhost:8000",
            help="The portal's address, for the link in the invitation.",
        )

    def handle(self, *args, slug, name, municipality, email, secretary, base_url, **options):
        if Council.objects.filter(slug=slug).exists():
            raise CommandError(f"A council with the short name {slug!r} exists already.")
        council = Council(slug=slug, name=name, municipality=municipality, email=email)
        try:
            council.full_clean()
            validate_email(secretary)
            # All or nothing: if the invitation cannot be sent, no council is left behind, and
            # the same command can simply be run again.
            with transaction.atomic():
                council.save()
                link = invite_login(council, secretary, Role.SECRETARY, base_url=base_url)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        except OSError as error:
            raise CommandError(f"The council was not created: the mail failed ({error}).") from None
        self.stdout.write(f"Created the council {council.name} ({council.slug}).")
        if link:
            self.stdout.write(f"Invitation sent to {secretary}. Link to set the password:\n{link}")
        else:
            self.stdout.write(f"{secretary} already has a login; a notice was sent.")

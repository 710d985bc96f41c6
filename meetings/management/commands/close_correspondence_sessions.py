"""Count the votes of every session by correspondence whose deadline has passed.

Meant for a daily timer (see the README); running it again, or on a day with nothing due, changes
nothing. The secretary can also count a session's votes from its page at any time after the
deadline; whichever comes first records the tally, the other finds it done.

    python manage.py close_correspondence_sessions
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from meetings.correspondence import correspondence_close, sessions_to_count


class Command(BaseCommand):
    help = "Count the votes of sessions by correspondence whose deadline has passed."

    def handle(self, *args, **options):
        counted = 0
        for session in sessions_to_count():
            where = f"{session.council.name}, {session.number}. session"
            try:
                if correspondence_close(session):
                    counted += 1
                    self.stdout.write(
                        f"{where}: {session.voters} of {session.eligible_voters} members voted; "
                        "the outcome is recorded."
                    )
            except ValidationError as error:  # changed meanwhile, e.g. cancelled
                self.stderr.write(f"{where}: not counted ({'; '.join(error.messages)}).")
        self.stdout.write(f"Sessions counted: {counted}.")

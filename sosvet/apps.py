from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class SosvetConfig(AppConfig):
    """What serves the whole site and no app imports: the login throttle's records, the backup,
    the search over every app (sosvet/search/)."""

    name = "sosvet"
    verbose_name = _("Portal")

    def ready(self):
        from members.accounts import login_erasure_steps

        from . import checks  # noqa: F401  (registers the deploy checks)
        from .login_throttle import forget_reset_requests
        from .search.folding import register_sqlite_fold

        if forget_reset_requests not in login_erasure_steps:
            login_erasure_steps.append(forget_reset_requests)
        # SQLite has no accent folding of its own: each connection gets the search's.
        connection_created.connect(register_sqlite_fold, dispatch_uid="search-sqlite-fold")
        for connection in connections.all(initialized_only=True):
            register_sqlite_fold(sender=None, connection=connection)

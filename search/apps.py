from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search box over everything the login may see in its councils (search/finding.py).
    It sits above the other apps: it reads sessions (meetings) and annual reports (reports)."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from .folding import register_sqlite_fold

        connection_created.connect(register_sqlite_fold, dispatch_uid="search-sqlite-fold")
        for connection in connections.all(initialized_only=True):
            register_sqlite_fold(sender=None, connection=connection)

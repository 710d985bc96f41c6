"""The session engine (SESSION_ENGINE): Django's database sessions, the row read in plain SQL.

Every request of a login reads its session first. Django's engine asks for the row with an ORM
``get()``, and composing that query cost the floor of every page about 0.5 ms, several times
what the database takes to answer it. Here ``load()``, the engine's public hook, asks the same
question in one statement: the session's data, if the row exists and has not expired. Everything
else (writing, creating, deleting, clearing expired rows) stays Django's.
"""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self):
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        key, data, expiry = (
            model._meta.get_field(name) for name in ("session_key", "session_data", "expire_date")
        )
        sql = (
            f"SELECT {quote(data.column)} FROM {quote(model._meta.db_table)}"
            f" WHERE {quote(key.column)} = %s AND {quote(expiry.column)} > %s"
        )
        # The values as the ORM would send them (on SQLite the time is text, in UTC).
        params = [
            key.get_db_prep_value(self.session_key, connection),
            expiry.get_db_prep_value(timezone.now(), connection),
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            # An expired, deleted or made-up key: the session starts empty, and a new key is
            # drawn when it is saved, never the one the browser sent (as Django's engines do).
            self._session_key = None
            return {}
        return self.decode(row[0])

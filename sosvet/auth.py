"""The authentication backend (AUTHENTICATION_BACKENDS): Django's ModelBackend, the login's
account read in plain SQL.

After the session, every request of a login reads its account (``get_user``). Django's backend
asks with an ORM ``get()``, whose composing cost the floor of every page more than the database
takes to answer. Here the same row comes from one written statement through ``Manager.raw``,
which still gives the whole User, its values converted as the ORM's are. Who may be signed in
stays Django's rule (``user_can_authenticate``: no inactive account), and so does the check of
the session against the password (django.contrib.auth.get_user, after this).
"""

from django.contrib.auth import backends, get_user_model
from django.db import connections


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager
        opts = users.model._meta
        connection = connections[users.db]
        quote = connection.ops.quote_name
        found = users.raw(
            f"SELECT * FROM {quote(opts.db_table)} WHERE {quote(opts.pk.column)} = %s",
            [opts.pk.get_db_prep_value(user_id, connection)],
        )
        user = next(iter(found), None)
        return user if user is not None and self.user_can_authenticate(user) else None

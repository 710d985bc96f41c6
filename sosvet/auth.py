"""The authentication backend (AUTHENTICATION_BACKENDS): Django's ModelBackend, the login's
account read in plain SQL, on a council page with the council and the role there.

After the session, every request of a login reads its account (``get_user``). Django's backend
asks with an ORM ``get()``, whose composing cost the floor of every page more than the database
takes to answer. Here the same row comes from one written statement through
``members.sql.read_models`` (``Manager.raw`` without its per-request compiler work), which still
gives the whole User, its values converted as the ORM's are. Who may be signed in
stays Django's rule (``user_can_authenticate``: no inactive account), and so does the check of
the session against the password (django.contrib.auth.get_user, after this).

A council page (``members.access.council_view``) reads the login first, and names its council
meanwhile (``page_council``): the same statement then also reads, LEFT JOINed, that council and
the login's role there (``members.access.role_sql``, the one place that says how), which
``open_council`` takes instead of a query of its own: one query less on every council page.
"""

from django.contrib.auth import backends, get_user_model
from django.db import connections

from members import access
from members.sql import read_models


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager
        opts = users.model._meta
        connection = connections[users.db]
        quote = connection.ops.quote_name
        table, pk = quote(opts.db_table), quote(opts.pk.column)
        params = [opts.pk.get_db_prep_value(user_id, connection)]
        page = access.page_council.get()
        if page is None:
            found = read_models(users.model, f"SELECT * FROM {table} WHERE {pk} = %s", params)
        else:
            slug, asks = page
            columns, before, joins = access.role_sql(f"{table}.{pk}", asks)
            found = read_models(
                users.model,
                f"SELECT {table}.*, {columns} FROM {table} {joins} WHERE {table}.{pk} = %s",
                [*before, slug, *params],
            )
        user = found[0] if found else None
        if user is None or not self.user_can_authenticate(user):
            return None
        if page is not None:
            access.council_read(user, page)
        return user

"""Subqueries written as SQL, for the pages opened most (issue 12: pages cheap on the first view).

Composing a correlated subquery through the ORM (``Exists``, ``Subquery``, ``OuterRef``) costs
0.3 - 1 ms of Python per subquery and request, while the database answers it in microseconds;
the overview needs a dozen. There each is written once as SQL, next to the rule it applies
(``members.two_factor.second_factor_expected`` did so first), and tested against the ORM's
answer to the same question.
"""

from django.db.models import BooleanField, IntegerField
from django.db.models.expressions import RawSQL


class RowSQL(RawSQL):
    """An expression written as SQL about each row of the query it is used in (an annotation
    or a filter), which names that row's table ``{row}``: the ORM calls it by its name in a
    query of its own and ``U0`` or ``V0`` in a subquery of another's, so the alias is only
    known when the query is compiled.

    The SQL names tables and columns as the models' migrations create them; ``params`` are the
    values it compares with (ids, dates, choices: never a datetime, which SQLite would not
    compare as the ORM writes it).
    """

    def as_sql(self, compiler, connection):
        row = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"({self.sql.format(row=row)})", self.params


def exists(sql, *params):
    """``EXISTS (sql)`` about each row, true or false."""
    return RowSQL(f"EXISTS ({sql})", params, output_field=BooleanField())


def count(sql, *params):
    """``SELECT COUNT(*) ...`` about each row, a number."""
    return RowSQL(sql, params, output_field=IntegerField())


def value(sql, output_field, *params):
    """``SELECT one column ...`` about each row, None without a row."""
    return RowSQL(sql, params, output_field=output_field)


def first_row(model, names, rows, *params):
    """The fields ``names`` ("pk" for the primary key) of the first of ``rows``: SQL about each
    row, from FROM on, that selects rows of ``model`` in order; each field a ``value``."""
    fields = {
        name: model._meta.pk if name == "pk" else model._meta.get_field(name) for name in names
    }
    return {
        name: value(f"SELECT {field.column} {rows}", field, *params)
        for name, field in fields.items()
    }

"""Queries written as SQL, for the page opened most (issue 12: pages cheap on the first view).

Composing a query through the ORM costs 0.5 - 2 ms of Python per query and request, and each
correlated subquery (``Exists``, ``Subquery``, ``OuterRef``) 0.3 - 1 ms more, while the database
answers them in microseconds: the member's overview took 15 ms in process with its five queries
composed by the ORM, 4.5 ms with them written as SQL. So the overview writes its queries and
subqueries as SQL once (``members.two_factor`` did so first). A rule the ORM asks too (a seat held
on a day, a session to come ...) is written once, as such SQL, and the queryset method filters by
it (``condition``); tests/meetings/test_overview_sql.py holds the rules to the rows they should
find at the edges, and the overview's queries to the ORM's answer to the same question.

The SQL names tables and columns as the models' migrations create them, choices by their values
(the models' own, never what a user typed) and the values a request brings as ``%(name)s``: ids,
dates, never a datetime (which SQLite would not compare as the ORM writes it). A condition or a
subquery about a row is a function of that row's alias, ``invited("s")``, so that whole queries
(``Model.objects.raw(sql, {name: value})``) and the ORM's (the expressions made here) share it.
"""

import re
from functools import lru_cache
from itertools import accumulate

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import BooleanField, DateField, IntegerField, Value
from django.db.models.expressions import RawSQL

NAMED = re.compile(r"%\((\w+)\)s")


class RowSQL(RawSQL):
    """An expression written as SQL about each row of the ORM query it is used in (an annotation
    or a filter): ``sql_of(alias)`` gives the SQL, given that row's alias, which is only known
    when the query is compiled (the table's name in a query of its own, ``U0`` or ``V0`` in a
    subquery of another's). ``params`` is a dict of the values the SQL names: plain values, or
    expressions (``Value(day, DateField())``, ``OuterRef("date")``), which the ORM resolves and
    writes as it writes its own, so that a queryset method can be built from the SQL rule."""

    def __init__(self, sql_of, params, output_field):
        super().__init__("", params, output_field)
        self.sql_of = sql_of

    def get_source_expressions(self):
        return [value for value in self.params.values() if _is_expression(value)]

    def set_source_expressions(self, exprs):
        exprs = iter(exprs)
        self.params = {
            name: next(exprs) if _is_expression(value) else value
            for name, value in self.params.items()
        }

    def as_sql(self, compiler, connection):
        return self.about(compiler.quote_name_unless_alias(compiler.query.base_table), compiler)

    def about(self, alias, compiler=None):
        """The SQL about the row ``alias`` and its values, by position (as an ORM query and a
        cursor pass them); an expression among the values is written by ``compiler``."""
        values = []

        def put(name):
            value = self.params[name.group(1)]
            if _is_expression(value):
                sql, params = compiler.compile(value)
                values.extend(params)
                return sql
            values.append(value)
            return "%s"

        sql = NAMED.sub(put, self.sql_of(alias))
        return f"({sql})", values


def _is_expression(value):
    return hasattr(value, "resolve_expression")


def condition(sql_of, **params):
    """A condition about each row, as a filter of the ORM (a queryset method built from an SQL
    rule: one definition for both)."""
    return RowSQL(sql_of, params, BooleanField())


def a_date(day):
    """A date as the ORM writes a DateField's value (an ISO text on SQLite; a datetime or a text
    made a date first), or a column (``OuterRef("date")``) as it is."""
    return day if _is_expression(day) else Value(day, output_field=DateField())


def exists(sql_of, **params):
    """``EXISTS (sql)`` about each row, true or false."""
    return RowSQL(lambda row: f"EXISTS ({sql_of(row)})", params, BooleanField())


def count(sql_of, **params):
    """``SELECT COUNT(*) ...`` about each row, a number."""
    return RowSQL(sql_of, params, IntegerField())


def value(sql_of, output_field, **params):
    """``SELECT one column ...`` about each row, None without a row."""
    return RowSQL(sql_of, params, output_field)


def read_row(model, pk, figures):
    """The ``figures`` (name: RowSQL) about the row ``pk`` of ``model``, read in one query, each
    as its field's Python value: the ORM would take ten times as long to compose the query."""
    if not figures:
        return {}
    columns, params = [], []
    for figure in figures.values():
        sql, values = figure.about("t")
        columns.append(sql)
        params += values
    table, key = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM {table} t WHERE t.{key} = %s", [*params, pk]
        )
        row = cursor.fetchone()
    return {
        name: figure.output_field.to_python(value)
        for (name, figure), value in zip(figures.items(), row, strict=True)
    }


def first_row(model, names, rows_of, **params):
    """The fields ``names`` ("pk" for the primary key) of the first row of ``model`` that
    ``rows_of(alias)`` selects about each row (SQL from FROM on), each a ``value``."""
    fields = {
        name: model._meta.pk if name == "pk" else model._meta.get_field(name) for name in names
    }

    def select(column):
        return lambda row: f"SELECT {column} {rows_of(row)}"

    return {name: value(select(field.column), field, **params) for name, field in fields.items()}


def read_rows(select, rest, params, extra=()):
    """``SELECT`` the columns ``select`` names, as (table alias, model, field names), and then
    ``rest``: the query from its FROM (and any columns before it, named ``extra``). Each row is
    a dict of "alias.field" (and each of ``extra``) to its value, converted as the ORM converts
    the field's (SQLite gives a date as text, a datetime without its time zone)."""
    db = connections[DEFAULT_DB_ALIAS]  # not through the proxy on every use
    columns, names, converters, _nulls = _columns(select, db)
    names = (*names, *extra)
    with db.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} {rest}", params)
        rows = cursor.fetchall()
    return [_row(names, values, converters, db) for values in rows]


def read_parts(parts, params):
    """One query of ``parts``, each (select, rest) as ``read_rows`` takes them, joined by UNION
    ALL, each part's SELECT reading its own columns and NULL in the places of the others'. So
    one query gives rows of different shapes, such as a session once beside the rows of its
    agenda, where a join would repeat the session's columns on every row, for the database to
    send and the driver to convert each time. The rows of each part apart, each as ``read_rows``
    gives them; ``params`` are the parts', in order."""
    db = connections[DEFAULT_DB_ALIAS]
    shapes = [_columns(select, db) for select, _rest in parts]
    selects = []
    for number, (_select, rest) in enumerate(parts):
        read = [str(number)]  # which part the row is of
        for other, (columns, _names, _converters, nulls) in enumerate(shapes):
            read += columns if other == number else nulls
        selects.append(f"SELECT {', '.join(read)} {rest}")
    with db.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        rows = cursor.fetchall()
    starts = list(accumulate(len(columns) for columns, *_rest in shapes))
    starts = [1, *(1 + start for start in starts)]
    found = [[] for _ in parts]
    for values in rows:
        number = values[0]
        _columns_, names, converters, _nulls = shapes[number]
        own = values[starts[number] : starts[number + 1]]
        found[number].append(_row(names, own, converters, db))
    return found


def _columns(select, db):
    """The columns (SQL), names ("alias.field"), converters (index, functions, column) and
    typed NULLs of the fields ``select`` names, as ``read_rows`` takes them."""
    return _column_plan(tuple((alias, model, tuple(fields)) for alias, model, fields in select), db)


# Worked out once per statement shape and connection, not on every request: looking up each
# field, its converters and its quoted column cost as much as converting the rows they read.
@lru_cache(maxsize=256)
def _column_plan(select, db):
    quote = db.ops.quote_name
    columns, names, converters, nulls = [], [], [], []
    for alias, model, fields in select:
        for name in fields:
            field = model._meta.get_field(name)
            column = field.cached_col
            found = db.ops.get_db_converters(column) + field.get_db_converters(db)
            if found:
                converters.append((len(names), tuple(found), column))
            columns.append(f"{alias}.{quote(field.column)}")
            names.append(f"{alias}.{name}")
            # In another part's place (read_parts), a NULL of the column's type: PostgreSQL
            # types a column of untyped NULLs in two parts as text, which the third's cannot match.
            nulls.append(f"CAST(NULL AS {field.cast_db_type(db)})")
    return tuple(columns), tuple(names), tuple(converters), tuple(nulls)


def read_models(model, sql, params):
    """``model.objects.raw(sql, params)``, for the pages opened most: each row an instance of
    ``model``, its fields from the columns named as theirs (the primary key among them) and any
    other column an attribute, converted as the ORM converts them. A raw queryset works out
    the columns' fields and converters through its query's compiler on every request, which
    took as long as reading the rows (0.1 - 0.2 ms a query)."""
    db = connections[DEFAULT_DB_ALIAS]  # not through the proxy on every use
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    return _models(model, columns, rows, db)


def read_model_parts(parts, sql, params):
    """``read_models`` of several models in one statement (a round trip less each): ``sql``
    joins their queries by UNION ALL, its first column the part a row is of (0, 1 ...: the index
    in ``parts``), and ``parts`` are (model, the names of the columns that part's rows fill; the
    others are NULL there). The instances of each part, each in the order of the query."""
    db = connections[DEFAULT_DB_ALIAS]
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    found = []
    for number, (model, columns) in enumerate(parts):
        places = [names.index(column) for column in columns]
        own = [[row[place] for place in places] for row in rows if row[0] == number]
        found.append(_models(model, columns, own, db))
    return found


def _models(model, columns, rows, db):
    """The ``rows`` of the ``columns`` as instances of ``model`` (``read_models``)."""
    by_column = {field.column: field for field in model._meta.concrete_fields}
    converters = []
    for index, column in enumerate(columns):
        if (field := by_column.get(column)) is not None:
            col = field.cached_col
            found = db.ops.get_db_converters(col) + field.get_db_converters(db)
            if found:
                converters.append((index, found, col))
    # The model's own fields in the model's order (Model.from_db takes them so), then the rest.
    own = [(i, by_column[c].attname) for i, c in enumerate(columns) if c in by_column]
    order = {field.attname: n for n, field in enumerate(model._meta.concrete_fields)}
    own.sort(key=lambda pair: order[pair[1]])
    own_names = [name for _, name in own]
    extra = [(i, column) for i, column in enumerate(columns) if column not in by_column]
    instances = []
    for values in rows:
        values = _converted(values, converters, db)
        instance = model.from_db(db.alias, own_names, [values[i] for i, _ in own])
        for index, name in extra:
            setattr(instance, name, values[index])
        instances.append(instance)
    return instances


def converted(select, values, db):
    """``values`` read of the fields ``select`` names (as ``read_rows`` takes them), in that
    order, converted as the ORM converts them: for a row another statement read."""
    _columns_, _names, converters, _nulls = _columns(select, db)
    return _converted(values, converters, db)


def _converted(values, converters, db):
    """The row ``values`` (a list), each converted by its ``converters``."""
    if converters:
        values = list(values)
        for index, functions, column in converters:
            value = values[index]
            if value is not None:
                for function in functions:
                    value = function(value, column, db)
                values[index] = value
    return values


def _row(names, values, converters, db):
    """The row ``values`` as a dict of ``names``, each converted by its ``converters``."""
    return dict(zip(names, _converted(values, converters, db), strict=True))


def order(alias, name):
    """An ORM ordering (``"-ends_on"``) as SQL about the row ``alias``: SQL that sorts as a
    queryset does, by the one name both use."""
    direction = "DESC" if name.startswith("-") else "ASC"
    return f"{alias}.{name.removeprefix('-')} {direction}"


def table(model):
    """The model's table, quoted, for SQL written here and in the apps' pages."""
    return connection.ops.quote_name(model._meta.db_table)


# The members app's rules, as the overview's SQL asks them.


def mandate_covers(md, day):
    """The mandate ``md`` is in force on ``day`` (SQL: a column, a name): the one definition
    of the rule, ``MandateQuerySet.covering(day)`` filters by it (``covers_the_day``)."""
    return f"{md}.starts_on <= {day} AND {md}.ends_on >= {day}"


def covers_the_day(md):
    """``mandate_covers`` the day named ``%(day)s``."""
    return mandate_covers(md, "%(day)s")


def seat_on(ms, day):
    """The seat ``ms`` is held on ``day`` (SQL: a column, a name): the one definition of the
    rule, ``MembershipQuerySet.on(day)`` filters by it (``held_on_day``)."""
    return f"{ms}.starts_on <= {day} AND ({ms}.ends_on IS NULL OR {ms}.ends_on >= {day})"


def held_on_day(ms):
    """``seat_on`` the day named ``%(day)s``."""
    return seat_on(ms, "%(day)s")

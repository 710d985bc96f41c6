"""Slovenian alphabetical order: c < č < ć < d < đ, s < š < t, z < ž.

Databases sort by code point (SQLite) or by whatever collation the server was set up with, which
puts "Četrtne skupnosti" after "Zavod". Lists the council reads are sorted in Slovenian order
instead, in the database where the list comes from a query (``Slovenian``, used in the models'
``Meta.ordering``) and with ``slovenian_key`` where Python sorts.
"""

import functools
import unicodedata

from django.db.models.functions import Collate

# PostgreSQL's ICU collation for Slovenian, present in every build with ICU (Debian's, the
# official images'); SQLite gets one of this module's making, registered on each connection.
POSTGRESQL_COLLATION = "sl-x-icu"
SQLITE_COLLATION = "slovenian"

# The letters of the Slovenian alphabet (and the ć, đ of names from neighbouring languages) that
# come after their base letter, as ICU orders them: č after every c, ć after č.
_AFTER_BASE_LETTER = {
    "č": "c\U0010fffe",
    "ć": "c\U0010ffff",
    "đ": "d\U0010ffff",
    "š": "s\U0010ffff",
    "ž": "z\U0010ffff",
}


@functools.lru_cache(maxsize=4096)
def slovenian_key(text):
    """A sort key that orders text as a Slovenian reader expects: case aside, č after c (and
    after every word in c), other accents read as their base letter (é as e, ü as u)."""
    key = []
    for char in unicodedata.normalize("NFC", text).casefold():
        if char in _AFTER_BASE_LETTER:
            key.append(_AFTER_BASE_LETTER[char])
        elif not unicodedata.combining(char):
            key.append(unicodedata.normalize("NFD", char)[0])
    return "".join(key)


def slovenian_order(text):
    """The sort key of the Slovenian collation (``Slovenian``): ``slovenian_key`` first, then
    the text with lower case first (as ICU breaks the tie on PostgreSQL), so "novak" and
    "Novak" come out in one order every time."""
    return slovenian_key(text), text.swapcase()


def compare_in_slovenian(first, second):
    """The SQLite collation, in the order of ``slovenian_order``."""
    first_key, second_key = slovenian_order(first), slovenian_order(second)
    return (first_key > second_key) - (first_key < second_key)


def register_sqlite_collation(sender, connection, **kwargs):
    """``connection_created`` receiver: teach each new SQLite connection the Slovenian order."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, compare_in_slovenian)


class Slovenian(Collate):
    """An expression (a field name) in Slovenian order, for ``order_by`` and ``Meta.ordering``:
    ``ordering = [Slovenian("last_name"), Slovenian("first_name")]``."""

    def __init__(self, expression):
        super().__init__(expression, POSTGRESQL_COLLATION)

    def as_sqlite(self, compiler, connection, **extra_context):
        collation = connection.ops.quote_name(SQLITE_COLLATION)
        return self.as_sql(compiler, connection, collation=collation, **extra_context)

"""Text without diacritics and case, the same in Python and in the database.

"crnomelj" must find "Črnomelj". PostgreSQL has the ``unaccent`` extension (its migration is in
this app); SQLite, used for local work and quick tests, has nothing of the kind, so the portal
gives it ``sosvet_fold()``: this module's ``fold`` as an SQL function on every connection. Each
query then folds the rows it reads, so nothing stored needs to be kept in step with the text (no
extra column to fill on save, none to miss on a bulk update); SQLite serves one office's data,
where reading the rows is cheap.
"""

import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark, as unaccent maps them.
_NOT_DECOMPOSED = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})


def fold(text):
    """``text`` in lower case without diacritics: "Črnomelj, ĐURĐEVAC" → "crnomelj, durdevac"."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.translate(_NOT_DECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def register_sqlite_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite" and connection.connection is not None:
        connection.connection.create_function("sosvet_fold", 1, fold, deterministic=True)

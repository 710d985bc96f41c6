"""Slovenian alphabetical order: c < č < d, s < š < t, z < ž.

Databases sort by code point (SQLite) or by whatever collation the server was set up with, which
puts "Četrtne skupnosti" after "Zavod". Lists the council reads are sorted with this key instead.
"""

_AFTER_BASE_LETTER = str.maketrans({"č": "c\U0010ffff", "š": "s\U0010ffff", "ž": "z\U0010ffff"})


def slovenian_key(text):
    return text.casefold().translate(_AFTER_BASE_LETTER)

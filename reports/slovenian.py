"""Slovenian as the drafted report writes it: counts, numbers in words, months in their cases,
dates, and the few inflections the text drafted from the record needs.

Sentences that change with a count go through ``ngettext`` and the catalogue, whose Plural-Forms
holds Slovenian's four forms (``plural_form`` below is the same rule, for checking it and for
forms that are not messages). What no rule can do safely, such as putting any agenda title into
the accusative, is done only for the words listed here; everything else is quoted unchanged.
"""

import re

FEMININE, MASCULINE, NEUTER = "f", "m", "n"
NOMINATIVE, GENITIVE, ACCUSATIVE, LOCATIVE = "nominative", "genitive", "accusative", "locative"


def plural_form(count):
    """Which of the four forms a count takes: 0 "ena seja" (1, 101, …), 1 "dve seji" (2, 102),
    2 "tri seje", "štiri seje" (3, 4, 103, …), 3 "pet sej" (0, 5 – 100, …).

    The rule of the catalogue's Plural-Forms, by which ``ngettext`` picks the translation.
    """
    last_two = abs(count) % 100
    if last_two == 1:
        return 0
    if last_two == 2:
        return 1
    if last_two in (3, 4):
        return 2
    return 3


# One to four agree with the noun in gender and case; five to ten do not change.
_ONE_TO_FOUR = {
    (FEMININE, NOMINATIVE): ("ena", "dve", "tri", "štiri"),
    (FEMININE, ACCUSATIVE): ("eno", "dve", "tri", "štiri"),
    (MASCULINE, NOMINATIVE): ("en", "dva", "trije", "štirje"),
    # Things, not people: the accusative of "en sklep", "dva sklepa", "tri sklepe".
    (MASCULINE, ACCUSATIVE): ("en", "dva", "tri", "štiri"),
    (NEUTER, NOMINATIVE): ("eno", "dve", "tri", "štiri"),
    (NEUTER, ACCUSATIVE): ("eno", "dve", "tri", "štiri"),
}
_FIVE_TO_TEN = ("pet", "šest", "sedem", "osem", "devet", "deset")


def count_in_words(count, gender=FEMININE, case=NOMINATIVE):
    """A count as running text writes it: "dve" (seji), "tri" (seje), "pet" (sej); in digits
    above ten, as Slovenian style has it."""
    if 1 <= count <= 4:
        return _ONE_TO_FOUR[gender, case][count - 1]
    if 5 <= count <= 10:
        return _FIVE_TO_TEN[count - 5]
    return str(count)


_ORDINALS = ("Prva", "Druga", "Tretja", "Četrta", "Peta", "Šesta", "Sedma", "Osma", "Deveta")


def ordinal_feminine(number):
    """ "Prva" (seja) up to "Deveta" at the start of a sentence; "10." and on in digits."""
    return _ORDINALS[number - 1] if 1 <= number <= len(_ORDINALS) else f"{number}."


_MONTHS = {
    # "mesec marec", "(marec)"
    NOMINATIVE: (
        "januar", "februar", "marec", "april", "maj", "junij",
        "julij", "avgust", "september", "oktober", "november", "december",
    ),
    # "meseca marca", "do marca"
    GENITIVE: (
        "januarja", "februarja", "marca", "aprila", "maja", "junija",
        "julija", "avgusta", "septembra", "oktobra", "novembra", "decembra",
    ),
    # "v marcu"
    LOCATIVE: (
        "januarju", "februarju", "marcu", "aprilu", "maju", "juniju",
        "juliju", "avgustu", "septembru", "oktobru", "novembru", "decembru",
    ),
}  # fmt: skip


def month_name(month, case=NOMINATIVE):
    """The month (1 – 12) in lower case, in the case the sentence needs."""
    return _MONTHS[case][month - 1]


def short_date(day):
    """ "7. 4. 2023": day, month and year, each followed by a full stop and a space."""
    return f"{day.day}. {day.month}. {day.year}"


def join_with_and(parts):
    """ "A", "A in B", "A, B in C"."""
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} in {parts[-1]}"


# Head nouns that open agenda titles, with their accusative ("je predstavil Informacijo o …").
# A title opening with any other word, with an adjective ("Varnostni ukrepi …") or with two
# nouns joined ("Informacija in analiza …") is not inflected at all: it is quoted as it stands.
_ACCUSATIVE_OF_HEAD = {
    "informacija": "informacijo",
    "analiza": "analizo",
    "ocena": "oceno",
    "strategija": "strategijo",
    "problematika": "problematiko",
    "statistika": "statistiko",
    "raziskava": "raziskavo",
    "študija": "študijo",
    "evalvacija": "evalvacijo",
    "pobuda": "pobudo",
    "akcija": "akcijo",
    "kampanja": "kampanjo",
    "projekti": "projekte",
    "ukrepi": "ukrepe",
    "rezultati": "rezultate",
    "podatki": "podatke",
    "programi": "programe",
    # The same in both cases: masculine things, neuters, and -ev and plural feminines.
    "poročilo": "poročilo",
    "poročila": "poročila",
    "načrt": "načrt",
    "plan": "plan",
    "program": "program",
    "projekt": "projekt",
    "pregled": "pregled",
    "predlog": "predlog",
    "osnutek": "osnutek",
    "predstavitev": "predstavitev",
    "informacije": "informacije",
    "analize": "analize",
    "priprave": "priprave",
}
_JOINING_WORDS = {"in", "ter", "ali", "oziroma", "pa"}


def title_in_accusative(title):
    """The agenda title as the object of a verb ("je predstavil Informacijo o varnostnih
    pojavih"), or None when its first word is not one this module knows how to inflect."""
    words = title.split()
    if not words:
        return None
    head, rest = words[0], words[1:]
    accusative = _ACCUSATIVE_OF_HEAD.get(head.casefold())
    if accusative is None or (rest and rest[0].casefold() in _JOINING_WORDS):
        return None
    if head[0].isupper():
        accusative = accusative[0].upper() + accusative[1:]
    return " ".join([accusative, *rest])


# Functions a guest presenter's description may open with ("Načelnik PP Ptuj mag. …"), by the
# grammatical gender the verb agrees with ("je predstavil" / "je predstavila").
_FUNCTION_GENDER = {
    **dict.fromkeys(
        (
            "načelnik", "komandir", "direktor", "predsednik", "podpredsednik", "župan",
            "podžupan", "svetovalec", "predstavnik", "ravnatelj", "policist", "inšpektor",
            "poveljnik", "tajnik", "referent", "koordinator", "sodelavec", "gospod",
        ),
        MASCULINE,
    ),
    **dict.fromkeys(
        (
            "načelnica", "komandirka", "direktorica", "predsednica", "podpredsednica",
            "županja", "podžupanja", "svetovalka", "predstavnica", "ravnateljica",
            "policistka", "inšpektorica", "poveljnica", "tajnica", "referentka",
            "koordinatorka", "sodelavka", "gospa",
        ),
        FEMININE,
    ),
}  # fmt: skip


def gender_of_description(description):
    """The gender a guest's description ("Ravnateljica OŠ Vzorčje …") shows by its first word,
    or None when it does not show it."""
    first = re.match(r"\w+", description.strip())
    return _FUNCTION_GENDER.get(first.group().casefold()) if first else None


def as_sentence(text):
    """One line of running text ending in a full stop: what a record holds over several lines
    (a resolution) is read into the paragraph."""
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?" else f"{text}."


def without_final_stop(text):
    """The text to quote inside a sentence: one line, without its closing full stop."""
    return " ".join(text.split()).rstrip(".")

"""Slovenian as the drafted report writes it: counts, numbers in words, months, dates."""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import ngettext
from hypothesis import given
from hypothesis import strategies as st

from reports.drafting import held_count_sentence
from reports.slovenian import (
    ACCUSATIVE,
    GENITIVE,
    LOCATIVE,
    MASCULINE,
    count_in_words,
    gender_of_description,
    month_name,
    plural_form,
    short_date,
    title_in_accusative,
)


def foreseen(count):
    with translation.override("sl"):
        return ngettext(
            "The work plan foresaw %(count)s session.",
            "The work plan foresaw %(count)s sessions.",
            count,
        ) % {"count": count}


def shape(count):
    """The catalogue's sentence for ``count`` with the count itself taken out."""
    return foreseen(count).replace(str(count), "N", 1)


def test_the_catalogue_has_a_form_for_one_two_three_and_four_and_five_and_more():
    assert [shape(n) for n in (1, 2, 3, 5)] == [
        "Plan dela je predvidel N sejo.",
        "Plan dela je predvidel N seji.",
        "Plan dela je predvidel N seje.",
        "Plan dela je predvidel N sej.",
    ]


@given(st.integers(min_value=0, max_value=10**6))
def test_plural_form_is_the_form_ngettext_takes_from_the_catalogue(count):
    one_of_each_form = (1, 2, 3, 5)
    assert shape(count) == shape(one_of_each_form[plural_form(count)])


@pytest.mark.parametrize(
    ("count", "form"), [(1, 0), (2, 1), (3, 2), (4, 2), (5, 3), (0, 3), (11, 3), (12, 3),
                        (14, 3), (21, 3), (101, 0), (102, 1), (103, 2), (111, 3), (1001, 0)],
)  # fmt: skip
def test_plural_form_counts_by_the_last_two_digits(count, form):
    assert plural_form(count) == form


@pytest.mark.parametrize(
    ("held", "sentence"),
    [
        (1, "V letu 2025 je bila sklicana samo ena seja varnostnega sosveta."),
        (2, "V letu 2025 sta bili sklicani dve seji varnostnega sosveta."),
        (3, "V letu 2025 so bile sklicane tri seje varnostnega sosveta."),
        (4, "V letu 2025 so bile sklicane štiri seje varnostnega sosveta."),
        (5, "V letu 2025 je bilo sklicanih pet sej varnostnega sosveta."),
        (10, "V letu 2025 je bilo sklicanih deset sej varnostnega sosveta."),
        (11, "V letu 2025 je bilo sklicanih 11 sej varnostnega sosveta."),
        (101, "V letu 2025 je bila sklicana 101 seja varnostnega sosveta."),
        (102, "V letu 2025 sta bili sklicani 102 seji varnostnega sosveta."),
        (103, "V letu 2025 so bile sklicane 103 seje varnostnega sosveta."),
    ],
)
def test_sessions_held_are_counted_in_words_with_the_right_form(held, sentence):
    assert held_count_sentence(2025, held, held) == sentence


@pytest.mark.parametrize(
    ("planned", "sentence"),
    [
        (1, "Plan dela je predvidel eno sejo."),
        (2, "Plan dela je predvidel dve seji."),
        (3, "Plan dela je predvidel tri seje."),
        (4, "Plan dela je predvidel štiri seje."),
        (6, "Plan dela je predvidel šest sej."),
    ],
)
def test_the_plan_is_set_beside_what_was_held_in_the_accusative(planned, sentence):
    assert held_count_sentence(2025, 0, planned).endswith(" " + sentence)


def test_a_count_agrees_with_the_gender_and_case_of_its_noun():
    things = [count_in_words(n, MASCULINE, ACCUSATIVE) for n in (1, 2, 3, 4)]
    assert [f"{word} {noun}" for word, noun in zip(things, ("sklep", "sklepa", "sklepe",
                                                            "sklepe"), strict=True)] == [
        "en sklep", "dva sklepa", "tri sklepe", "štiri sklepe",
    ]  # fmt: skip
    assert count_in_words(3, MASCULINE) == "trije"  # "trije sklepi so bili sprejeti"
    assert count_in_words(1) == "ena"


@pytest.mark.parametrize(
    ("month", "nominative", "genitive", "locative"),
    [
        (1, "januar", "januarja", "januarju"),
        (3, "marec", "marca", "marcu"),
        (6, "junij", "junija", "juniju"),
        (9, "september", "septembra", "septembru"),
        (10, "oktober", "oktobra", "oktobru"),
        (12, "december", "decembra", "decembru"),
    ],
)
def test_months_take_the_case_the_sentence_needs(month, nominative, genitive, locative):
    assert f"mesec {month_name(month)}" == f"mesec {nominative}"
    assert f"meseca {month_name(month, GENITIVE)}" == f"meseca {genitive}"
    assert f"v {month_name(month, LOCATIVE)}" == f"v {locative}"


def test_the_locative_of_every_month_differs_from_its_name():
    assert all(month_name(m, LOCATIVE) != month_name(m) for m in range(1, 13))
    assert [month_name(m, LOCATIVE) for m in (3, 4, 5)] == ["marcu", "aprilu", "maju"]


def test_dates_are_written_day_month_year_with_spaces():
    assert short_date(datetime.date(2023, 4, 7)) == "7. 4. 2023"
    assert short_date(datetime.date(2024, 12, 24)) == "24. 12. 2024"


@pytest.mark.parametrize(
    ("title", "accusative"),
    [
        ("Informacija o varnostnih pojavih", "Informacijo o varnostnih pojavih"),
        ("Analiza prometne varnosti", "Analizo prometne varnosti"),
        ("Poročilo o delu redarstva", "Poročilo o delu redarstva"),
        ("Projekti Lokalne akcijske skupine", "Projekte Lokalne akcijske skupine"),
        ("Predstavitev projekta Varna pot", "Predstavitev projekta Varna pot"),
        # Not known: quoted as they stand, never inflected by guess.
        ("Varnostni ukrepi ob zaključku šolskega leta", None),
        ("Aktualna varnostna problematika", None),
        ("Informacija in analiza stanja", None),
        ("Razno", None),
    ],
)  # fmt: skip
def test_only_titles_opening_with_a_known_noun_are_put_into_the_accusative(title, accusative):
    assert title_in_accusative(title) == accusative


def test_a_guests_function_tells_the_gender_the_verb_takes():
    assert gender_of_description("Ravnateljica OŠ Zelenje Ana Kos") == "f"
    assert gender_of_description("načelnik PP Ptuj mag. Aleksander LUBEJ") == "m"
    assert gender_of_description("mag. Ana Kos") is None
    assert gender_of_description("Vodja službe") is None  # "vodja" is either

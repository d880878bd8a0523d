"""The readability measure for Dutch: syllables, sentences, Flesch–Douma."""

from __future__ import annotations

import pytest

from course.readability import combined, measure, sentences, syllable_count


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("wijk", 1),
        ("over", 2),  # o-ver: a syllable of one letter counts too
        ("wijkagent", 3),
        ("sociaal", 3),  # so-ci-aal: a run of vowels holds several sounds
        ("zoals", 2),
        ("opgroeien", 3),  # op-groei-en
        ("reageer", 3),
        ("beoordelen", 4),
        ("ideeën", 3),  # a diaeresis starts a new sound
        ("politieonderzoek", 6),
        ("drugsmilieu", 3),
        ("yasmina", 3),  # a y before a vowel is a consonant
        ("rvdk", 1),  # every word has at least one
    ],
)
def test_dutch_syllables(word: str, syllables: int) -> None:
    assert syllable_count(word) == syllables


def test_flesch_douma_of_a_known_text() -> None:
    # 2 sentences, 7 words, 9 syllables: 206.835 - 0.93 * 3.5 - 77 * 9 / 7 = 104.58
    figures = measure("De wijkagent ziet het.\n\n- Hij belt op.")
    assert (figures.words, figures.sentences, figures.syllables) == (7, 2, 9)
    assert figures.douma == 104.6
    assert figures.words_per_sentence == 3.5


def test_markup_is_not_read_and_list_items_are_sentences() -> None:
    assert measure("**Halt** helpt [jongeren](https://example.org)").words == 3
    assert measure("- een\n- twee\n- drie").sentences == 3


def test_a_module_is_measured_as_the_sum_of_its_screens() -> None:
    parts = [measure("De school belt."), measure("Het wijkteam helpt de ouders verder.")]
    whole = measure("De school belt.\n\nHet wijkteam helpt de ouders verder.")
    assert combined(parts) == whole
    assert measure("").douma == 100.0


def test_a_list_item_that_links_to_another_site_is_a_source_reference_not_measured() -> None:
    source = (
        '- Autoriteit Persoonsgegevens, ["Gegevensbescherming in samenwerkingsverbanden en '
        'convenanten: een overzicht van mogelijkheden"](https://example.org/a), 2024.'
    )
    prose = "De wijkagent ziet het."
    assert measure(f"{prose}\n\n{source}") == measure(prose)
    assert sentences(f"{prose}\n\n{source}") == sentences(prose)
    # Without its link the same words are prose, and they count; so does a link in prose, and a
    # link within the course (not to another site).
    assert measure(f"{prose}\n\n{source.replace('https://example.org/a', '')}") != measure(prose)
    assert measure("Lees [de uitleg](https://example.org/a) goed.") == measure(
        "Lees de uitleg goed."
    )
    assert measure("- [Les 2](#les-2) lees je eerst.") == measure("- Les 2 lees je eerst.")


def test_a_sentence_ends_before_a_closing_quote_too() -> None:
    text = (
        'Een partner zegt: "Vertel wat hij heeft." Kevin gaf jou ooit een kopie '
        "(voor een aanvraag.) Dan."
    )
    assert [s.text for s in sentences(text)] == [
        "Een partner zegt:",
        '"Vertel wat hij heeft."',
        "Kevin gaf jou ooit een kopie (voor een aanvraag.)",
        "Dan.",
    ]
    assert measure(text).sentences == 4

"""The nynorsk catalogue (builder/i18n/nn.json) against the bokmål one: keys, placeholders, no bokmål words."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

I18N = Path(__file__).resolve().parent.parent / "builder" / "i18n"

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
PAGEFIND_TOKEN = re.compile(r"\[[A-Z_]+\]")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# Bokmål forms with no nynorsk counterpart spelled the same way (nynorsk form in the comment).
BOKMAAL_ONLY = frozenset(
    {
        "ikke",  # ikkje
        "hvor",  # kor / kvar
        "hva",  # kva
        "hvem",  # kven
        "hvordan",  # korleis
        "hvilke",  # kva for
        "hvilken",  # kva for ein
        "hvis",  # viss / om
        "hver",  # kvar
        "hvert",  # kvart
        "noen",  # nokon / nokre
        "noe",  # noko
        "mye",  # mykje
        "fra",  # frå
        "bare",  # berre
        "selv",  # sjølv
        "uten",  # utan
        "ennå",  # enno
        "disse",  # desse
        "dem",  # dei
        "ble",  # vart / blei
        "fikk",  # fekk
        "gikk",  # gjekk
        "mer",  # meir
        "flere",  # fleire
        "tidligere",  # tidlegare
        "finnes",  # finst
        "tall",  # tal
        "tallene",  # tala
        "tallet",  # talet
        "navn",  # namn
        "skole",  # skule
        "lærer",  # lærar
        "lærerårsverk",  # lærarårsverk
        "kilde",  # kjelde
        "kilden",  # kjelda
        "kilder",  # kjelder
        "mottaker",  # mottakar
        "mottakere",  # mottakarar
        "regnskap",  # rekneskap
        "regnskapet",  # rekneskapen
        "tilskudd",  # tilskot
        "bevilgning",  # løyving
        "beregnet",  # berekna
        "statlige",  # statlege
        "offentlige",  # offentlege
        "fylker",  # fylke
        "embeter",  # embete
        "statsforvalteren",  # statsforvaltaren
        "tilgjengelighetserklæring",  # tilgjengeerklæring
        "sammen",  # saman
        "sammenlign",  # samanlikn
    }
)

# Keys where a listed word is data, not prose: it must stay as the data spells it.
ALLOWED = {
    # Lists the status codes as they stand in the machine-readable CSV and JSON («KOLONNE_status» values).
    "dictionary.page_tables": {"beregnet"},
    # «?fylker=03,46» is the comparison page's URL parameter, the same in both languages.
    "privacy.compare": {"fylker"},
}

# Keys whose value is a code or a file name and must be byte-identical to the bokmål value.
IDENTICAL = (
    "status.mark_letter_beregnet",  # the mark letter is also the key suffix of status.mark_b
    "status.mark_letter_eksempel",  # likewise for status.mark_e
    "compare.download_name",  # the downloaded file keeps one name in both languages
    "demo.label",  # also part of the demo ZIP's file name
    "site.name",
)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """One language's catalogue as read from disk."""
    data: dict[str, str] = json.loads((I18N / f"{lang}.json").read_text(encoding="utf-8"))
    return data


def test_same_keys_as_bokmaal() -> None:
    nb, nn = catalogue("nb"), catalogue("nn")
    assert sorted(set(nb) - set(nn)) == [], "nøkler som mangler i nn.json"
    assert sorted(set(nn) - set(nb)) == [], "nøkler i nn.json som ikke finnes i nb.json"


@pytest.mark.parametrize("pattern", [PLACEHOLDER, PAGEFIND_TOKEN], ids=["braces", "pagefind"])
def test_placeholders_match(pattern: re.Pattern[str]) -> None:
    nb, nn = catalogue("nb"), catalogue("nn")
    wrong = {
        k: (sorted(pattern.findall(nb[k])), sorted(pattern.findall(nn[k])))
        for k in nb.keys() & nn.keys()
        if sorted(pattern.findall(nb[k])) != sorted(pattern.findall(nn[k]))
    }
    assert wrong == {}


def test_no_empty_value() -> None:
    assert [k for k, v in catalogue("nn").items() if not isinstance(v, str) or not v.strip()] == []


def test_html_free_stays_html_free() -> None:
    nb, nn = catalogue("nb"), catalogue("nn")
    assert [k for k in nb.keys() & nn.keys() if not TAG.search(nb[k]) and TAG.search(nn[k])] == []


@pytest.mark.parametrize("mark", ["«", "»", "\u00a0", "–"], ids=["open-quote", "close-quote", "nbsp", "en-dash"])
def test_punctuation_conventions_kept(mark: str) -> None:
    nb, nn = catalogue("nb"), catalogue("nn")
    assert {k: nn[k].count(mark) for k in nb.keys() & nn.keys() if nb[k].count(mark) != nn[k].count(mark)} == {}


@pytest.mark.parametrize("key", IDENTICAL)
def test_codes_identical(key: str) -> None:
    assert catalogue("nn")[key] == catalogue("nb")[key]


def words_of(text: str) -> set[str]:
    """The lower-cased words of a message, placeholders left out (their names are code)."""
    return {w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text))}


def test_no_bokmaal_only_words() -> None:
    found = {}
    for key, value in catalogue("nn").items():
        words = words_of(value) & BOKMAAL_ONLY
        words -= ALLOWED.get(key, set())
        if words:
            found[key] = sorted(words)
    assert found == {}


def test_allowlist_is_needed() -> None:
    """Every allowlisted word really occurs in its key, so the list cannot silently grow stale."""
    nn = catalogue("nn")
    for key, words in ALLOWED.items():
        assert words <= words_of(nn[key]), key


def test_word_list_catches_bokmaal() -> None:
    """The check itself: the bokmål catalogue trips it on many keys (independent of nn.json)."""
    nb = catalogue("nb")
    hits = [k for k, v in nb.items() if words_of(v) & BOKMAAL_ONLY]
    assert len(hits) > 200

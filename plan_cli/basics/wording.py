"""How the tool words things for people: dates, counts, ages, short titles.

One home for each form, so the terminal, the documents and the exports say
the same thing the same way. Pure functions: no plan, no clock.
"""

from __future__ import annotations

import re
from datetime import date


def long_date(value: date | None) -> str:
    """Return '6 April 2027' (documents and the published page); an em dash for no date."""
    if value is None:
        return "—"
    return f"{value.day} {value:%B %Y}"


def short_date(value: date) -> str:
    """Return '27 Mar 2025': the terminal's form, where columns are narrow."""
    return f"{value.day} {value:%b %Y}"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """Return '1 item' or '3 items'; ``nouns`` where the plural is not ``noun`` + s."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def verb(count: int, singular: str, plural_form: str) -> str:
    """Return the verb form that agrees with ``count``: ``verb(1, 'needs', 'need')`` is 'needs'."""
    return singular if count == 1 else plural_form


def days_until(when: date, today: date) -> int:
    """Return the days from ``today`` to ``when``: negative once it has passed."""
    return (when - today).days


def describe_days(when: date, today: date) -> str:
    """Return '12 days left', 'due today' or '236 days overdue' for a due date."""
    days = days_until(when, today)
    if days == 0:
        return "due today"
    if days > 0:
        return f"{plural(days, 'day')} left"
    return f"{plural(-days, 'day')} overdue"


def describe_age(days: int | None) -> str:
    """Return how old a figure is in words: 'unknown age', 'current', '5 days old', '11 months old'."""
    if days is None:
        return "unknown age"
    if days <= 0:
        return "current"
    if days < 60:
        return f"{plural(days, 'day')} old"
    months = round(days / 30.44)
    if months < 24:
        return f"{months} months old"
    return f"{days // 365} years old"


def first_sentence(text: str | None, limit: int = 80) -> str:
    """Return a short title for long text: its first sentence, cut at ``limit`` characters."""
    if not text:
        return ""
    sentence = text.split(". ")[0].rstrip(".:")
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


_DEADLINE_PREFIX = re.compile(r"(By )?\d{1,2} \w+ \d{4}( \([^)]*\))?, ")


def short_title(recommendation_text: str) -> str:
    """Return a recommendation's text without its leading deadline phrase, for tables that show the deadline."""
    return _DEADLINE_PREFIX.sub("", recommendation_text, count=1)


def slug(text: str) -> str:
    """Return ``text`` as an id: accents dropped, lower case, each run of other characters one hyphen."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-")


def shell_word(text: str) -> str:
    """Return ``text`` quoted to be pasted into a shell as one word, as a person would write it.

    In double quotes when it holds an apostrophe and nothing a shell expands
    inside them ("Mayor's Office"), not as ``'Mayor'"'"'s Office'``; otherwise
    as :func:`shlex.quote` writes it (bare when nothing needs quoting).
    """
    import shlex

    if "'" in text and not set(text) & set('"$`\\!'):
        return f'"{text}"'
    return shlex.quote(text)


def expected_words(expected: object) -> str:
    """Return when a dependency is expected, in words: 'expected 2026-Q1', or 'expected date unknown'.

    A plan writes ``unknown`` where the source gives no date; "expected unknown" does not read.
    """
    text = str(expected)
    return "expected date unknown" if text.strip().casefold() == "unknown" else f"expected {text}"

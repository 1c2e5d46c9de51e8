"""The one status vocabulary: spellings and owners' words read as one status, ambiguous words refused."""

from __future__ import annotations

import pytest

from plan_cli.plan.model import JUDGED_STATUSES, Status
from plan_cli.plan.status_words import AMBIGUOUS, SYNONYMS, read_status, spoken, status_named


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("Ongoing", Status.IN_PROGRESS),
        ("on track.", Status.IN_PROGRESS),
        ("In hand", Status.IN_PROGRESS),
        ("IN_PROGRESS", Status.IN_PROGRESS),
        ("Completed", Status.COMPLETE),
        ("done", Status.COMPLETE),
        ("Closed", Status.COMPLETE),
        ("not yet started", Status.NOT_STARTED),
        ("Not-Started", Status.NOT_STARTED),
        ("superceded", Status.SUPERSEDED),
        ("**On hold**", Status.BLOCKED),
    ],
)
def test_owners_words_name_one_status(written: str, status: Status) -> None:
    assert status_named(written) is status


def test_every_status_reads_as_itself_in_its_plan_and_spoken_spellings() -> None:
    for status in JUDGED_STATUSES:
        assert status_named(status.value) is status
        assert status_named(spoken(status).upper()) is status


@pytest.mark.parametrize("word", ["amber", "Partially", "partly complete", "RED"])
def test_an_ambiguous_word_is_refused_with_the_statuses_to_choose_from(word: str) -> None:
    reading = read_status(word)
    assert reading.status is None
    assert len(reading.could_be) >= 2
    message = reading.problem()
    assert message.startswith(f"'{word}' could mean ")
    for status in reading.could_be:
        assert f"'{spoken(status)}'" in message


def test_a_near_miss_gets_did_you_mean_and_nonsense_gets_the_list() -> None:
    assert "did you mean 'complete'?" in read_status("compelte").problem()
    message = read_status("purple").problem()
    assert "did you mean" not in message
    assert message.endswith("not started, in progress, blocked, complete, superseded")


def test_unstated_is_not_a_status_a_person_gives() -> None:
    assert status_named("unstated") is None


def test_no_word_means_two_things_and_the_docs_table_is_the_vocabulary() -> None:
    from pathlib import Path

    from plan_cli.plan.status_words import vocabulary_table

    words = [word for synonyms in SYNONYMS.values() for word in synonyms]
    assert len(words) == len(set(words))
    assert not set(words) & set(AMBIGUOUS)
    page = (Path(__file__).resolve().parents[2] / "docs" / "status-words.md").read_text(encoding="utf-8")
    documented = [
        tuple(cell.strip().strip("`") for cell in line.strip("|").split("|"))
        for line in page.splitlines()
        if line.startswith("| ") and not line.startswith(("| status", "| ---"))
    ]
    assert documented == vocabulary_table()

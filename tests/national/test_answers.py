"""Who answered what across the three example forces, against figures worked out by hand.

See tests/test_national.py for each force's items and rounds.
"""

from __future__ import annotations

from plan_cli.national.answers import ForceGaps, catalogue_texts, gaps_words

from .test_rollup import FENLAND, WEARSIDE, counts, items, no_answer, record


def test_per_item_counts_and_no_answer() -> None:
    found = items(record())
    assert list(found) == ["7.1", "7.2", "14.1", "25.1", "25.2"]
    assert found["7.1"]["status_counts"] == counts(blocked=3)
    assert no_answer(found["7.1"]) == []
    # Done earlier needs no new answer: Wearside and Harbour City completed 7.2 before their latest round.
    assert found["7.2"]["status_counts"] == counts(complete=2)
    assert no_answer(found["7.2"]) == [(FENLAND, "missing")]
    assert found["14.1"]["status_counts"] == counts(in_progress=1, superseded=1)
    assert no_answer(found["14.1"]) == [(FENLAND, "missing")]
    assert found["25.1"]["status_counts"] == counts(in_progress=1, not_started=1, complete=1)
    assert found["25.1"]["no_answer"] == [
        {"force": FENLAND, "reason": "no-update", "status": "not-started", "last_round": "First Response"}
    ]
    assert found["25.2"]["status_counts"] == counts(in_progress=2)
    assert no_answer(found["25.2"]) == [(WEARSIDE, "missing")]
    assert [found[i]["forces"] for i in found] == [3, 2, 2, 3, 2]


def test_per_recommendation_worst_status_and_no_answer() -> None:
    recs = {rec["number"]: rec for rec in record()["recommendations"]}
    assert list(recs) == [7, 14, 25]
    assert recs[7]["status_counts"] == counts(blocked=3)
    assert recs[14]["status_counts"] == counts(in_progress=1, superseded=1)
    # Fenland's 25 is not started at worst (25.1), the others in progress at worst.
    assert recs[25]["status_counts"] == counts(in_progress=2, not_started=1)
    assert no_answer(recs[7]) == []
    assert no_answer(recs[14]) == [(FENLAND, "missing")]
    assert no_answer(recs[25]) == []  # Fenland answered 25.2 in its latest round


def test_each_force_says_what_it_has_not_answered_once() -> None:
    gaps = {entry["force"]: entry for entry in record()["missing_answers"]}
    assert gaps[FENLAND]["not_in_plan"] == ["14", "7.2"]
    assert gaps[FENLAND]["no_update"] == ["25.1"]
    assert gaps[FENLAND]["words"] == "not in its plan: 14, 7.2; no update in its latest round: 25.1"
    assert gaps[WEARSIDE]["words"] == "not in its plan: 25.2"
    assert "Harbour City Police Service" not in gaps  # it answered everything counted


def test_no_round_published_is_said_instead_of_every_item_lacking_an_update() -> None:
    gaps = ForceGaps("Anywhere Police", ("9",), (), True)
    assert gaps_words(gaps) == "not in its plan: 9; no round published yet"
    assert gaps_words(ForceGaps("Anywhere Police", (), (), False)) == ""


def test_missing_items_are_not_counted_under_an_owner_filter() -> None:
    assert all(not entry["not_in_plan"] for entry in record(owner="Chief Constable")["missing_answers"])


def test_recommendation_text_is_the_catalogue_s_with_each_force_s_own_wording_named() -> None:
    shipped = catalogue_texts()
    recs = {rec["number"]: rec for rec in record()["recommendations"]}
    assert recs[7]["text"] == shipped[7]
    assert recs[7]["text_force"] == ""
    assert recs[7]["wordings"] == [
        {
            "text": "By 27 March 2025, seek changes to crime recording systems so that stalking can be "
            "recorded with other offences.",
            "forces": [FENLAND, "Harbour City Police Service", WEARSIDE],
        }
    ]


def test_catalogue_texts_are_the_shipped_catalogue_s() -> None:
    from plan_cli.plan.catalogue import load_catalogue

    assert catalogue_texts() == {rec.number: rec.text for rec in load_catalogue().recommendations}

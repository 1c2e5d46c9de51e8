"""Who answered what across the three example forces, against figures worked out by hand.

See tests/test_national.py for each force's items and rounds.
"""

from __future__ import annotations

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
    assert recs[7]["text"].startswith("By 27 March 2025, seek changes")

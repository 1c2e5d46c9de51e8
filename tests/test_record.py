"""The plan file is the published record: check data/plan.yaml against the seed.

The seed (tests/fixtures/seed/, a byte-exact copy of the published March 2026
action plan) is one tab-separated line per evidence item whose cells hold HTML.
These tests read its cells with the importer's reader (tags dropped, entities
decoded, bold labels split off: plan_cli.importer) but place the rows
themselves, from what the seed is known to hold, and check that data/plan.yaml
keeps every word of it, files every item under the right recommendation and
keeps the paragraph structure of every update round.
"""

import copy
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from plan_cli.importer.sources import table_from_tab_separated
from plan_cli.importer.table import Cell, segments

HERE = Path(__file__).parent
SEED = HERE / "fixtures" / "seed" / "northumbria-stalking-action-plan-march-2026.txt"
PLAN = HERE.parent / "data" / "plan.yaml"

ITEM_ID = re.compile(r"^(\d+)\.\d+")
NUMBER_ONLY = re.compile(r"^\d+(\.\d+)?$")
ROUND_OF_LABEL = {"March 2025 Update": "march-2025", "March 2026 Update": "march-2026"}
# The last column is headed "March 2026 Update:"; an unlabelled paragraph there is that round.
LAST_COLUMN_ROUND = "march-2026"
# Rows whose two update paragraphs are both labelled "March 2026 Update"; the
# first is, by content, the March 2025 update.
MISLABELLED = {"17.1", "18.1"}
# Header/column-heading cells that name YAML fields rather than carry text.
FIELD_LABELS = {
    "Force",
    "Executive Lead",
    "Operational Lead",
    "Rec. No.",
    "Recommendation",
    "Evidence requirements of progress/completion",
    "Recommendation Owner",
}


# ---- seed -------------------------------------------------------------------


def text_of(cell: Cell) -> str:
    return " ".join(cell.texts)


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def parse_seed(seed_path=SEED):
    """Return (header_cells, items); each item a dict with id, rec, cells, rounds."""
    table = table_from_tab_separated(Path(seed_path).read_text(encoding="utf-8"))
    header = [text_of(cell) for cell in table.preamble]
    items, rec = [], None
    for row in table.rows:
        cells = row.cells
        third = text_of(cells[2]) if len(cells) > 2 else ""
        m = ITEM_ID.match(third)
        if not m:
            header.extend(text_of(c) for c in cells if not c.is_empty)
            continue
        first = text_of(cells[0])
        if first:
            rec = int(first)
        iid = m.group(0)
        assert int(m.group(1)) == rec, f"{iid} under recommendation {rec}"
        # The last two non-empty cells after the id are the initial response and
        # the update column, also in the 6-cell rows (12.2-13.2) and in 16.1,
        # whose cells are shifted one column left.
        tail = [c for c in cells[3:] if not c.is_empty]
        initial, last = tail[-2:]
        rounds = {"initial": segments(initial)}
        upd = segments(last)
        labels = [label for label, _ in upd]
        if iid in MISLABELLED:
            assert labels == ["March 2026 Update", "March 2026 Update"], (iid, labels)
            rounds["march-2025"], rounds["march-2026"] = [upd[0]], [upd[1]]
        else:
            for label, text in upd:
                r = ROUND_OF_LABEL[label] if label else LAST_COLUMN_ROUND
                assert r not in rounds, f"{iid}: two {r} paragraphs in the seed"
                rounds[r] = [(label, text)]
        items.append({"id": iid, "rec": rec, "cells": cells, "rounds": rounds})
    return header, items


# ---- plan -------------------------------------------------------------------


def load_plan(plan_path=PLAN):
    return yaml.safe_load(Path(plan_path).read_text(encoding="utf-8"))


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def record_strings(rec, item):
    """The published-record strings of one row: recommendation and item text, owners, updates."""
    out = [rec.get("text", ""), rec.get("owner", "")]
    out += [item.get("evidence", ""), item.get("owner", "")]
    for upd in (item.get("updates") or {}).values():
        out.append(upd.get("text", ""))
        for part in upd.get("parts") or []:
            out += [part.get("label", ""), part.get("text", "")]
    return [s for s in out if isinstance(s, str) and s]


def plan_items(plan):
    for rec in plan.get("recommendations") or []:
        for item in rec.get("items") or []:
            yield rec, item


def update_paragraphs(upd):
    """[(label or None, text)] of one update in the plan."""
    if upd.get("parts"):
        return [(p.get("label"), p.get("text", "")) for p in upd["parts"]]
    return [(None, t) for t in upd.get("text", "").split("\n\n")]


# ---- checks (parametrised on the plan path so they can be shown to fail) -------


def header_pieces(header):
    for cell in header:
        for piece in re.split(r":(?:\s+|$)", cell.replace("**", "")):
            piece = piece.strip()
            if piece and piece not in FIELD_LABELS:
                yield piece


def find_missing_sentences(plan_path=PLAN, seed_path=SEED):
    """Every sentence of every seed cell that is not word for word in the plan.

    Header sentences may be anywhere in the plan's top-level fields and round
    titles; a row's sentences must be in that row's own recommendation/item strings.
    """
    plan = load_plan(plan_path)
    header, items = parse_seed(seed_path)
    missing = []
    top = [v for k, v in plan.items() if isinstance(v, str)]
    top += [r.get("title", "") for r in plan.get("rounds") or []]
    for piece in header_pieces(header):
        for s in sentences(piece):
            if not any(s in t for t in top):
                missing.append(("header", s))
    by_id = {}
    for rec, item in plan_items(plan):
        by_id.setdefault(str(item.get("id")), []).extend(record_strings(rec, item))
    for it in items:
        scope = by_id.get(it["id"], [])
        for cell in it["cells"]:
            for _label, text in segments(cell):
                for s in sentences(text):
                    if NUMBER_ONLY.match(s):  # rec numbers and item ids: see the id test
                        continue
                    if not any(s in t for t in scope):
                        missing.append((it["id"], s))
    return missing


def find_altered_paragraphs(plan_path=PLAN, seed_path=SEED):
    """Stricter than sentences: each seed paragraph (spacing included) must be in the row's strings."""
    plan = load_plan(plan_path)
    _header, items = parse_seed(seed_path)
    by_id = {}
    for rec, item in plan_items(plan):
        by_id.setdefault(str(item.get("id")), []).extend(record_strings(rec, item))
    bad = []
    for it in items:
        scope = by_id.get(it["id"], [])
        for cell in it["cells"]:
            for _label, text in segments(cell):
                if NUMBER_ONLY.match(text):
                    continue
                if not any(text in t for t in scope):
                    bad.append((it["id"], text))
    return bad


def find_id_problems(plan_path=PLAN, seed_path=SEED):
    plan = load_plan(plan_path)
    _header, items = parse_seed(seed_path)
    found = Counter()
    rec_of = {}
    problems = []
    for rec, item in plan_items(plan):
        iid = item.get("id")
        if not isinstance(iid, str):
            problems.append(f"item id {iid!r} is not a string")
            iid = str(iid)
        found[iid] += 1
        rec_of[iid] = rec.get("number")
    for it in items:
        n = found.get(it["id"], 0)
        if n != 1:
            problems.append(f"{it['id']} appears {n} times in the plan (expected once)")
        elif rec_of[it["id"]] != it["rec"]:
            problems.append(f"{it['id']} is under recommendation {rec_of[it['id']]}, seed has {it['rec']}")
    extra = set(found) - {it["id"] for it in items}
    problems += [f"{iid} is in the plan but not in the seed" for iid in sorted(extra)]
    return problems


def find_paragraph_count_problems(plan_path=PLAN, seed_path=SEED):
    plan = load_plan(plan_path)
    _header, items = parse_seed(seed_path)
    by_id = {str(item.get("id")): item for _rec, item in plan_items(plan)}
    problems = []
    for it in items:
        item = by_id.get(it["id"])
        if item is None:
            problems.append(f"{it['id']}: not in the plan")
            continue
        updates = item.get("updates") or {}
        if set(updates) != set(it["rounds"]):
            problems.append(
                f"{it['id']}: rounds {sorted(updates)} in the plan, {sorted(it['rounds'])} in the seed"
            )
        for r, segs in it["rounds"].items():
            if r not in updates:
                continue
            got = update_paragraphs(updates[r])
            if len(got) != len(segs):
                problems.append(f"{it['id']} {r}: {len(got)} paragraphs in the plan, {len(segs)} in the seed")
            elif r == "initial" and [label for label, _ in got] != [label for label, _ in segs]:
                problems.append(
                    f"{it['id']} {r}: labels {[label for label, _ in got]} in the plan, {[label for label, _ in segs]} in the seed"
                )
    return problems


def fmt(problems):
    return "\n".join(f"  {p}" for p in problems)


# ---- tests ----------------------------------------------------------------------


def test_seed_fixture_parses():
    header, items = parse_seed()
    assert len(items) == 33
    assert items[0]["id"] == "7.1" and items[-1]["id"] == "28.1"
    assert "Northumbria Police" in header


def test_plan_loads_with_schema_comment():
    first = PLAN.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == "# yaml-language-server: $schema=../plan.schema.json"
    assert isinstance(load_plan(), dict)


def test_every_seed_sentence_is_in_the_plan():
    missing = find_missing_sentences()
    assert not missing, f"{len(missing)} seed sentences missing from data/plan.yaml:\n" + fmt(missing)


def test_every_seed_paragraph_is_verbatim_in_the_plan():
    bad = find_altered_paragraphs()
    assert not bad, f"{len(bad)} seed paragraphs not verbatim in data/plan.yaml:\n" + fmt(bad)


def test_every_item_once_under_its_recommendation():
    problems = find_id_problems()
    assert not problems, "\n" + fmt(problems)


def test_paragraphs_per_item_and_round_match():
    problems = find_paragraph_count_problems()
    assert not problems, "\n" + fmt(problems)


def test_mislabelled_rows_are_still_mislabelled_in_the_seed():
    # If the seed is ever corrected, MISLABELLED (and the YAML comments) must go.
    _header, items = parse_seed()
    for it in items:
        labels = [label for label, _ in segments([c for c in it["cells"][3:] if not c.is_empty][-1])]
        assert (labels == ["March 2026 Update"] * 2) == (it["id"] in MISLABELLED), it["id"]


# ---- the checks can fail -----------------------------------------------------------


def _write(tmp_path, plan):
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _item(plan, iid):
    return next(item for _rec, item in plan_items(plan) if item["id"] == iid)


def test_a_deleted_sentence_is_reported(tmp_path):
    plan = load_plan()
    upd = _item(plan, "7.1")["updates"]["march-2026"]
    gone = "This remains the position for all NICHE Forces."
    assert gone in upd["text"]
    upd["text"] = upd["text"].replace(gone + " ", "")
    missing = find_missing_sentences(_write(tmp_path, plan))
    assert missing == [("7.1", gone)]


def test_a_changed_word_is_reported(tmp_path):
    plan = load_plan()
    part = _item(plan, "18.2")["updates"]["initial"]["parts"][0]
    part["text"] = part["text"].replace("coronium", "consortium")
    missing = find_missing_sentences(_write(tmp_path, plan))
    assert [iid for iid, _ in missing] == ["18.2"] and "coronium" in missing[0][1]


def test_collapsed_spacing_is_reported(tmp_path):
    plan = load_plan()
    rec = next(r for r in plan["recommendations"] if r["number"] == 10)
    assert "stalking.  Chief" in rec["text"]
    rec["text"] = rec["text"].replace("stalking.  Chief", "stalking. Chief")
    assert find_missing_sentences(_write(tmp_path, plan)) == []  # sentences alone miss this
    assert {iid for iid, _ in find_altered_paragraphs(tmp_path / "plan.yaml")} == {
        "10.1"
    }  # the row carrying the text


def test_a_moved_or_duplicated_item_is_reported(tmp_path):
    plan = load_plan()
    recs = {r["number"]: r for r in plan["recommendations"]}
    moved = recs[7]["items"].pop()  # 7.2
    recs[10]["items"].append(moved)
    recs[10]["items"].append(copy.deepcopy(recs[10]["items"][0]))  # 10.1 twice
    problems = find_id_problems(_write(tmp_path, plan))
    assert problems == [
        "7.2 is under recommendation 10, seed has 7",
        "10.1 appears 2 times in the plan (expected once)",
    ]


def test_merged_or_missing_paragraphs_are_reported(tmp_path):
    plan = load_plan()
    upd = _item(plan, "7.1")["updates"]["initial"]
    parts = upd.pop("parts")
    upd["text"] = "\n\n".join(p["text"] for p in parts[:2]) + " " + parts[2]["text"]
    del _item(plan, "10.1")["updates"]["march-2025"]
    problems = find_paragraph_count_problems(_write(tmp_path, plan))
    assert problems == [
        "7.1 initial: 2 paragraphs in the plan, 3 in the seed",
        "10.1: rounds ['initial', 'march-2026'] in the plan, ['initial', 'march-2025', 'march-2026'] in the seed",
    ]


@pytest.mark.parametrize("iid,label", [("14.2", "Progress"), ("18.4", "Progress & Action")])
def test_relabelled_parts_are_reported(tmp_path, iid, label):
    plan = load_plan()
    parts = _item(plan, iid)["updates"]["initial"]["parts"]
    part = next(p for p in parts if p["label"] == label)
    part["label"] = "Context"
    problems = find_paragraph_count_problems(_write(tmp_path, plan))
    assert len(problems) == 1 and problems[0].startswith(f"{iid} initial: labels")

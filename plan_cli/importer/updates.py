"""From a response cell to an item's updates: which round each paragraph answers.

A response cell usually holds one round's update, but a paragraph labelled with
another round's name ("June 2027 Update: ...") starts that round's update. The
paragraphs are gathered per round into :class:`ImportedUpdate` records, kept as
labelled parts when every paragraph is labelled, otherwise as text.
"""

from __future__ import annotations

import re

from plan_cli.importer.headings import Column, round_of
from plan_cli.importer.records import ImportedItem, ImportedRound, ImportedUpdate
from plan_cli.importer.table import Cell, plain_segments, quoted, segments

_PLAIN_ROUND = re.compile(r"^([A-Za-z][\w ]{2,40}?\d{2,4}[\w ]{0,20}?)\s*(?::|\s[-\u2013\u2014])\s+")


def declare_round(rounds: dict[str, ImportedRound], found: ImportedRound) -> ImportedRound:
    """Return the round already declared under ``found``'s id, declaring it first if it is new."""
    known = rounds.get(found.id)
    if known is None:
        rounds[found.id] = known = ImportedRound(found.id, found.title, found.order)
    return known


def response_segments(cell: Cell, plain: bool) -> list[tuple[str | None, str]]:
    """Return the cell's paragraphs as (label, text) pairs; with ``plain``, labels are read from the text alone.

    A paragraph opening with a round's name and a dash or colon ("<Month Year> update - The ...") is
    labelled with it even where the label is not bold.
    """
    found = plain_segments(cell) if plain else segments(cell)
    out: list[tuple[str | None, str]] = []
    for label, text in found:
        opening = _PLAIN_ROUND.match(text) if label is None else None
        if opening and round_of(opening[1]) is not None:
            out.append((opening[1], text[opening.end() :].strip()))
        else:
            out.append((label, text))
    return out


def glued(cell: Cell, label: str) -> bool:
    """True when the round label ``label`` sits inside a paragraph, after other words, not at its start."""
    for paragraph in cell.paragraphs:
        before = ""
        for run in paragraph:
            if run.bold and run.text.strip().rstrip(":-\u2013\u2014 ") == label and before.strip():
                return True
            before += run.text
    return False


def take_responses(
    item: ImportedItem, cell: Cell, column: Column, rounds: dict[str, ImportedRound], plain: bool
) -> None:
    """Add to the item an update for each round its response cell gives; return nothing.

    A paragraph labelled with a round's name starts that round's update (declared in
    ``rounds`` if it has no column of its own); the rest belong to the column's round.
    """
    assert column.round is not None
    home = rounds[column.round.id]
    found: list[tuple[ImportedRound, str | None, list[tuple[str | None, str]]]] = []
    current: tuple[ImportedRound, str | None] = (home, None)
    pieces: list[tuple[str | None, str]] = []
    known_notes: dict[str, list[str]] = {}
    for label, text in response_segments(cell, plain):
        named = round_of(label) if label else None
        if named is not None:
            if pieces:
                found.append((current[0], current[1], pieces))
            known = rounds.get(named.id)
            if known is None:
                known = declare_round(rounds, named)
                known.notes.append(f'no column of its own: named by the label "{label}" inside a cell')
            current, pieces = (known, label), []
            if glued(cell, label or ""):
                known_notes.setdefault(known.id, []).append(
                    f'the label "{label}" is glued to the text before it in the source; a round of its own here'
                )
            if text:
                pieces.append((None, text))
            continue
        pieces.append((label, text))
    if pieces:
        found.append((current[0], current[1], pieces))
    seen = [r.id for r, _, _ in found]
    order = sorted(rounds.values(), key=lambda r: r.order)
    gathered: dict[str, tuple[list[tuple[str | None, str]], list[str]]] = {}
    for position, (declared, label, parts) in enumerate(found):
        target, note = declared, None
        if seen.count(declared.id) > 1 and seen.index(declared.id) == position:
            earlier = [
                r for r in order if r.order < declared.order and r.id not in seen and r.id != "initial"
            ]
            if earlier:
                target = earlier[-1]
                note = (
                    f'labelled "{label}"; by its position (first of {seen.count(declared.id)} paragraphs '
                    f'labelled "{label}") this is the {target.title}'
                )
        elif label is not None and declared.order > home.order:
            note = f'labelled "{label}" in the column headed "{column.heading}"'
        texts, notes = gathered.setdefault(target.id, ([], []))
        texts.extend(parts)
        if note:
            notes.append(note)
    for round_id, (texts, notes) in gathered.items():
        before = item.updates.pop(round_id, None)
        if before is not None:
            kept: list[tuple[str | None, str]] = list(before.parts) or [
                (None, text) for text in (before.text or "").split("\n\n")
            ]
            texts = [*kept, *texts]
            notes = [
                *before.notes,
                *notes,
                f"the {rounds[round_id].title} is in two cells; joined here",
            ]
        update = _update(round_id, texts)
        update.notes.extend([*notes, *known_notes.get(round_id, [])])
        if update.text is not None or update.parts:
            item.updates[round_id] = update
        else:
            item.notes.append(f'the {rounds[round_id].title} label has no text ("{quoted(cell.shown, 50)}")')


def _update(round_id: str, pieces: list[tuple[str | None, str]]) -> ImportedUpdate:
    update = ImportedUpdate(round_id)
    pieces = [(label, text) for label, text in pieces if text or label]
    labels = [label for label, _ in pieces]
    if pieces and all(labels) and all(text for _, text in pieces):
        update.parts = [(label or "", text) for label, text in pieces]
    elif pieces:
        update.text = "\n\n".join(f"{label} - {text}" if label else text for label, text in pieces)
        if any(labels):
            update.notes.append(
                "labelled and unlabelled paragraphs mixed; kept as text, labels written 'Label - '"
            )
    return update

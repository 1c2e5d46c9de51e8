"""Edits to the hand-kept plan file that change only what they must.

The file is never re-serialised. Each edit composes the YAML to learn where
things sit (the parser's marks), then inserts new lines after the last line of
the entry it extends, or replaces one value's characters, in the file's own
indentation and line endings. Every other byte (comments, blank lines, quoting,
key order, the ``# source:`` notes) stays as it was. New text is written so
that YAML reads it back exactly, and each edit is checked by loading the
result: if the loader would refuse it or read anything other than what was
meant, the edit raises EditError and nothing is written.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from plan_cli.basics.pyyaml import yaml
from plan_cli.editing.plan_file import EditError
from plan_cli.editing.yaml_writer import UnwritableValue
from plan_cli.editing.yaml_writer import field as _field
from plan_cli.editing.yaml_writer import scalar as _scalar
from plan_cli.plan.model import Plan, Status


def yaml_scalar(value: str) -> str:
    """Return ``value`` as a one-line YAML scalar that reads back exactly (EditError if none does)."""
    try:
        return _scalar(value)
    except UnwritableValue as error:  # pragma: no cover - a guard, not a branch
        raise EditError(str(error)) from None


def yaml_field(key: str, value: str, indent: int, newline: str) -> str:
    """Return ``key: value`` lines at ``indent`` that read back as ``value`` exactly (EditError if none do)."""
    try:
        return _field(key, value, indent, newline)
    except UnwritableValue as error:  # pragma: no cover - a guard, not a branch
        raise EditError(str(error)) from None


# --- finding places ------------------------------------------------------------


def _compose(text: str) -> yaml.MappingNode:
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise EditError(f"the plan file is not valid YAML: {error}") from None
    if not isinstance(node, yaml.MappingNode):
        raise EditError("the plan file is not a mapping of fields")
    return node


def _entry(mapping: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _block(node: yaml.Node, what: str) -> None:
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.flow_style:
        raise EditError(
            f"{what} is written in flow style ({{…}} or […]) at line {node.start_mark.line + 1}; "
            "write it as indented lines so that plan can add to it"
        )


def _end_of_entry(text: str, node: yaml.Node) -> int:
    """The offset just after the last line of ``node`` (past any comment on that line)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark.index
    if end > 0 and text[end - 1] == "\n":
        return end
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def _insert(text: str, at: int, lines: str, newline: str) -> str:
    if at == len(text) and text and not text.endswith("\n"):
        lines = newline + lines
    return text[:at] + lines + text[at:]


def _line_prefix(text: str, index: int) -> str:
    """The characters of the line holding ``index`` before it (e.g. '  - ' before a list entry's first key)."""
    start = text.rfind("\n", 0, index) + 1
    return text[start:index]


def _item_node(root: yaml.MappingNode, item_id: str) -> yaml.MappingNode:
    recommendations = _entry(root, "recommendations")
    if recommendations is not None and isinstance(recommendations[1], yaml.SequenceNode):
        for rec in recommendations[1].value:
            items = _entry(rec, "items")
            if items is None or not isinstance(items[1], yaml.SequenceNode):
                continue
            for item in items[1].value:
                found = _entry(item, "id")
                if found is not None and isinstance(item, yaml.MappingNode) and found[1].value == item_id:
                    return item
    raise EditError(f"there is no item {item_id} in the plan file")


def _round_node(root: yaml.MappingNode, round_id: str) -> yaml.MappingNode:
    rounds = _entry(root, "rounds")
    if rounds is not None and isinstance(rounds[1], yaml.SequenceNode):
        for declared in rounds[1].value:
            found = _entry(declared, "id")
            if found is not None and isinstance(declared, yaml.MappingNode) and found[1].value == round_id:
                _block(declared, f"the round {round_id}")
                return declared
    raise EditError(f"there is no round {round_id} under rounds: in the plan file")


# --- the edits -----------------------------------------------------------------


def add_round(text: str, round_id: str, title: str, due: date | None, newline: str = "\n") -> str:
    """Return the plan text with a new round appended to ``rounds:`` in the file's own layout."""
    root = _compose(text)
    rounds = _entry(root, "rounds")
    if rounds is None or not isinstance(rounds[1], yaml.SequenceNode) or not rounds[1].value:
        raise EditError(
            "the plan file has no list under rounds: to add a round to; declare the first by hand"
        )
    _block(rounds[1], "rounds:")
    last = rounds[1].value[-1]
    if not isinstance(last, yaml.MappingNode) or not last.value:
        raise EditError("the last entry under rounds: is not a round (id:, title:); fix it first")
    _block(last, "the last round")
    first_key = last.value[0][0]
    prefix = _line_prefix(text, first_key.start_mark.index)
    indent = first_key.start_mark.column
    lines = prefix + f"id: {yaml_scalar(round_id)}{newline}"
    lines += yaml_field("title", title, indent, newline)
    if due is not None:
        lines += f"{' ' * indent}due: {due.isoformat()}{newline}"
    return _insert(text, _end_of_entry(text, last), lines, newline)


def publish_round(
    text: str,
    round_id: str,
    published: date,
    old_title: str | None,
    new_title: str | None,
    newline: str = "\n",
) -> str:
    """Return the plan text with ``published:`` on the round and the title's round name replaced.

    ``old_title``/``new_title`` are the round names in the plan's title to swap
    (both None to leave the title alone); the swap happens inside the title's
    own characters, so its quoting stays.
    """
    root = _compose(text)
    declared = _round_node(root, round_id)
    if _entry(declared, "published") is not None:
        raise EditError(f"the round {round_id} already has published: in the plan file")
    indent = declared.value[0][0].start_mark.column
    at = _end_of_entry(text, declared)
    title_edit: tuple[int, int, str] | None = None
    if old_title is not None and new_title is not None:
        title_entry = _entry(root, "title")
        if title_entry is None:
            raise EditError("the plan file has no title: to update")
        node = title_entry[1]
        start, end = node.start_mark.index, node.end_mark.index
        written = text[start:end]
        bracketed = f"({old_title})"
        current = yaml.safe_load("k: " + written)["k"]
        meant = current.replace(bracketed, f"({new_title})", 1)
        in_place = written.replace(bracketed, f"({new_title})") if written.count(bracketed) == 1 else None
        if in_place is not None and _reads_back(in_place, meant):
            title_edit = (start, end, in_place)
        else:
            title_edit = (start, end, yaml_scalar(meant))
    new = _insert(text, at, f"{' ' * indent}published: {published.isoformat()}{newline}", newline)
    if title_edit is not None:
        start, end, replacement = title_edit
        if start >= at:  # pragma: no cover - the title comes before rounds: in every plan we know
            start, end = start + len(new) - len(text), end + len(new) - len(text)
        new = new[:start] + replacement + new[end:]
    return new


def _reads_back(written: str, meant: str) -> bool:
    """True when ``written``, as a value after ``key:``, reads back as ``meant`` and nothing else."""
    try:
        return bool(yaml.safe_load("k: " + written) == {"k": meant})
    except yaml.YAMLError:
        return False


def set_round_field(text: str, round_id: str, key: str, value: str | date, newline: str = "\n") -> str:
    """Return the plan text with the round's ``key:`` set to ``value``: replaced in place, or added last.

    A date is written as YYYY-MM-DD; text through the one YAML writer.
    """
    root = _compose(text)
    declared = _round_node(root, round_id)
    written = value.isoformat() if isinstance(value, date) else None
    existing = _entry(declared, key)
    if existing is not None:
        node = existing[1]
        if not isinstance(node, yaml.ScalarNode) or node.style in ("|", ">"):
            raise EditError(f"the round {round_id}'s {key}: is not a one-line value; change it by hand")
        replacement = written if written is not None else yaml_scalar(str(value))
        return text[: node.start_mark.index] + replacement + text[node.end_mark.index :]
    indent = declared.value[0][0].start_mark.column
    if written is not None:
        lines = f"{' ' * indent}{key}: {written}{newline}"
    else:
        lines = yaml_field(key, str(value), indent, newline)
    return _insert(text, _end_of_entry(text, declared), lines, newline)


def remove_round(text: str, round_id: str) -> str:
    """Return the plan text without the round's entry under ``rounds:`` (its lines, comments on them included)."""
    root = _compose(text)
    declared = _round_node(root, round_id)
    start = text.rfind("\n", 0, declared.start_mark.index) + 1
    return text[:start] + text[_end_of_entry(text, declared) :]


def remove_update(text: str, item_id: str, round_id: str) -> str:
    """Return the plan text without ``item_id``'s update for ``round_id`` (unchanged if it has none).

    Where it was the item's only update, ``updates:`` is left as ``updates: {}`` (no response yet),
    keeping any comment on its line.
    """
    root = _compose(text)
    item = _item_node(root, item_id)
    updates = _entry(item, "updates")
    if updates is None or not isinstance(updates[1], yaml.MappingNode):
        return text
    _block(updates[1], f"item {item_id}'s updates:")
    existing = _entry(updates[1], round_id)
    if existing is None:
        return text
    if len(updates[1].value) == 1:
        colon = text.index(":", updates[0].end_mark.index)
        line_end = text.find("\n", colon) + 1
        return text[:colon] + ": {}" + text[colon + 1 : line_end] + text[_end_of_entry(text, updates[1]) :]
    start = text.rfind("\n", 0, existing[0].start_mark.index) + 1
    return text[:start] + text[_end_of_entry(text, existing[1]) :]


def set_update(
    text: str,
    item_id: str,
    round_id: str,
    status: Status,
    body: str,
    replace: bool = False,
    newline: str = "\n",
) -> str:
    """Return the plan text with ``item_id``'s update for ``round_id`` set to ``status`` and ``body``.

    A new update is added after the item's last update, in the file's own
    indentation. An existing one is changed only with ``replace``: its status
    and text values are replaced in place (comments stay), or, for an update
    written in labelled parts, the whole entry is rewritten with text.
    """
    root = _compose(text)
    item = _item_node(root, item_id)
    _block(item, f"item {item_id}")
    updates = _entry(item, "updates")
    item_indent = item.value[0][0].start_mark.column
    if updates is None:
        lines = f"{' ' * item_indent}updates:{newline}"
        lines += _update_lines(round_id, status, body, item_indent + 2, 2, newline)
        return _insert(text, _end_of_entry(text, item), lines, newline)
    key_node, value = updates
    if isinstance(value, yaml.MappingNode) and value.flow_style and not value.value:
        # `updates: {}` before the first response: the empty braces make way for the block
        lines = _update_lines(round_id, status, body, item_indent + 2, 2, newline)
        line_end = _end_of_entry(text, value)
        new = text[: key_node.end_mark.index] + ":" + text[value.end_mark.index :]
        return _insert(new, line_end - (len(text) - len(new)), lines, newline)
    if isinstance(value, yaml.ScalarNode) and value.value == "" and value.tag.endswith(":null"):
        lines = _update_lines(round_id, status, body, item_indent + 2, 2, newline)
        return _insert(text, _end_of_entry(text, key_node), lines, newline)
    if not isinstance(value, yaml.MappingNode):
        raise EditError(f"item {item_id}: updates: is not a mapping of rounds; fix it by hand first")
    _block(value, f"item {item_id}'s updates:")
    round_indent = value.value[0][0].start_mark.column
    step = _step(value, round_indent)
    existing = _entry(value, round_id)
    if existing is None:
        lines = _update_lines(round_id, status, body, round_indent, step, newline)
        return _insert(text, _end_of_entry(text, value), lines, newline)
    if not replace:
        raise EditError(f"item {item_id} already has an update for {round_id}; pass --force to replace it")
    return _replace_update(text, existing, round_id, status, body, round_indent, step, newline)


def _step(updates: yaml.MappingNode, round_indent: int) -> int:
    for _, entry in updates.value:
        if isinstance(entry, yaml.MappingNode) and entry.value and not entry.flow_style:
            return max(1, int(entry.value[0][0].start_mark.column) - round_indent)
    return 2


def _update_lines(round_id: str, status: Status, body: str, indent: int, step: int, newline: str) -> str:
    inner = indent + step
    return (
        f"{' ' * indent}{yaml_scalar(round_id)}:{newline}"
        f"{' ' * inner}status: {status.value}{newline}" + yaml_field("text", body, inner, newline)
    )


def _replace_update(
    text: str,
    existing: tuple[yaml.Node, yaml.Node],
    round_id: str,
    status: Status,
    body: str,
    round_indent: int,
    step: int,
    newline: str,
) -> str:
    key_node, entry = existing
    status_entry = _entry(entry, "status")
    text_entry = _entry(entry, "text")
    if (
        isinstance(entry, yaml.MappingNode)
        and not entry.flow_style
        and status_entry is not None
        and text_entry is not None
        and _entry(entry, "parts") is None
        and isinstance(text_entry[1], yaml.ScalarNode)
        and text_entry[1].style != "|"
        and text_entry[1].style != ">"
    ):
        edits = [
            (status_entry[1].start_mark.index, status_entry[1].end_mark.index, status.value),
            (text_entry[1].start_mark.index, text_entry[1].end_mark.index, yaml_scalar(body)),
        ]
        for start, end, new_value in sorted(edits, reverse=True):
            text = text[:start] + new_value + text[end:]
        return text
    start = text.rfind("\n", 0, key_node.start_mark.index) + 1
    end = _end_of_entry(text, entry)
    return text[:start] + _update_lines(round_id, status, body, round_indent, step, newline) + text[end:]


class UpdateEdit(NamedTuple):
    """One item's update to write into a round."""

    item_id: str
    status: Status
    text: str
    replace: bool = False


def set_updates(text: str, round_id: str, edits: list[UpdateEdit], newline: str = "\n") -> str:
    """Return the plan text with every edit made (check the result with :func:`verify_updates`).

    Raise EditError (and so write nothing) when any edit cannot be made.
    """
    for edit in edits:
        text = set_update(text, edit.item_id, round_id, edit.status, edit.text, edit.replace, newline)
    return text


def verify_updates(plan: Plan, round_id: str, edits: list[UpdateEdit]) -> None:
    """Raise EditError unless ``plan`` (the edited plan, loaded) reads back every edit exactly as given."""
    for edit in edits:
        item = plan.item(edit.item_id)
        update = item.update_for(round_id) if item is not None else None
        if update is None or update.status is not edit.status or update.text != edit.text or update.parts:
            raise EditError(
                f"item {edit.item_id}: the edited plan would not read back the update as given, "
                "so nothing was written; please report this with the draft"
            )

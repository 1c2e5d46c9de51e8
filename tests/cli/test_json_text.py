"""JSON text written as json.dumps(indent=2, ensure_ascii=False) writes it, byte for byte."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_cli.cli.json_text import dumps

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.dates()
)
KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=30,
)


def iso(value: Any) -> str:
    return str(value.isoformat())


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_the_same_text_as_json_dumps(value: Any) -> None:
    assert dumps(value, default=iso) == json.dumps(value, indent=2, ensure_ascii=False, default=iso)


def test_the_real_records_and_what_json_cannot_write() -> None:
    record = [{"id": "7.1", "owners": ["Chief Constables"], "due": date(2026, 3, 27), "flags": {}}]
    assert dumps(record, default=iso) == json.dumps(record, indent=2, ensure_ascii=False, default=iso)
    with pytest.raises(TypeError):
        dumps([object()])

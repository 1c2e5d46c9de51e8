"""Sign-offs found by their shape and left out; contact details found anywhere."""

from __future__ import annotations

import pytest

from plan_cli.editing.signoffs import contact_details, split_signoff


@pytest.mark.parametrize(
    ("typed", "kept", "left_out"),
    [
        (
            "We trained 75% of staff.\n\nThanks,\nJo Bloggs\nDetective Sergeant\nPublic Protection Unit\n0191 123 4567",
            "We trained 75% of staff.\n",
            ["Thanks,", "Jo Bloggs", "Detective Sergeant", "Public Protection Unit", "0191 123 4567"],
        ),
        ("Work goes on.\nKind regards\nSam", "Work goes on.", ["Kind regards", "Sam"]),
        (
            "Work goes on.\n\nDS 1234 Smith\nSafeguarding\nsam.smith@example.org",
            "Work goes on.\n",
            ["DS 1234 Smith", "Safeguarding", "sam.smith@example.org"],
        ),
        ("Training is done.\nMany thanks", "Training is done.", ["Many thanks"]),
        ("Insp. A Person\nPC 42 B Person", "Insp. A Person\nPC 42 B Person", []),
    ],
)
def test_a_trailing_sign_off_is_split_off(typed: str, kept: str, left_out: list[str]) -> None:
    split = split_signoff(typed.split("\n"))
    assert ("\n".join(split.kept), split.left_out) == (kept, left_out)


@pytest.mark.parametrize(
    "typed",
    [
        "Contact DC Smith on 0191 123 4567 for details.",
        "Thanks to partners, the training is done.",
        "Done.\n- first\n- second",
        "The board met in May.\nThe next one is in June.",
        "Regards to the working group: the protocol is agreed and signed off by all partners.",
        "The protocol is agreed.\nDS team to review it in May",
        "The protocol is agreed.\n\nPC training starts in June",
    ],
)
def test_text_that_only_mentions_people_or_thanks_is_kept(typed: str) -> None:
    assert split_signoff(typed.split("\n")).left_out == []


def test_contact_details_are_found_each_once() -> None:
    text = (
        "Ring 0191 123 4567 or +44 7700 900123, ext 4567, or mail a.b@force.example.uk; a.b@force.example.uk"
    )
    assert contact_details(text) == ["a.b@force.example.uk", "0191 123 4567", "+44 7700 900123", "ext 4567"]
    assert contact_details("In 2025 we trained 1,234 staff over 12 sessions (75%).") == []

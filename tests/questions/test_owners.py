"""Owner names as people type them: bodies, aliases, plurals, initials, usual policing names."""

from __future__ import annotations

import pytest

from plan_cli.basics.errors import UsageError
from plan_cli.plan.model import Plan
from plan_cli.questions import owners
from plan_cli.reading.loader import load_plan, parse_plan

from ..conftest import FIXTURES, MINIMAL_FILE, PLAN_FILE

CC = "Chief Constables"
PCC = "Police and Crime Commissioners"


@pytest.fixture(scope="module")
def real() -> Plan:
    return load_plan(PLAN_FILE).plan


@pytest.mark.parametrize(
    ("typed", "body"),
    [
        ("Chief Constables", CC),
        ("Chief Constable", CC),
        ("chief   constable", CC),
        ("CHIEF CONSTABLES", CC),
        ("CC", CC),
        ("cc", CC),
        ("CCs", CC),
        ("C.C.", CC),
        ("PCC", PCC),
        ("pcc", PCC),
        ("PCCs", PCC),
        ("OPCC", PCC),
        ("Police and Crime Commissioner", PCC),
        ("police & crime commissioners", PCC),
        ("Office of the Police and Crime Commissioner", PCC),
        ("PCs", PCC),
        ("mayor equivalents", PCC),
        ("mayor equivalent", PCC),
        ("Mayor", PCC),
        ("mayors", PCC),
    ],
)
def test_each_usual_spelling_maps_to_its_body(real: Plan, typed: str, body: str) -> None:
    assert owners.resolve_owner(real, typed).bodies == {body}


def test_an_alias_says_which_body_it_belongs_to(real: Plan) -> None:
    match = owners.resolve_owner(real, "PCs")
    assert match.bodies == {PCC}
    assert match.how == "its alias 'PCs'"
    with pytest.raises(UsageError) as raised:
        owners.resolve_owner(real, "Home Office")
    assert str(raised.value) == (
        "no owner in the plan matches 'Home Office'; owners are: Chief Constables (also CCs); "
        "Police and Crime Commissioners (also PCs, PCCs, mayor equivalents)"
    )


def test_an_owner_text_as_published_names_all_its_bodies(real: Plan) -> None:
    assert owners.resolve_owner(real, "CCs, PCs and their mayor equivalents").bodies == {CC, PCC}


def _plan_with(bodies: str) -> Plan:
    """A plan whose bodies are ``bodies`` (YAML list lines) and whose one item every body owns."""
    names = [line.split("name:", 1)[1].strip() for line in bodies.splitlines() if "name:" in line]
    text = MINIMAL_FILE.read_text(encoding="utf-8")
    head, tail = text.split("rounds:", 1)
    head = head.split("bodies:", 1)[0] + "bodies:\n" + bodies + "\n"
    tail = tail.replace("owners: [Chief Constables, Police and Crime Commissioners]", f"owners: {names}")
    tail = tail.replace("owners: [Chief Constables]", f"owners: [{names[0]}]")
    return parse_plan(head + "rounds:" + tail).plan


def test_a_name_two_bodies_fit_lists_each_candidate_with_its_body() -> None:
    plan = _plan_with(
        "  - name: Police and Crime Commissioners\n"
        "  - name: Police, Fire and Crime Commissioners\n    aliases: [PFCCs]\n"
    )
    with pytest.raises(UsageError) as raised:
        owners.resolve_owner(plan, "crime commissioner")
    assert str(raised.value) == (
        "'crime commissioner' could mean more than one owner: Police and Crime Commissioners "
        "(the words of its name); Police, Fire and Crime Commissioners (the words of its name); "
        "give the body's name, e.g. --owner 'Police and Crime Commissioners'"
    )


def test_bodies_come_from_the_plan_not_a_list_of_one_forces_names() -> None:
    plan = _plan_with(
        "  - name: Chief Officers\n  - name: Police, Fire and Crime Commissioners\n    aliases: [PFCCs]\n"
    )
    fire = "Police, Fire and Crime Commissioners"
    assert owners.resolve_owner(plan, "PFCC").bodies == {fire}
    assert owners.resolve_owner(plan, "PCC").bodies == {fire}
    assert owners.resolve_owner(plan, "OPCC").bodies == {fire}
    assert owners.resolve_owner(plan, "Police and Crime Commissioner").bodies == {fire}
    assert owners.resolve_owner(plan, "CC").bodies == {"Chief Officers"}
    assert owners.resolve_owner(plan, "co").bodies == {"Chief Officers"}


@pytest.mark.parametrize(
    "typed",
    ["Police and Crime Commissioners", "Police, Fire and Crime Commissioner", "PCC", "OPFCC", "pfccs"],
)
def test_a_body_known_only_by_its_initials_is_found_by_its_usual_names(typed: str) -> None:
    plan = _plan_with("  - name: Chief Constable\n  - name: PFCC\n")
    assert owners.resolve_owner(plan, typed).bodies == {"PFCC"}


def test_the_other_force_plan_resolves_its_own_bodies() -> None:
    plan = load_plan(FIXTURES / "other-force.yaml").plan
    for body in plan.bodies:
        assert owners.resolve_owner(plan, body.name).bodies == {body.name}
        for alias in body.aliases:
            assert owners.resolve_owner(plan, alias).bodies == {body.name}


def test_an_empty_name_is_refused(real: Plan) -> None:
    with pytest.raises(UsageError, match="--owner needs a name"):
        owners.resolve_owner(real, "  ")


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("Chief Constables", "chief constable"),
        ("Police & Crime Commissioners", "police and crime commissioner"),
    ],
)
def test_normalised_singular(name: str, form: str) -> None:
    assert owners.singular(owners.normalise(name)) == form


def test_initials_leave_out_linking_words() -> None:
    assert owners.initials("police and crime commissioner") == "pcc"
    assert owners.initials("office of the police and crime commissioner") == "opcc"
    assert owners.initials("constable") == ""


def test_a_written_alias_wins_over_another_bodys_initials() -> None:
    plan = _plan_with("  - name: Chief Constables\n  - name: County Councils\n    aliases: [CC]\n")
    assert owners.resolve_owner(plan, "CC").bodies == {"County Councils"}
    plain = _plan_with("  - name: Chief Constables\n  - name: County Councils\n")
    with pytest.raises(UsageError, match="could mean more than one owner: Chief Constables"):
        owners.resolve_owner(plain, "CC")

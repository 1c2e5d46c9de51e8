"""Owner names as people say them: which of the plan's bodies a typed name means.

One matcher for every place a name is taken (``--owner``, drafts by owner,
completion). It works from the plan's own ``bodies:`` and their aliases, in any
case and spacing, singular or plural, by their initials ("CC" for Chief
Constables) and by the usual English policing abbreviations in :data:`USUAL_NAMES`.
A name that fits more than one body is an error listing each candidate.
Pure functions of a Plan.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from plan_cli.basics.errors import UsageError
from plan_cli.basics.wording import shell_word
from plan_cli.plan.model import Body, Plan

# Usual ways of naming the bodies policing recommendations are addressed to, whatever a plan calls
# them: each name (normalised, singular) with the fuller names it may stand for, in order of preference.
USUAL_NAMES: dict[str, tuple[str, ...]] = {
    "cc": ("chief constable", "chief officer"),
    "chief": ("chief constable", "chief officer"),
    "chief officer": ("chief constable",),
    "pcc": ("police and crime commissioner", "police fire and crime commissioner"),
    "opcc": ("police and crime commissioner", "police fire and crime commissioner"),
    "office of the police and crime commissioner": (
        "police and crime commissioner",
        "police fire and crime commissioner",
    ),
    "pfcc": ("police fire and crime commissioner",),
    "opfcc": ("police fire and crime commissioner",),
    "police and crime commissioner": ("police fire and crime commissioner",),
    "police fire and crime commissioner": ("police and crime commissioner",),
    "commissioner": ("police and crime commissioner", "police fire and crime commissioner"),
    "mayor": ("mayor equivalent", "mayor", "police and crime commissioner"),
    "mayor equivalent": ("mayor", "police and crime commissioner"),
    "mayoral equivalent": ("mayor equivalent", "mayor", "police and crime commissioner"),
    "deputy mayor": ("mayor equivalent", "mayor", "police and crime commissioner"),
    "deputy mayor for policing and crime": ("mayor equivalent", "mayor", "police and crime commissioner"),
}
_LINKING_WORDS = frozenset({"and", "of", "the", "for", "&"})


class OwnerMatch(NamedTuple):
    """What a typed owner name resolved to: the bodies' names and how it was read."""

    bodies: frozenset[str]
    how: str


def normalise(text: str) -> str:
    """Return a name as compared: case-folded, '&' as 'and', punctuation dropped, single spaces."""
    text = text.casefold().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[.'\u2019]", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def singular(name: str) -> str:
    """Return a normalised name with its last word made singular ('chief constables' -> 'chief constable')."""
    words = name.split(" ")
    last = words[-1]
    if len(last) > 3 and last.endswith("ies"):
        last = last[:-3] + "y"
    elif len(last) > 1 and last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def initials(name: str) -> str:
    """Return a normalised name's initials, linking words left out ('police and crime commissioner' -> 'pcc')."""
    words = [word for word in name.split(" ") if word not in _LINKING_WORDS]
    return "".join(word[0] for word in words) if len(words) > 1 else ""


def body_forms(body: Body) -> dict[str, str]:
    """Return every singular normalised form that names ``body``, each with how it was found."""
    forms: dict[str, str] = {}
    for written in (body.name, *body.aliases):
        key = singular(normalise(written))
        if not key:
            continue
        how = "its name" if written == body.name else f"its alias '{written}'"
        forms.setdefault(key, how)
    for written in (body.name, *body.aliases):
        short = initials(singular(normalise(written)))
        if short:
            forms.setdefault(short, f"the initials of '{written}'")
    return forms


def describe_bodies(plan: Plan) -> str:
    """Return the plan's bodies as a list for messages: each with the aliases that belong to it."""
    described = []
    for body in plan.bodies:
        also = f" (also {', '.join(body.aliases)})" if body.aliases else ""
        described.append(f"{body.name}{also}")
    return "; ".join(described)


def resolve_owner(plan: Plan, text: str) -> OwnerMatch:
    """Return the bodies a typed owner name means, and how it was read.

    In order: a body's name or alias (any case, spacing, singular or plural,
    or their initials); an owner text as the plan publishes it (the bodies it
    names); a usual policing name (:data:`USUAL_NAMES`), also where the plan
    knows the body only by initials (a body named 'PFCC' is found by 'Police,
    Fire and Crime Commissioner' and by 'Police and Crime Commissioners'); the
    words of one body's names. Raise UsageError when nothing fits, listing the bodies with
    their aliases, and when the name fits more than one body, listing each.
    """
    wanted = singular(normalise(text))
    if not wanted:
        raise UsageError(f"--owner needs a name; the plan's owners are: {describe_bodies(plan)}")
    forms = {body.name: body_forms(body) for body in plan.bodies}

    exact = {name: found[wanted] for name, found in forms.items() if wanted in found}
    named = {name: how for name, how in exact.items() if how.startswith("its ")}
    if named or exact:  # a name or alias the plan writes out wins over another body's initials
        return _one_of(plan, text, named or exact)
    for item in plan.items:
        if singular(normalise(item.owner)) == wanted:
            return OwnerMatch(frozenset(item.owners), f"the owner text '{item.owner}'")
    for fuller in (wanted, *USUAL_NAMES.get(wanted, ())):
        short = initials(fuller)
        usual = {
            name: f"a usual name for '{fuller}'"
            for name, found in forms.items()
            if fuller in found or (short and short in found and found[short].startswith("its "))
        }
        if usual:
            return _one_of(plan, text, usual)
    words = set(wanted.split(" ")) - _LINKING_WORDS
    partial = {
        name: f"the words of {how}"
        for name, found in forms.items()
        for form, how in found.items()
        if words and words <= set(form.split(" "))
    }
    if partial:
        return _one_of(plan, text, partial)
    raise UsageError(f"no owner in the plan matches '{text.strip()}'; owners are: {describe_bodies(plan)}")


def _one_of(plan: Plan, text: str, found: dict[str, str]) -> OwnerMatch:
    if len(found) == 1:
        ((name, how),) = found.items()
        return OwnerMatch(frozenset({name}), how)
    candidates = "; ".join(f"{name} ({how})" for name, how in found.items())
    raise UsageError(
        f"'{text.strip()}' could mean more than one owner: {candidates}; give the body's name, e.g. "
        f"--owner {shell_word(next(iter(found)))}"
    )


def owner_names(plan: Plan) -> list[tuple[str, str]]:
    """Return every name completion offers for an owner, each with the body it stands for.

    Each body's name and its aliases ("alias of …"), then owner texts as published.
    """
    names: list[tuple[str, str]] = []
    seen: set[str] = set()
    for body in plan.bodies:
        names.append((body.name, "body"))
        seen.add(body.name)
        for alias in body.aliases:
            if alias not in seen:
                names.append((alias, f"alias of {body.name}"))
                seen.add(alias)
    for item in plan.items:
        if item.owner not in seen:
            names.append((item.owner, f"owner text: {', '.join(item.owners)}"))
            seen.add(item.owner)
    return names

"""A contact's categories and statuses are enum members, never strings written out again.

The stored strings stay as they were (the enums are `StrEnum`s), so the database, the
JSON and the API do not change; this test fails if a written-out "emergency" or "routed"
comes back where a contact's category or status is compared, assigned or passed.
"""

from __future__ import annotations

import ast
import json
import pathlib

import routing
from contact_hub.domain.contacts.types import Category, ContactStatus

ROOT = pathlib.Path(__file__).resolve().parents[2] / "contact_hub"
WRITTEN_OUT = {m.value for m in Category} | {m.value for m in ContactStatus}
NAMES = {"category", "status"}
# Where the strings may still appear, and why.
ALLOWED = {
    "domain/contacts/types.py": "the enums themselves",
    "storage/migrations": "migrations keep the strings they were written with",
}


def _allowed(path: pathlib.Path) -> bool:
    relative = path.relative_to(ROOT).as_posix()
    return any(relative == a or relative.startswith(a + "/") for a in ALLOWED)


def _named(node: ast.AST) -> bool:
    """`x.category`, `Contact.status`, `category`: a contact's category or status."""
    if isinstance(node, ast.Attribute):
        return node.attr in NAMES
    return isinstance(node, ast.Name) and node.id in NAMES


def _written_out(node: ast.AST | None) -> list[ast.Constant]:
    if node is None:
        return []
    return [c for c in ast.walk(node)
            if isinstance(c, ast.Constant) and isinstance(c.value, str)
            and c.value in WRITTEN_OUT]


def _offences(tree: ast.Module) -> list[ast.Constant]:
    found: list[ast.Constant] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_named(o) for o in operands):
                found += [c for o in operands if not _named(o) for c in _written_out(o)]
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            flat = [e for t in targets
                    for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
            if any(_named(t) for t in flat):
                found += _written_out(node.value)
        elif isinstance(node, ast.keyword) and node.arg in NAMES:
            found += _written_out(node.value)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "in_" and _named(node.func.value)):
            found += [c for a in node.args for c in _written_out(a)]
    for statement in tree.body:  # module constants: ACCEPTED = "accepted", tables of them
        if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
            value = statement.value
            if isinstance(value, ast.Constant | ast.Tuple | ast.List | ast.Set):
                found += _written_out(value)
            elif isinstance(value, ast.Dict):
                found += [c for k in value.keys for c in _written_out(k)]
    unique = {id(c): c for c in found}.values()
    return sorted(unique, key=lambda c: (c.lineno, c.col_offset))


def test_categories_and_statuses_are_never_written_out() -> None:
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        if _allowed(path):
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        offenders += [f"{path.relative_to(ROOT)}:{c.lineno} {c.value!r}"
                      for c in _offences(tree)]
    assert offenders == []


def test_the_check_finds_what_it_is_for() -> None:
    source = '''
ACCEPTED = "accepted"
if decision.category != "emergency": pass
contact.status = "received"
query.where(Contact.status.in_(("accepted", "received"))).values(status="routed")
Decision(category=c.category or "service_request")
if contact.status not in ("routed", NEEDS): pass
'''
    assert [c.value for c in _offences(ast.parse(source))] == [
        "accepted", "emergency", "received", "accepted", "received", "routed",
        "service_request", "routed"]
    clean = '''
event = ContactEvent(kind="received")
def row(ref):
    return {"complaint": ref, "accepted": 1}
if alert.state == "acknowledged": pass
'''
    assert _offences(ast.parse(clean)) == []


def test_the_stored_strings_are_unchanged() -> None:
    assert [c.value for c in Category] == ["emergency", "complaint", "service_request"]
    assert set(Category) == set(routing.types.CATEGORIES)
    assert [s.value for s in ContactStatus] == [
        "accepted", "received", "awaiting_transcript", "routed", "needs_attention"]
    assert json.dumps({"category": Category.EMERGENCY}) == '{"category": "emergency"}'
    assert f"{ContactStatus.ROUTED}" == "routed"

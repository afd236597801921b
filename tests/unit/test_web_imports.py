"""Views read through query services that return dataclasses: no web module imports the
storage layer or SQLAlchemy (issue 16 point 2)."""

from __future__ import annotations

import ast
import pathlib

import contact_hub.web

FORBIDDEN = ("contact_hub.storage", "sqlalchemy")
WEB = pathlib.Path(contact_hub.web.__file__).parent


def imported_modules(tree: ast.AST) -> list[str]:
    """Every name an `import` or `from ... import` brings in, in full (`from a import b`
    is `a.b`: b may be a module or a name in a)."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def forbidden(name: str) -> bool:
    return any(name == root or name.startswith(root + ".") for root in FORBIDDEN)


def test_no_web_module_imports_storage_or_sqlalchemy() -> None:
    offenders = sorted(
        f"{path.relative_to(WEB)}: {name}"
        for path in WEB.rglob("*.py")
        for name in imported_modules(ast.parse(path.read_text(), str(path)))
        if forbidden(name)
    )
    assert offenders == [], "web modules must read through services:\n" + "\n".join(offenders)


def test_the_check_sees_each_kind_of_import() -> None:
    tree = ast.parse("import sqlalchemy.orm\nfrom contact_hub import storage\n"
                     "from contact_hub.storage.db import ping\n"
                     "from contact_hub.services import x\n")
    assert [n for n in imported_modules(tree) if forbidden(n)] == [
        "sqlalchemy.orm", "contact_hub.storage", "contact_hub.storage.db.ping"]

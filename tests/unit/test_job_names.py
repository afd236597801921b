"""Every job name services enqueue is a job RQ can import, and every job has a name."""

from __future__ import annotations

import importlib
import inspect
import pathlib
import re

from contact_hub import job_names, jobs

NAMES = {name: value for name, value in vars(job_names).items()
         if name.isupper() and not name.startswith("_")}
# Jobs the worker's timers or the CLI call directly, never enqueued by name.
CALLED_DIRECTLY = {"install", "container", "sweep", "escalation_audit",
                   "check_complaint_deadlines"}


def test_every_name_is_an_importable_job() -> None:
    for constant, dotted in NAMES.items():
        module, _, function = dotted.rpartition(".")
        found = getattr(importlib.import_module(module), function, None)
        assert callable(found), f"job_names.{constant} = {dotted!r} is not a job"
        assert constant == function.upper()


def test_every_job_has_a_name() -> None:
    defined = {name for name, value in vars(jobs).items()
               if inspect.isfunction(value) and value.__module__ == jobs.__name__}
    named = {dotted.rpartition(".")[2] for dotted in NAMES.values()}
    assert defined - CALLED_DIRECTLY == named


def test_no_job_is_named_by_a_string_outside_job_names() -> None:
    root = pathlib.Path(job_names.__file__).parent
    pattern = re.compile(r"[\"']contact_hub\.jobs\.\w+")
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py")
                 if path.name != "job_names.py" and pattern.search(path.read_text())]
    assert offenders == []

"""Replay each corpus against the rules as they were when it arrived (its first run).

The tuned rules score near-perfectly on the corpora they were tuned on, so comparing them with
a cross-validated model there is unfair. This replays every corpus that has a first run against
the `routing` package at the commit that added the corpus (before anyone tuned the rules on
it), rules alone, and stores the categories in tools/data/first_run_rules.json, so that the
leave-one-corpus-out comparison (`python -m tools.train_router --loco`) can use them without
git. Run from the repository root (needs the git history):

  .venv/bin/python -m tools.replay_first_run            # rewrite tools/data/first_run_rules.json

dev has no first run (the rules were written on it), nor has heldout (written before the
router existed). A corpus added later gets its first run the same way, from the commit that
added it, as long as that commit did not change `routing/` itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from tools.router_eval import ROOT, load

OUT = Path(__file__).resolve().parent / "data" / "first_run_rules.json"
# Corpora with a first run: the rules at the commit that added each (none changed routing/).
FIRST_RUN = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh8", "fresh11",
             "fresh12", "fresh13", "fresh14", "fresh15", "fresh16", "fresh17", "fresh18",
             "fresh19", "fresh20", "fresh21", "fresh22", "fresh23", "fresh24",
             "fresh25", "fresh26", "fresh27", "fresh28", "fresh29", "fresh30", "fresh31", "fresh32",
             "fresh33", "fresh34", "fresh35", "fresh36", "fresh37", "fresh38",
             "fresh39", "fresh40", "fresh41", "fresh42", "fresh43", "fresh44", "fresh45", "fresh46",
             "fresh47", "fresh48")
# Corpora added in a commit that also changed the rules: their first run is at this commit.
# main when fresh8 arrived (session 8), fresh11 (session 10), fresh12 and fresh13 (session 11),
# fresh14 and fresh15 (session 12), fresh16 (session 13: main at the session's start), fresh17
# (later in session 13), fresh18 (session 14: main at the session's start), fresh19 (later in
# session 14, main after fresh18 was trained on), fresh20 (session 15: main at the session's start),
# fresh21 (later in session 15, main after fresh20 was trained on), fresh22 (later still, after
# fresh21 was trained on), fresh23 and fresh24 (session 16: main at the session's start),
# fresh25 (later in session 16, after fresh23 and fresh24 were trained on), fresh26 (session 17:
# main after the English-lookalike question change, before any change for it), fresh27 (later in
# session 17, after fresh26 was trained on and multilingual22's tuned part merged), fresh28 (later
# still, after fresh27 was trained on), fresh29 (session 18: main at the session's start; the
# commit that added it changed only the model's data card), fresh30 (later in session 18, main
# before any change for it), fresh31 (later still, likewise), fresh32 (session 19, main after the
# round on fresh31's false pages, before any change for fresh32), fresh33 (later in session 19:
# the router as that session ended it, before any change for fresh33), fresh34 (session 20: main
# after fresh33 was trained on, before any change for fresh34), fresh35 (session 21: main at the
# session's start, before any change), fresh36 (session 22: main at the session's start, before
# any change), fresh37 (session 23: main at the session's start, before any change), fresh38
# (session 24: main at the session's start, before any change), fresh39 (session 25: main at the
# session's start, before any change), fresh40 (session 26: main at the session's start, before
# any change), fresh41 (session 27: main at the session's start, before any change), fresh42
# (session 28: main at the session's start, before any change), fresh43 (session 29: main at the
# session's start, before any change), fresh44 (session 30: main at the session's start, before
# any change), fresh45 (session 31: main at the session's start, before any change), fresh46
# (session 32: main at the session's start, before any change), fresh47 (session 33: main at the
# session's start, before any change), fresh48 (session 34: main at the session's start, before
# any change)
FIRST_RUN_AT = {"fresh8": "381f6e7", "fresh11": "c2ac125", "fresh12": "ba93b35",
                "fresh13": "e3137b2", "fresh14": "51b57fc", "fresh15": "fb21caa",
                "fresh16": "f7ef6c2", "fresh17": "6cf04e1", "fresh18": "35ed50b",
                "fresh19": "caa451e", "fresh20": "49d58f6", "fresh21": "28bd41b",
                "fresh22": "5533a64", "fresh23": "f2c5d6b", "fresh24": "f2c5d6b",
                "fresh25": "93bae44", "fresh26": "9cb4aad",
                "fresh27": "eec55a9", "fresh28": "e5e1a37", "fresh29": "f326a53",
                "fresh30": "1fdd71d", "fresh31": "39f6077", "fresh32": "47fa86f",
                "fresh33": "0eceed5", "fresh34": "82be401",
                "fresh35": "8e75ecb", "fresh36": "47eee08",
                "fresh37": "d9bc108", "fresh38": "ca67441", "fresh39": "617e7e1",
                "fresh40": "ceaca49", "fresh41": "547f539",
                "fresh42": "66f88da", "fresh43": "5553790",
                "fresh44": "812fe77", "fresh45": "7c657d6",
                "fresh46": "15f8d4d", "fresh47": "f54ac14",
                "fresh48": "039ba13"}

_RUN = """
import json, sys
import routing
try:
    router = routing.Router(use_model=False)
except TypeError:  # before the learned booster, the rules were all there was
    router = routing.Router()
out = []
for line in sys.stdin:
    r = json.loads(line)
    d = router.route(routing.Message(r["text"], r.get("channel") or "sms", r.get("subject")))
    out.append([r["id"], d.category])
print(json.dumps(out))
"""


def added_in(name: str) -> str:
    """The commit that added tests/fixtures/corpus/<name>.jsonl."""
    out = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--",
         f"tests/fixtures/corpus/{name}.jsonl"],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return out[-1]


def replay(name: str) -> tuple[str, list[list[str]]]:
    """(commit, [[id, category], ...]) for corpus `name` under its first-run rules."""
    commit = FIRST_RUN_AT.get(name) or added_in(name)
    archive = subprocess.run(["git", "archive", commit, "routing"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    records = "".join(json.dumps(r) + "\n" for r in load(name))
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        result = subprocess.run([sys.executable, "-c", _RUN], input=records, text=True,
                                capture_output=True, check=True, cwd=tmp,
                                env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin"})
    return commit[:7], json.loads(result.stdout)


def load_first_run() -> dict[str, dict[str, str]]:
    """corpus -> {record id -> first-run rules category} (from the stored replay)."""
    data = json.loads(OUT.read_text("utf-8"))
    return {name: dict(entry["categories"]) for name, entry in data.items()}


def main() -> int:
    data = {}
    for name in FIRST_RUN:
        commit, categories = replay(name)
        data[name] = {"commit": commit, "categories": categories}
        print(f"{name}: rules at {commit}, {len(categories)} records", file=sys.stderr)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(data, indent=0) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

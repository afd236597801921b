"""`python -m routing` runs the classify engine: JSON lines on stdin, decisions on stdout."""

import sys

from routing.jsonl import main

sys.exit(main())

"""`python -m contact_hub` is the `contact-hub` command."""

import sys

from contact_hub.console import main

sys.exit(main())

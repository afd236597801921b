"""The staff pages' roles are the one role model in `domain.access.roles` (tokens use
the same); this name stays so existing imports keep working."""

from contact_hub.domain.access.roles import *  # noqa: F403
from contact_hub.domain.access.roles import __all__  # noqa: F401

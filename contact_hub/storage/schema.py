"""Every table module, imported so that `metadata` describes the whole schema
(Alembic autogenerate and the tests use it)."""

from contact_hub.storage import alert_models, complaint_models, email_models, home_models, models
from contact_hub.storage.base import Base

metadata = Base.metadata

__all__ = [
    "alert_models", "complaint_models", "email_models", "home_models", "metadata", "models",
]

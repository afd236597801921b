"""Every table module, imported so that `metadata` describes the whole schema
(Alembic autogenerate and the tests use it)."""

from contact_hub.storage import (
    access_models,
    alert_models,
    complaint_models,
    email_models,
    home_models,
    models,
    privacy_models,
    staff_models,
)
from contact_hub.storage.base import Base
from contact_hub.storage.safety import models as safety_models

metadata = Base.metadata

__all__ = [
    "access_models", "alert_models", "complaint_models", "email_models", "home_models",
    "metadata", "models", "privacy_models", "safety_models", "staff_models",
]

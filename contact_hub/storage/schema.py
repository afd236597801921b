"""Every table module, imported so that `metadata` describes the whole schema
(Alembic autogenerate and the tests use it)."""

from contact_hub.storage import models
from contact_hub.storage.access import models as access_models
from contact_hub.storage.access import staff_models
from contact_hub.storage.alerts import models as alert_models
from contact_hub.storage.base import Base
from contact_hub.storage.complaints import models as complaint_models
from contact_hub.storage.email import models as email_models
from contact_hub.storage.homes import models as home_models
from contact_hub.storage.privacy import models as privacy_models

metadata = Base.metadata

__all__ = [
    "access_models", "alert_models", "complaint_models", "email_models", "home_models",
    "metadata", "models", "privacy_models", "staff_models",
]

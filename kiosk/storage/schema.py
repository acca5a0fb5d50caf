"""Every table of the kiosk database in one metadata, for migrations and schema checks.

Each concern keeps its models in its own module on the shared ``Base``; importing them
here is what makes Alembic and the schema tests see all of them.
"""

from __future__ import annotations

from kiosk.storage import (
    admin_models,
    event_models,
    fee_models,
    field_models,
    hub_models,
    lockout_models,
    notice_models,
    pin_key,
)
from kiosk.storage.models import Base

metadata = Base.metadata
MODEL_MODULES = (hub_models, admin_models, field_models, lockout_models, pin_key,
                 notice_models, event_models, fee_models)

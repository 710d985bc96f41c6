"""The council's open data: what anyone may read about its sessions and resolutions, without an
account, as JSON, CSV and iCalendar at stable addresses (meetings/urls.py, public_urlpatterns).

Only what the models call public appears (``Session.objects.public()``,
``Resolution.objects.public()``, ``Material.objects.public()``): never a members-only session
or resolution, an agenda before the invitation, a withdrawn item, a material not marked public,
minutes, attendance, presenters or anyone's contact details. The JSON follows Open Civic Data's
Event where it fits; its shape is the JSON Schema beside this module (schema/), described in the
README. Keys and codes are English and fixed, so a program reads the same file in any language.
"""

import json
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"


def schema(name):
    """The JSON Schema of one open-data file ("sessions", "resolutions")."""
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))

"""Checks of `manage.py check --deploy` (``make deploy-check``) for the portal's own settings."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def accessibility_statement_names_its_body(app_configs, **kwargs):
    """A public body's site must name who answers for its accessibility (ZDSMA)."""
    if settings.SOSVET_ACCESSIBILITY_BODY:
        return []
    return [
        Warning(
            "SOSVET_ACCESSIBILITY_BODY is not set: the accessibility statement names no body "
            "responsible for this installation.",
            hint="Set it to the body that runs the portal, e.g. "
            '"Mestna občina Ptuj", and SOSVET_ACCESSIBILITY_EMAIL to its contact address.',
            id="sosvet.W001",
        )
    ]

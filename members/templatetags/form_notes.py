from django import template

register = template.Library()


@register.filter
def has_required_fields(form):
    """Whether the form shows a field that must be filled, so its asterisk needs the note."""
    return any(field.field.required for field in form.visible_fields())

from django import template

register = template.Library()


@register.filter
def on_agenda(items):
    """The items members see, withdrawn ones left out, so that the loop's first and last are
    the first and last on the agenda (no "move up" above the top)."""
    return [item for item in items if not item.withdrawn]

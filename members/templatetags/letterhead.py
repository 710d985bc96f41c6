from django import template

from members.crest import crest_data_url

register = template.Library()


@register.simple_tag(name="crest_data_url")
def crest_data_url_tag(council):
    """``{% crest_data_url council as crest %}``: the council's crest as a data: URL, or ""."""
    return crest_data_url(council)

from django import template

from caolocculture import formatting

register = template.Library()


@register.filter
def vn_number(value, decimals=None):
    return formatting.number(value, decimals)


@register.filter
def vn_percent(value):
    return formatting.percent(value)


@register.filter
def vn_date(value):
    return formatting.date(value)


@register.filter
def vn_target(value):
    return formatting.target_percent(value)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template ('by_code|get_item:code'); None when absent."""
    return mapping.get(key) if mapping else None

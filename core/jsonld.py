"""JSON inside <script> elements: structured data (JSON-LD) and page data."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# json_script's escapes: nothing in the data can close the <script> element.
ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_for_script(data: dict | list) -> SafeString:
    """JSON safe inside <script> (dates as ISO 8601); the one escaper of the site."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(ESCAPES))


def prune(value):
    """Drop empty strings, None, empty lists and dicts, at any depth: no "streetAddress": ""."""
    if isinstance(value, dict):
        pruned = {key: prune(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in ("", None, [], {})}
    if isinstance(value, list | tuple):
        pruned = [prune(item) for item in value]
        return [item for item in pruned if item not in ("", None, [], {})]
    return value


def script_tag(data: dict | list):
    """A JSON-LD <script>, without empty properties."""
    return format_html(
        '<script type="application/ld+json">{}</script>', json_for_script(prune(data))
    )

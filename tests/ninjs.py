"""ninjs items validated against the IPTC ninjs 3.1 JSON Schema (tests/schemas/ninjs/, MIT).

jsonschema checks "format" only with optional extra packages; without them
"uri" and "date-time" would pass anything. The two formats ninjs uses are
checked here by the rules the schema means: a URI has a scheme (RFC 3986),
a date-time is RFC 3339 (what Python's fromisoformat reads, with a zone).
"""

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker

SCHEMA = Path(__file__).parent / "schemas" / "ninjs" / "ninjs-schema_3.1.json"
formats = FormatChecker(formats=())


@formats.checks("uri", raises=ValueError)
def _uri(value):
    return not isinstance(value, str) or bool(urlsplit(value).scheme and ":" in value)


@formats.checks("date-time", raises=ValueError)
def _date_time(value):
    return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None


@cache
def validator():
    schema = json.loads(SCHEMA.read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=formats)


def ninjs_errors(item: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(item)
    ]

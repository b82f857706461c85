"""URL converters that keep malformed numbers out of database queries.

The root URLconf registers them (jobcenter_site/urls.py) before any app's
URLs are included.
"""


class YearConverter:
    """Four digits, so /presse/0/ or an overlong number is a 404, not a database error."""

    regex = "[12][0-9]{3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


class PkConverter(YearConverter):
    regex = "[1-9][0-9]{0,17}"  # fits a signed 64-bit integer

    def to_url(self, value):
        return str(value)

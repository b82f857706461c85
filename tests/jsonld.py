"""JSON-LD read back from a page as a consumer would: every <script type="application/ld+json">.

Not extruct or pyld: pyld expands against the schema.org context, which it
fetches over the network (tests make no outside request), and extruct pulls
in lxml, rdflib and more for what is, on our pages, only JSON-LD. Instead:
html.parser finds the scripts, json parses them, and ``check`` applies
schema.org's rules that consumers rely on (required properties per type,
absolute URLs, ISO 8601 dates, no empty values).
"""

import json
from datetime import date, datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

REQUIRED = {
    "NewsArticle": {"headline", "datePublished", "dateModified", "author", "publisher", "url"},
    "GovernmentOrganization": {"name"},
    "GovernmentOffice": {"name", "url"},
    "GovernmentService": {"name", "url", "provider"},
    "ServiceChannel": {"name"},
    "CreativeWorkSeries": {"name", "url", "hasPart"},
    "ImageObject": {"url"},
    "WebSite": {"name", "url"},
    "Person": {"name"},
    "PostalAddress": {"addressLocality"},
}
URL_KEYS = {"url", "contentUrl", "license", "acquireLicensePage", "mainEntityOfPage", "@id"}
URL_KEYS.add("serviceUrl")  # ServiceChannel (locations)
DATE_KEYS = {"datePublished", "dateModified", "startDate", "endDate", "validFrom"}


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found, self._inside = [], False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_data(self, data):
        if self._inside:
            self.found.append(json.loads(data))

    def handle_endtag(self, tag):
        self._inside = False


def json_ld(response) -> list[dict]:
    """Every JSON-LD node of the page (a @graph is unfolded), each checked."""
    parser = _Scripts()
    parser.feed(response.content.decode())
    nodes = []
    for block in parser.found:
        assert block["@context"] == "https://schema.org"
        nodes += block.get("@graph", [block])
    for node in nodes:
        check(node)
    return nodes


def of_type(nodes, kind: str) -> dict:
    [node] = [n for n in nodes if n.get("@type") == kind]
    return node


def check(node, path="$"):
    """Fail on empty values, relative URLs, non-ISO dates and missing required properties."""
    if isinstance(node, list):
        assert node, f"{path} is an empty list"
        for index, item in enumerate(node):
            check(item, f"{path}[{index}]")
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    # Required properties for the page's own nodes and their people, logos and images;
    # a nested article or series is a summary that points to its own page.
    nested_work = path != "$" and kind in ("NewsArticle", "CreativeWorkSeries")
    missing = set() if nested_work else REQUIRED.get(kind, set()) - set(node)
    if "@id" in node and set(node) == {"@id"}:
        missing = set()  # a reference to a node elsewhere in the graph
    assert not missing, f"{path} ({kind}) lacks {sorted(missing)}"
    for key, value in node.items():
        where = f"{path}.{key}"
        assert value not in ("", None, [], {}), f"{where} is empty"
        if key in URL_KEYS and isinstance(value, str):
            parts = urlsplit(value)
            assert parts.scheme in ("http", "https") and parts.netloc, f"{where}: {value}"
        if key in DATE_KEYS:
            text = value.replace("Z", "+00:00")
            assert datetime.fromisoformat(text) or date.fromisoformat(text), where
        check(value, where)

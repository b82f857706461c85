"""Reading the sitemap index and its children as a crawler does."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def child_urls(client) -> list[str]:
    """The absolute locs of every child the index at /sitemap.xml lists."""
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    return [loc.text for loc in root.findall("s:sitemap/s:loc", NS)]


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def all_sitemaps(client) -> bytes:
    """Every child's XML, one after the other (for "is X listed anywhere?")."""
    return b"\n".join(client.get(_path(url)).content for url in child_urls(client))


def all_entries(client) -> list:
    """Every <url> element of every child."""
    entries = []
    for url in child_urls(client):
        root = ElementTree.fromstring(client.get(_path(url)).content)
        entries += root.findall("s:url", NS)
    return entries

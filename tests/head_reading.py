"""Read what a page's <head> tells machines: meta tags, links and JSON-LD."""

import json
from collections import defaultdict
from html.parser import HTMLParser


class _HeadReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = defaultdict(list)
        self.links: dict[str, list[str]] = defaultdict(list)
        self.json_ld: list[dict] = []
        self.scripts: list[dict[str, str]] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta" and "content" in attributes:
            name = attributes.get("name") or attributes.get("property") or ""
            self.meta[name].append(attributes["content"])
        elif tag == "link":
            for rel in attributes.get("rel", "").split():
                self.links[rel].append(attributes.get("href", ""))
        elif tag == "script":
            self.scripts.append(attributes)
            self._in_json_ld = attributes.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))


def read_head(html: str) -> _HeadReader:
    """Return the page's meta tags (by name or property), links (by rel), JSON-LD and scripts."""
    reader = _HeadReader()
    reader.feed(html)
    return reader

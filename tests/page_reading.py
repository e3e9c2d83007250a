"""Read a page as a visitor does: its visible text and its links."""

from html.parser import HTMLParser


class _PageReader(HTMLParser):
    SKIPPED = {"script", "style", "template"}

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._skip_depth = 0
        self._open_link: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self._skip_depth += 1
        elif tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._open_link = []

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self._skip_depth -= 1
        elif tag == "a" and self._open_link is not None:
            self.links.append((self._href, " ".join("".join(self._open_link).split())))
            self._open_link = None

    def handle_data(self, data):
        if self._skip_depth:
            return
        self.chunks.append(data)
        if self._open_link is not None:
            self._open_link.append(data)


def read_page(html: str) -> tuple[str, list[tuple[str, str]]]:
    """Return a page's visible text (white space collapsed) and its (href, text) links."""
    reader = _PageReader()
    reader.feed(html)
    return " ".join("".join(reader.chunks).split()), reader.links


def page_text(html: str) -> str:
    """Return a page's visible text with white space collapsed."""
    return read_page(html)[0]


def page_hrefs(html: str) -> set[str]:
    """Return every link target on a page."""
    return {href for href, _ in read_page(html)[1]}

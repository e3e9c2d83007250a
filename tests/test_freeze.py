"""`flask --app app freeze OUT`: the public site as files whose every link works."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from builders import make_app, make_publication

from webapp.freezing import DEALT_TOGETHER, _dealt

LINK = re.compile(r'(?:href|src|action)="([^"#?]*)[^"]*"')


@pytest.fixture
def demo(tmp_path):
    return make_app(tmp_path / "instance", LOAD_CONTENT_ON_FIRST_START=True)


def freeze(app, out: Path, *options):
    result = app.test_cli_runner().invoke(args=["freeze", str(out), *options])
    assert result.exit_code == 0, result.output
    return result


def broken_links(out: Path, prefix: str = "/") -> list[str]:
    """Every site address an HTML file of the copy names that is no file of it."""
    broken = []
    for page in out.rglob("*.html"):
        for address in LINK.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(address)
            if parts.scheme or not address.startswith("/") or address.startswith("//"):
                continue
            assert address.startswith(prefix), (page, address)
            target = out / address.removeprefix(prefix)
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(out)} -> {address}")
    return broken


def test_the_copy_holds_every_public_page_export_and_feed_and_nothing_else(demo, tmp_path):
    out = tmp_path / "site"

    freeze(demo, out)

    for name in (
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "sitemaps/1.xml",
        "feed.atom",
        "search/index.html",
        "people/index.html",
        "publications/index.html",
        "people/zhiming-zhou/index.html",
        "people/zhiming-zhou/publications/index.html",
        "people/zhiming-zhou/cv/index.html",
        "people/zhiming-zhou/news.atom",
        "news.atom",
        "people/zhiming-zhou/publications.bib",
        "people/zhiming-zhou/feed.atom",
        "publications/zhou2019lipschitz/index.html",
        "publications/zhou2019lipschitz.ris",
        "publications/zhou2019lipschitz.json",
        "static/css/site.css",
        "pagefind/pagefind.js",
    ):
        assert (out / name).is_file(), name
    written = {path.relative_to(out).as_posix() for path in out.rglob("*")}
    assert not [name for name in written if re.match(r"(admin|login|logout|api)\b", name)]
    assert broken_links(out) == []
    assert (
        "Lipschitz Generative Adversarial Nets"
        in (out / "publications/zhou2019lipschitz/index.html").read_text()
    )
    # With no server to narrow the list, its facets search the copy in the browser.
    every_paper = (out / "publications/index.html").read_text()
    assert '<a href="/search/?q=year:2019">2019</a>' in every_paper
    assert "/publications/?" not in every_paper


def test_a_copy_for_a_sub_path_links_within_it(demo, tmp_path):
    out = tmp_path / "site"

    freeze(demo, out, "--base-url", "https://user.github.io/lab/", "--processes", "1")

    assert broken_links(out, prefix="/lab/") == []
    robots = (out / "robots.txt").read_text()
    assert "https://user.github.io/lab/sitemap.xml" in robots


def test_a_copy_in_chinese_searches_its_words_as_english_as_the_server_does(tmp_path):
    app = make_app(tmp_path / "instance", LOAD_CONTENT_ON_FIRST_START=True, LANGUAGE="zh")
    out = tmp_path / "site"

    freeze(app, out, "--processes", "1")

    assert '<html lang="zh">' in (out / "search" / "index.html").read_text(encoding="utf-8")
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en"]  # English stems: "networks" finds "network"


def test_freezing_again_rewrites_only_what_changed(demo, tmp_path):
    out = tmp_path / "site"
    freeze(demo, out)
    # Pagefind writes its index anew each time (in seconds); the site's files are kept.
    before = {
        path: path.stat().st_mtime_ns
        for path in out.rglob("*")
        if path.is_file() and "pagefind" not in path.parts
    }

    freeze(demo, out)
    unchanged_run = [p for p, t in before.items() if p.stat().st_mtime_ns != t]
    with demo.app_context():
        make_publication(
            "zhou2019lipschitz",
            "Lipschitz Generative Adversarial Nets, Revisited",
            ["Zhiming Zhou"],
            2019,
        )
    freeze(demo, out)
    rewritten = {
        p.relative_to(out).as_posix() for p, t in before.items() if p.stat().st_mtime_ns != t
    }

    assert unchanged_run == []
    assert "publications/zhou2019lipschitz/index.html" in rewritten
    assert "publications/zhou2016sparse/index.html" not in rewritten
    assert len(rewritten) < len(before) / 4
    # The search index holds this freeze's fragments only, one per paper page.
    papers = len(list((out / "publications").glob("*/index.html")))
    assert len(list((out / "pagefind" / "fragment").iterdir())) == papers


def test_each_process_gets_its_share_of_pages_and_exports():
    # A paper's page (slow: citations) comes before its three exports (fast).
    addresses = [
        f"/publications/p{n}{kind}" for n in range(1000) for kind in ("/", ".bib", ".ris", ".json")
    ]
    shares = _dealt(addresses, 2)
    assert sorted(address for share in shares for address in share) == sorted(addresses)
    pages = [sum(address.endswith("/") for address in share) for share in shares]
    assert abs(pages[0] - pages[1]) <= DEALT_TOGETHER

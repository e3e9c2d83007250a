"""Time an edit in the browser until search finds it, on the full corpus, through gunicorn.

Run: python -m bench.editing --instance /tmp/acl [--backend tantivy] [--edits 10]

A site admin signs in over HTTP, opens random papers' edit forms, adds a made-up word to
each title and saves; the clock runs from sending the form until `/search` for that
word (asked of any of the 2 workers) lists the paper. Each paper is then put back as it
was. Printed beside an unchanged page (`/robots.txt`) and a plain search, timed in the
same run, after both workers have searched once (a worker's first search reads the
index's columns).
"""

import argparse
import http.client
import random
import re
import secrets
import statistics
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import select

import search
from bench.corpus import SEED, prepared_app, read_papers
from bench.search import start_gunicorn
from catalog.models import Publication, db

ADMIN = "bench-admin@example.org"
_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
_TEXT = re.compile(r"<textarea[^>]*>\n?(.*?)</textarea>", re.S)


class Browser:
    """One visitor: a cookie kept between requests, a new connection per request."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookie = ""

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        connection.close()
        return response.status, text

    def sign_in(self, password: str) -> None:
        _status, page = self.request("GET", "/login")
        form = {"email": ADMIN, "password": password, "csrf_token": _TOKEN.search(page)[1]}
        status, _page = self.request("POST", "/login", form)
        if status != 302:
            raise SystemExit(f"signing in failed ({status})")

    def save(self, key: str, change) -> float:
        """Edit a paper's BibTeX with `change`, save it; return when the save was sent."""
        _status, page = self.request("GET", f"/admin/papers/{key}/edit")
        text = change(unescape(_TEXT.search(page)[1]))
        form = {"bibtex": text, "action": "save", "csrf_token": _TOKEN.search(page)[1]}
        sent = time.perf_counter()
        status, page = self.request("POST", f"/admin/papers/{key}/edit", form)
        if status != 302:
            raise SystemExit(f"saving {key} failed ({status}): {page[:500]}")
        return sent


def timed(browser: Browser, path: str) -> float:
    started = time.perf_counter()
    browser.request("GET", path)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", type=Path, required=True, help="kept between runs")
    parser.add_argument("--backend", choices=sorted(search.BACKENDS), default="whoosh")
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--port", type=int, default=8767)
    options = parser.parse_args()

    app = prepared_app(options.instance, read_papers(), options.backend)
    password = secrets.token_hex(16)
    with app.app_context():
        runner = app.test_cli_runner()
        typed = f"{password}\n{password}\n"
        made = runner.invoke(args=["users", "create", ADMIN, "--admin"], input=typed)
        if made.exit_code != 0:
            runner.invoke(args=["users", "set-password", ADMIN], input=typed)
        keys = db.session.scalars(select(Publication.key).order_by(Publication.id)).all()
    chosen = random.Random(SEED).sample(keys, options.edits)
    print(f"{len(keys):,} papers; editing {options.edits} random ones ({options.backend})")

    server = start_gunicorn(
        options.instance, options.port, options.backend, SESSION_COOKIE_SECURE="false"
    )
    try:
        browser = Browser(options.port)
        browser.sign_in(password)
        # Warm both workers' searchers first: a worker's first search after its start
        # reads the index's columns, whatever was edited.
        for _ in range(6):
            timed(browser, "/search?q=neural+machine+translation")
        saves, searchable, robots, plain = [], [], [], []
        for number, key in enumerate(chosen):
            word = f"zqxmarker{number}{secrets.token_hex(3)}"
            sent = browser.save(
                key, lambda text, w=word: re.sub(r"title = \{", f"title = {{{w} ", text, count=1)
            )
            saves.append(time.perf_counter() - sent)
            while True:
                _status, page = browser.request("GET", "/search?" + urlencode({"q": word}))
                if f"/publications/{key}" in page:
                    break
                if time.perf_counter() - sent > 30:
                    raise SystemExit(f"{key} was not searchable 30 s after saving")
            searchable.append(time.perf_counter() - sent)
            browser.save(key, lambda text, w=word: text.replace(f"{w} ", "", 1))
            robots.append(timed(browser, "/robots.txt"))
            plain.append(timed(browser, "/search?q=neural+machine+translation"))
        ms = {name: statistics.median(values) * 1000 for name, values in (
            ("save", saves), ("searchable", searchable), ("robots", robots), ("plain", plain)
        )}  # fmt: skip
        print(f"saving the form (POST until its answer): median {ms['save']:7.1f} ms")
        print(
            f"saving until search finds it:            median {ms['searchable']:7.1f} ms, "
            f"max {max(searchable) * 1000:.1f} ms"
        )
        print(f"a plain search (same run):               median {ms['plain']:7.1f} ms")
        print(f"/robots.txt (same run):                  median {ms['robots']:7.1f} ms")
        print(
            f"save→searchable is {ms['searchable'] / ms['plain']:.1f}× a plain search and "
            f"{ms['searchable'] / ms['robots']:.0f}× /robots.txt"
        )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()

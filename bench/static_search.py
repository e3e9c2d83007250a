"""Time the static copy's search box in a real browser, as a visitor uses it.

Run: python -m bench.static_search --out /tmp/acl-copy

Serves OUT (what `flask freeze` wrote) as plain files, as `python -m http.server` does,
opens Debian's Chromium through Playwright, and for each query a visitor would type
times opening `/search/?q=...` until the results are on the page, with what the browser
fetched for it. Beside each, in the same run: opening the copy's home page.
"""

import argparse
import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

QUERIES = [
    "neural machine translation",
    "Adaptation guided retrieval: approaching EBMT with caution",
    "venue:emnlp 2020",
    "author:smith year:2019",
    "transformr",  # a misspelling
    "venue:acl",
]


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, *_args) -> None:
        pass


def timed(page, address: str, ready: str) -> tuple[float, int]:
    """Open the address until `ready` is on the page; return the seconds and bytes fetched."""
    fetched = []
    page.on("response", lambda response: fetched.append(response))
    started = time.perf_counter()
    page.goto(address)
    page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")
    elapsed = time.perf_counter() - started
    size = 0
    for response in fetched:
        try:
            size += len(response.body())
        except Exception:  # a redirect or an aborted request has no body
            pass
    return elapsed, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    options = parser.parse_args()
    handler = functools.partial(_QuietFiles, directory=str(options.out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        home = []
        print(f"{'query':60} {'results':>10} {'seconds':>8} {'fetched':>9} {'/ home':>7}")
        for query in QUERIES:
            context = browser.new_context()  # a new visitor: nothing cached
            page = context.new_page()
            home_seconds, _home_bytes = timed(page, f"{base}/", "main")
            home.append(home_seconds)
            context.close()
            context = browser.new_context()
            page = context.new_page()
            seconds, fetched = timed(
                page, f"{base}/search/?q={quote(query)}", ".search-status:not(:empty)"
            )
            status = page.locator(".search-status").inner_text().split(" ")[0]
            context.close()
            print(
                f"{query[:60]:60} {status:>10} {seconds:8.2f} {fetched / 1e3:7.0f} kB "
                f"{seconds / home_seconds:6.1f}x"
            )
        browser.close()
    server.shutdown()
    print(f"home page, new visitor: median {sorted(home)[len(home) // 2]:.2f} s")


if __name__ == "__main__":
    main()

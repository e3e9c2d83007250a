"""Lighthouse's scores for the demo site's pages, as a visitor's Chromium loads them.

Run: python -m bench.lighthouse [--pages / /publications ...]

Serves the bundled demo content with gunicorn (compression and caching as in
production) on a free local port, installs Lighthouse from npm into a temporary folder,
and runs it in Debian's Chromium on each page: performance (a phone, throttled, as
Lighthouse does by default), accessibility, best practices and SEO, out of 100.
"""

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

from bench.npm import npm_install
from bench.search import start_gunicorn

PAGES = [
    "/",
    "/people/zhiming-zhou",
    "/publications/zhou2019lipschitz",
    "/search?q=lipschitz",
    "/publications",
]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PORT = 8765


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", default=PAGES)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        npm_install(work, "lighthouse@12")
        # The demo content, loaded on the first start; production's compression and caching.
        server = start_gunicorn(
            work / "instance",
            PORT,
            "whoosh",
            LOAD_CONTENT_ON_FIRST_START="true",
            SECRET_KEY=os.urandom(32).hex(),
        )
        try:
            print(f"{'page':40} " + " ".join(f"{name:>14}" for name in CATEGORIES))
            for page in options.pages:
                report = work / "report.json"
                subprocess.run(
                    [
                        str(work / "node_modules/.bin/lighthouse"),
                        f"http://127.0.0.1:{PORT}{page}",
                        "--quiet",
                        "--chrome-flags=--headless=new --no-sandbox",
                        "--output=json",
                        f"--output-path={report}",
                        f"--only-categories={','.join(CATEGORIES)}",
                    ],
                    env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
                    check=True,
                )
                scores = json.loads(report.read_text())["categories"]
                print(
                    f"{page:40} "
                    + " ".join(f"{round(scores[name]['score'] * 100):>14}" for name in CATEGORIES)
                )
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()

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
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from app import ROOT
from bench.npm import npm_install

PAGES = [
    "/",
    "/people/zhiming-zhou",
    "/publications/zhou2019lipschitz",
    "/search?q=lipschitz",
    "/publications",
]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PORT = 8765


def serve_demo(instance: Path) -> subprocess.Popen:
    """Start gunicorn on the demo content in a fresh instance; return once it answers."""
    environment = {**os.environ, "FLASK_SECRET_KEY": os.urandom(32).hex()}
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{PORT}"),
            *("--workers", "2", f"app:create_app(instance_path={str(instance)!r})"),
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/robots.txt", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the demo site did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", default=PAGES)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        npm_install(work, "lighthouse@12")
        server = serve_demo(work / "instance")
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

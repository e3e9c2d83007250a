"""What the browser tests share: where Chromium and axe-core are, the window sizes, and a
server for a site."""

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from builders import SERVED_APPS

from catalog.models import db

CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
# Flags for a quiet, offline, container-friendly Chromium.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


class _ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    # wsgiref closes every response, even when the browser drops the connection early;
    # Werkzeug's development server can skip that and leave a static file open.
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *_args) -> None:
        pass


@contextmanager
def served(app) -> Iterator[str]:
    """Serve an app from background threads; yield its base URL."""
    server = make_server(
        "127.0.0.1", 0, app, server_class=_ThreadingServer, handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    SERVED_APPS.add(app)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        SERVED_APPS.discard(app)
        with app.app_context():
            db.engine.dispose()


# What a page runs or styles inline (JSON-LD blocks are data, not code, so they pass).
INLINE_CODE = """() => ({
  inlineScripts: [...document.scripts]
    .filter((s) => !s.src && s.type !== "application/ld+json").length,
  styleAttributes: document.querySelectorAll("[style]").length,
  handlers: [...document.querySelectorAll("*")].filter((el) =>
    [...el.attributes].some((a) => a.name.startsWith("on"))).length,
})"""
NO_INLINE_CODE = {"inlineScripts": 0, "styleAttributes": 0, "handlers": 0}
OVERFLOW = "() => document.scrollingElement.scrollWidth - window.innerWidth"


def serious_violations(page) -> list[str]:
    """Run axe-core on the page (its context must bypass the CSP); return what is serious."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]

"""A real gunicorn serving an instance on 127.0.0.1, and requests to it as a browser sends them."""

import http.client
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from child_process import free_port

from app import ROOT

_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@contextmanager
def serving(instance: Path, workers: int = 2, access_log: Path | None = None) -> Iterator[int]:
    """Serve the instance with gunicorn until the block ends; yield its port."""
    port = free_port()
    logging = ("--access-logfile", str(access_log), "--access-logformat", "%(p)s %(m)s %(s)s")
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            *("-w", str(workers), "-b", f"127.0.0.1:{port}"),
            *(logging if access_log else ()),
            f"app:create_app(instance_path={str(instance)!r})",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "FLASK_LOAD_CONTENT_ON_FIRST_START": "false",
            "FLASK_SESSION_COOKIE_SECURE": "false",
        },
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if request(port, "GET", "/robots.txt")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def request(port: int, method: str, path: str, form=None, cookie=""):
    """Return the status, the body and the Set-Cookie header of one request."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    if form is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=urlencode(form) if form else None, headers=headers)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, body, response.getheader("Set-Cookie") or ""


def submit(port: int, path: str, form: dict, cookie: str = "") -> tuple[int, str, str]:
    """Send a form as a browser does: the page first (its token and cookie), then the post.

    :return: the post's status, its body and the session cookie it went with.
    """
    _status, page, set_cookie = request(port, "GET", path, cookie=cookie)
    cookie = set_cookie.split(";", 1)[0] or cookie
    status, body, set_cookie = request(
        port, "POST", path, {**form, "csrf_token": _TOKEN.search(page)[1]}, cookie
    )
    return status, body, set_cookie.split(";", 1)[0] or cookie

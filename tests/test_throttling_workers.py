"""Guessing passwords against 4 gunicorn workers at once is throttled as against one."""

import http.client
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from builders import make_app
from child_process import free_port
from signed_in import PASSWORD, create_account

from accounts.signing_in import MAX_FAILURES
from app import ROOT

WORKERS = 4
EMAIL = "ada@example.org"
_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def server(tmp_path):
    """The site on gunicorn with 4 workers; yields its port and its access log."""
    instance = tmp_path / "instance"
    app = make_app(instance)
    with app.app_context():
        assert create_account(app, EMAIL).exit_code == 0
    port, log = free_port(), tmp_path / "access.log"
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            *("-w", str(WORKERS), "-b", f"127.0.0.1:{port}"),
            *("--access-logfile", str(log), "--access-logformat", "%(p)s %(m)s %(s)s"),
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
                if _request(port, "GET", "/robots.txt")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        yield port, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def _request(port: int, method: str, path: str, form=None, cookie=""):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    if form is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=urlencode(form) if form else None, headers=headers)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, body, response.getheader("Set-Cookie") or ""


def attempt(port: int, password: str) -> int:
    """Sign in as a browser does: the form first (its token and cookie), then the post."""
    _status, page, cookie = _request(port, "GET", "/login")
    form = {"email": EMAIL, "password": password, "csrf_token": _TOKEN.search(page)[1]}
    return _request(port, "POST", "/login", form, cookie.split(";", 1)[0])[0]


def test_guesses_spread_over_four_workers_get_the_limit_and_no_more(server):
    port, log = server
    guesses = 3 * MAX_FAILURES

    with ThreadPoolExecutor(max_workers=guesses) as pool:
        answers = list(pool.map(lambda n: attempt(port, f"wrong guess {n}"), range(guesses)))

    assert sorted(answers) == [401] * MAX_FAILURES + [429] * (guesses - MAX_FAILURES)
    assert attempt(port, PASSWORD) == 429  # the right password too, until the window ends
    workers = {line.split()[0] for line in log.read_text().splitlines() if " POST " in line}
    assert len(workers) >= 2, "the guesses should have reached several workers"

"""Guessing passwords against 4 gunicorn workers at once is throttled as against one."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from builders import make_app
from gunicorn_server import serving, submit
from signed_in import PASSWORD, create_account

from accounts.signing_in import MAX_FAILURES

WORKERS = 4
EMAIL = "ada@example.org"


@pytest.fixture
def server(tmp_path, database):
    """The site on gunicorn with 4 workers; yields its port and its access log."""
    instance = tmp_path / "instance"
    app = make_app(instance, database)
    with app.app_context():
        assert create_account(app, EMAIL).exit_code == 0
    log = tmp_path / "access.log"
    with serving(instance, WORKERS, access_log=log) as port:
        yield port, log


def attempt(port: int, password: str) -> int:
    """Sign in as a browser does: the form first (its token and cookie), then the post."""
    return submit(port, "/login", {"email": EMAIL, "password": password})[0]


def test_guesses_spread_over_four_workers_get_the_limit_and_no_more(server):
    port, log = server
    guesses = 3 * MAX_FAILURES

    with ThreadPoolExecutor(max_workers=guesses) as pool:
        answers = list(pool.map(lambda n: attempt(port, f"wrong guess {n}"), range(guesses)))

    assert sorted(answers) == [401] * MAX_FAILURES + [429] * (guesses - MAX_FAILURES)
    assert attempt(port, PASSWORD) == 429  # the right password too, until the window ends
    workers = {line.split()[0] for line in log.read_text().splitlines() if " POST " in line}
    assert len(workers) >= 2, "the guesses should have reached several workers"

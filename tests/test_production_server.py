"""The site under gunicorn with the repository's production settings (gunicorn.conf.py)."""

import gzip
import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

from child_process import free_port

from app import ROOT


def test_gunicorn_conf_serves_compressed_pages_from_its_workers(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            *("-c", str(ROOT / "gunicorn.conf.py")),
            f"app:create_app(instance_path={str(tmp_path / 'instance')!r})",
        ],
        cwd=ROOT,
        env={**os.environ, "SCHOLARSITE_BIND": f"127.0.0.1:{port}", "SCHOLARSITE_WORKERS": "3"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, answer = time.time() + 60, None
        while answer is None and time.time() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request(
                    "GET", "/people/zhiming-zhou", headers={"Accept-Encoding": "gzip"}
                )
                answer = connection.getresponse()
            except OSError:
                time.sleep(0.3)
        body = answer.read()
        workers = subprocess.run(
            ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
        ).stdout.split()
    finally:
        process.terminate()
        process.wait(timeout=30)

    assert answer.status == 200 and answer.getheader("Content-Encoding") == "gzip"
    assert b"Zhiming Zhou" in gzip.decompress(body)  # the bundled content, loaded once
    assert len(workers) == 3

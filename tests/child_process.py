"""Run a piece of Python in a fresh process of its own, from the project folder.

For what one test process cannot show: a crash that kills the process, two writers
at once, or a disk that a mount namespace makes full or read-only.
"""

import os
import shutil
import socket
import subprocess
import sys
import textwrap

from app import ROOT


def run_python(script: str, *, wrapper: tuple[str, ...] = ()) -> subprocess.Popen:
    """Start the script (dedented) in a new Python process; the caller waits for it."""
    env = {**os.environ, "PYTHONFAULTHANDLER": "1"}
    return subprocess.Popen(
        [*wrapper, sys.executable, "-c", textwrap.dedent(script)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process: subprocess.Popen, timeout: float = 300) -> subprocess.CompletedProcess:
    """Wait for a started process and return what it printed and its exit status."""
    stdout, stderr = process.communicate(timeout=timeout)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def in_child(script: str) -> subprocess.CompletedProcess:
    """Run the script in a new Python process and wait for it."""
    return finished(run_python(script))


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def mount_namespace_available() -> bool:
    """Whether this machine lets a process mount folders in a namespace of its own."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    return probe.returncode == 0


def with_mount(folder: str, mount: str) -> tuple[str, ...]:
    """Return a command prefix that runs a program with `mount` applied to `folder`.

    `mount` is "read-only" (the folder as it is, not writable) or "tmpfs:SIZE" (an
    empty in-memory disk of that size, as small as a full disk).
    """
    if mount == "read-only":
        steps = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} {folder}"
    else:
        steps = f"mount -t tmpfs -o size={mount.removeprefix('tmpfs:')} tmpfs {folder}"
    return ("unshare", "-rm", "sh", "-c", f'{steps} && exec "$@"', "sh")

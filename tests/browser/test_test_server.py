"""The server the browser tests use closes every response, even one the browser drops.

A file left open by a dropped static request used to surface as a failure of whichever
test ran next (an unraisable "unclosed file" warning).
"""

import gc
import socket
import struct
import sys
import time
from urllib.parse import urlsplit


def test_a_dropped_static_request_leaves_no_file_to_close_later(site_url):
    address = urlsplit(site_url)
    unraisable = []
    previous_hook, sys.unraisablehook = sys.unraisablehook, unraisable.append
    try:
        for _ in range(20):
            connection = socket.create_connection((address.hostname, address.port))
            connection.sendall(b"GET /static/icons/favicon.svg HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert connection.recv(12).startswith(b"HTTP/1.")
            # Reset instead of closing politely, as a browser abandoning a request does.
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.close()
        time.sleep(0.5)
        gc.collect()
    finally:
        sys.unraisablehook = previous_hook
    assert [str(report.exc_value) for report in unraisable] == []

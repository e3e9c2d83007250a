"""gunicorn's settings for serving the site in production.

    gunicorn -c gunicorn.conf.py "app:create_app()"

`SCHOLARSITE_BIND` (default 127.0.0.1:8000, for a proxy on the same machine) and
`SCHOLARSITE_WORKERS` (default: one per core, and one more) change the two settings a
site most often needs to. Nothing is opened before the workers fork: each worker makes
the app, and so opens its own database connections and search index; the first to
start creates the schema and loads the bundled content under the instance's lock.
"""

import os

bind = os.environ.get("SCHOLARSITE_BIND", "127.0.0.1:8000")
# Pages cost CPU time, not waiting: a worker per core, and one for a moment on the disk.
workers = int(os.environ.get("SCHOLARSITE_WORKERS") or (os.cpu_count() or 1) + 1)
preload_app = False
# A page takes milliseconds; an import of a large .bib in the browser, some seconds.
timeout = 60
graceful_timeout = 30
# Behind a proxy that keeps connections to the site open.
keepalive = 5
accesslog = "-"
errorlog = "-"

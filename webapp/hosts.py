"""Which Host headers the site answers, and how it reads them behind a proxy.

Absolute URLs (canonical links, feeds, the sitemap, the API's `url` fields) are built
from the address a request came in on unless SITE_URL is set, so a forged Host header
would put another site's name into every one of them. Flask refuses a Host outside
TRUSTED_HOSTS with 400; the site trusts, by default, only this machine's own names and
the host of SITE_URL. In production set SITE_URL, TRUSTED_HOSTS, or both.
"""

from urllib.parse import urlsplit

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

LOCAL_HOSTS = ["localhost", "127.0.0.1"]


def init_app(app: Flask) -> None:
    """Settle TRUSTED_HOSTS and, when PROXY_COUNT is set, read X-Forwarded-* headers."""
    trusted = app.config.get("TRUSTED_HOSTS")
    trusted = list(LOCAL_HOSTS if trusted is None else trusted)
    site_host = urlsplit(app.config.get("SITE_URL") or "").hostname
    if site_host and site_host not in trusted:
        trusted.append(site_host)
    app.config["TRUSTED_HOSTS"] = trusted
    proxies = int(app.config.get("PROXY_COUNT") or 0)
    if proxies:
        # Each proxy in front appends one value; trust only that many.
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )

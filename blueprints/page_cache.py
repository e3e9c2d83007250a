"""Whole answers of the slowest read-only pages, kept until the content changes.

A member's full publication list and its exports, and the sitemaps, render hundreds to
thousands of papers; each worker keeps the answers it gave, keyed by the whole address
(host included) and the content's version (catalog/versions.py), so asking again costs
one small query.
A change anywhere makes the next request render afresh; older answers age out. Search
answers are also keyed by the commit of the index the worker reads, and an answer the
view marks as not to keep (an incomplete search) is given but not kept.
"""

import functools
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, g, request

from catalog.versions import current_version, register_listener

# What each worker may keep, in bytes of response bodies.
PAGE_CACHE_BYTES = 64 * 1024 * 1024


class PageCache:
    """The most recently given answers, up to a total size."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.used = 0
        self._answers: OrderedDict = OrderedDict()

    def get(self, key) -> tuple | None:
        answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
        return answer

    def put(self, key, answer: tuple) -> None:
        body = answer[0]
        if len(body) > self.size:
            return
        if key in self._answers:
            self.used -= len(self._answers.pop(key)[0])
        self._answers[key] = answer
        self.used += len(body)
        while self.used > self.size:
            self.used -= len(self._answers.popitem(last=False)[1][0])


def init_app(app: Flask) -> None:
    register_listener()
    app.extensions["page_cache"] = PageCache(app.config.get("PAGE_CACHE_BYTES", PAGE_CACHE_BYTES))


def cached(view=None, *, kept_while: Callable[[], Any] | None = None):
    """Keep a view's successful answers until the content changes.

    :param kept_while: what else the answers depend on; they are kept only while it
        returns the same value.
    """
    if view is None:
        return functools.partial(cached, kept_while=kept_while)

    @functools.wraps(view)
    def answer(*args, **kwargs):
        cache: PageCache = current_app.extensions["page_cache"]
        # The whole address: pages name the host they were asked on in their links.
        key = (request.url, current_version(), kept_while() if kept_while else None)
        kept = cache.get(key)
        if kept is not None:
            body, status, headers = kept
            return Response(body, status=status, headers=headers)
        response = current_app.make_response(view(*args, **kwargs))
        keep = response.status_code == 200 and not g.pop("answer_not_kept", False)
        if keep and not response.is_streamed:
            cache.put(key, (response.get_data(), response.status_code, list(response.headers)))
        return response

    return answer


def do_not_keep() -> None:
    """Give this request's answer without keeping it (it is not the settled answer)."""
    g.answer_not_kept = True

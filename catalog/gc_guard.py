"""Keep SQLAlchemy clear of a CPython 3.11 use-after-free that crashed the server.

The defect: on 3.11 a garbage collection may start at any allocation of a tracked
object, including the dict that `obj.attr = value` allocates when it turns an object's
inline attribute values into a real `__dict__` (it does so once the class's shared keys
are full). Weak-reference callbacks run inside that collection. If one of them stores
an attribute on the same object, it materialises the same values a second time and
frees them, and the outer store goes on with freed memory; the process dies later,
in the collector ("Fatal Python error: Segmentation fault ... Garbage-collecting").
From 3.12 on, collections run only between bytecodes, so this cannot happen.

How SQLAlchemy meets it: every loaded row has an `InstanceState` (a class with a
managed `__dict__`) that holds its object through a weak reference whose callback,
`InstanceState._cleanup`, stores `session_id` and `_strong_obj` on the state. Our
papers, authorships and people refer to each other, so once a page is rendered they
are cyclic garbage; when the session then stores a new attribute on their states
(closing the session sets `session_id`, a commit expires them), the allocation can
collect those objects and the callback stores on the very state being written.

The guard: give each state its real `__dict__` as soon as its object exists (loaded
or constructed), while nothing can collect that object. Later stores then go into an
ordinary dict, which never allocates a tracked object and never starts a collection.
"""

import sys

from sqlalchemy import event
from sqlalchemy.orm import InstanceState

NEEDED = sys.version_info < (3, 12)


def register(base: type) -> None:
    """Materialise the instance state's `__dict__` of every model object on creation."""
    if not NEEDED:
        return
    event.listen(base, "load", _materialise_loaded, propagate=True)
    event.listen(base, "init", _materialise_constructed, propagate=True)


def _materialise(state: InstanceState) -> None:
    # Reading `__dict__` builds it from the inline values.
    state.__dict__  # noqa: B018


def _materialise_loaded(target, _context) -> None:
    _materialise(target._sa_instance_state)


def _materialise_constructed(target, _args, _kwargs) -> None:
    _materialise(target._sa_instance_state)

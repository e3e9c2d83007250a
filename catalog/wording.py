"""A mark for interface words kept in modules that know nothing of requests.

`N_("Talks")` is the text itself: the extraction of messages (webapp/translations)
finds it by this name, and the page showing it translates it (`_()` in templates).
"""


def N_(message: str) -> str:
    return message

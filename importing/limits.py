"""Bounds and sanity checks for text that users hand to the importers.

A content file is untrusted input: it may be huge, binary, or carry characters no
database column should hold. Readers check here first and refuse with a message.
"""

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FIELD_CHARS = 100_000
# A profile is one person's page: a few hundred of anything is already a long page.
MAX_PROFILE_CHARS = 1_000_000
MAX_PROFILE_LIST_ITEMS = 500


def unreadable_text_reason(text: str) -> str:
    """Return why text cannot be stored (NUL bytes, lone surrogates), or "" if it can."""
    if "\x00" in text:
        return "contains NUL bytes; is it a text file?"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"contains a lone surrogate (character {error.start}), which is not text"
    return ""


def whole_number_in(text: str, low: int, high: int) -> int | None:
    """Return the whole number the text spells if it lies in [low, high], else None.

    The length is checked first: int() of thousands of digits is slow, then refused.
    """
    text = text.strip()
    if len(text) > len(str(high)) or not text.isdecimal():
        return None
    number = int(text)
    return number if low <= number <= high else None

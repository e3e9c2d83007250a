"""'Did you mean': unknown words replaced by the closest indexed ones."""

import re

from whoosh.support.levenshtein import distance

_SUGGESTABLE_WORD = re.compile(
    r"(?<![\w:])(?P<field>\w+:)?(?!(?:AND|OR|NOT)\b)(?P<word>\w+)(?![\w:*])"
)
# Values of these fields are exact (has:code): never respelt.
_EXACT_FIELDS = {"has:", "person:", "year:", "type:", "date:"}


def suggestion(view, text: str, folding) -> str:
    """Return the query with unknown words replaced by the closest indexed ones.

    `view` is a backend's view of its index (its words and their document counts);
    `folding` the analyzer its `spell` field is indexed with.
    """
    changed = False

    def replace(match: re.Match) -> str:
        nonlocal changed
        prefix, word = match.group("field") or "", match.group("word")
        if prefix.lower() in _EXACT_FIELDS:
            return match.group(0)
        folded = " ".join(t.text for t in folding(word))
        if len(folded) < 3 or folded.isdigit() or view.doc_frequency("spell", folded):
            return match.group(0)
        best = _closest_word(view, folded)
        if best is None:
            return match.group(0)
        changed = True
        return prefix + best

    # Operators, syntax and values of exact fields (has:code) stay as they are.
    suggestion = _SUGGESTABLE_WORD.sub(replace, text)
    return suggestion if changed else ""


def _closest_word(view, word: str) -> str | None:
    candidates = view.near_terms("spell", word) - {word}
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda c: (distance(word, c), -view.doc_frequency("spell", c), c),
    )

"""Inline math in titles ("$\\Sigma\\Pi\\Sigma$ circuits", "\\(\\alpha\\)-stable noise").

The importer keeps math as the file wrote it. Pages show it as MathML, which browsers
render without a script; metadata, feeds and citations get plain text ("ΣΠΣ circuits").
"""

import re
from functools import lru_cache

import nh3
from latex2mathml.converter import convert
from markupsafe import Markup, escape
from pylatexenc.latex2text import LatexNodes2Text

# $...$ (not an escaped \$) or \(...\), on one line.
INLINE_MATH = re.compile(r"(?<!\\)\$(?P<dollar>[^$\n]+?)(?<!\\)\$|\\\((?P<paren>.+?)\\\)")
# What the MathML of latex2mathml may hold; anything else (a \text{<b>} say) is dropped.
_MATHML_TAGS = {
    "math",
    "semantics",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "msup",
    "msub",
    "msubsup",
    "mfrac",
    "msqrt",
    "mroot",
    "mover",
    "munder",
    "munderover",
    "mtable",
    "mtr",
    "mtd",
    "mstyle",
    "menclose",
    "mpadded",
    "mphantom",
}
_MATHML_ATTRIBUTES = {
    "math": {"xmlns", "display"},
    "mo": {"stretchy", "fence", "separator", "lspace", "rspace", "form", "minsize", "maxsize"},
    "mi": {"mathvariant"},
    "mstyle": {"displaystyle", "scriptlevel", "mathvariant"},
    "mspace": {"width"},
    "mfrac": {"linethickness"},
    "mover": {"accent"},
    "munder": {"accentunder"},
    "menclose": {"notation"},
    "mtd": {"columnalign"},
    "mtable": {"columnalign", "rowspacing", "columnspacing"},
}
_TO_TEXT = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


def has_math(text: str) -> bool:
    return bool(INLINE_MATH.search(text))


@lru_cache(maxsize=4096)
def math_html(text: str) -> Markup:
    """Return text as HTML, escaped, with its inline math as MathML."""
    parts = []
    position = 0
    for match in INLINE_MATH.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(_mathml(match["dollar"] or match["paren"]) or escape(match[0]))
        position = match.end()
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


@lru_cache(maxsize=4096)
def math_plain(text: str) -> str:
    """Return text with its inline math as plain characters ("$\\alpha$" -> "α")."""
    return INLINE_MATH.sub(lambda match: _plain(match["dollar"] or match["paren"]), text)


def _mathml(latex: str) -> Markup | None:
    try:
        mathml = convert(latex)
    except Exception:  # latex2mathml raises many kinds on LaTeX it does not know
        return None
    return Markup(nh3.clean(mathml, tags=_MATHML_TAGS, attributes=_MATHML_ATTRIBUTES))


def _plain(latex: str) -> str:
    try:
        return " ".join(_TO_TEXT.latex_to_text(latex).split())
    except Exception:  # pylatexenc raises IndexError, KeyError... on odd macros
        return latex

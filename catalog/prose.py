"""Markdown prose as the plain text it reads as: for snippets of search results, where
`*gradient uninformativeness*` should read "gradient uninformativeness"."""

from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark")
# Inline tokens whose content is what a reader sees.
_SHOWN = {"text", "code_inline"}


def plain_prose(text: str) -> str:
    """Return the text of Markdown without its marks: emphasis, links and code marks
    dropped, their words kept; paragraphs and line breaks as single spaces."""
    words = []
    for block in _parser.parse(text or ""):
        for token in block.children or ():
            if token.type in _SHOWN:
                words.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                words.append(" ")
        if block.type == "inline":
            words.append(" ")
    return " ".join("".join(words).split())

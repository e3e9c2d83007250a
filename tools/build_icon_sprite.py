"""Build static/icons/icons.svg, one SVG sprite, from the npm packages of the icon sets.

Usage: `npm pack @fortawesome/fontawesome-free academicons`, unpack both tarballs, then
`python tools/build_icon_sprite.py FONTAWESOME_PACKAGE_DIR ACADEMICONS_PACKAGE_DIR`.
Only the icons listed here are copied, so the site ships a few kilobytes, not the sets.
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SVG = "{http://www.w3.org/2000/svg}"
SPRITE = Path(__file__).resolve().parent.parent / "static" / "icons" / "icons.svg"

# Symbol id -> file inside the Font Awesome package.
FONTAWESOME = {
    "fa-envelope": "svgs/solid/envelope.svg",
    "fa-file-pdf": "svgs/solid/file-pdf.svg",
    "fa-code": "svgs/solid/code.svg",
    "fa-slides": "svgs/solid/person-chalkboard.svg",
    "fa-image": "svgs/solid/image.svg",
    "fa-video": "svgs/solid/circle-play.svg",
    "fa-globe": "svgs/solid/globe.svg",
    "fa-link": "svgs/solid/link.svg",
    "fa-file-lines": "svgs/solid/file-lines.svg",
    "fa-paperclip": "svgs/solid/paperclip.svg",
    "fa-pen-nib": "svgs/solid/pen-nib.svg",
    "fa-comments": "svgs/solid/comments.svg",
    "fa-book-open": "svgs/solid/book-open.svg",
    "fa-search": "svgs/solid/magnifying-glass.svg",
    "fa-moon": "svgs/solid/moon.svg",
    "fa-sun": "svgs/solid/sun.svg",
    "fa-location": "svgs/solid/location-dot.svg",
    "fa-building": "svgs/solid/building-columns.svg",
    "fa-graduation-cap": "svgs/solid/graduation-cap.svg",
    "fa-user-graduate": "svgs/solid/user-graduate.svg",
    "fa-award": "svgs/solid/award.svg",
    "fa-arrow-right": "svgs/solid/arrow-right.svg",
    "fa-github": "svgs/brands/github.svg",
    "fa-x-twitter": "svgs/brands/x-twitter.svg",
    "fa-linkedin": "svgs/brands/linkedin.svg",
}
# Symbol id -> file inside the Academicons package.
ACADEMICONS = {
    "ai-arxiv": "svg/arxiv.svg",
    "ai-google-scholar": "svg/google-scholar.svg",
    "ai-cv": "svg/cv.svg",
    "ai-dblp": "svg/dblp.svg",
    "ai-orcid": "svg/orcid.svg",
    "ai-doi": "svg/doi.svg",
    "ai-acm": "svg/acm.svg",
    "ai-semantic-scholar": "svg/semantic-scholar.svg",
    "ai-researchgate": "svg/researchgate.svg",
}
# Drawing attributes worth keeping; editor metadata (Inkscape ids, styles) is dropped.
KEPT_ATTRIBUTES = ("d", "transform", "fill-rule", "clip-rule")


def symbol(symbol_id: str, source: Path) -> ET.Element:
    """Return a <symbol> holding the paths (and their group transforms) of one SVG file."""
    root = ET.parse(source).getroot()
    result = ET.Element("symbol", id=symbol_id, viewBox=root.get("viewBox"))
    _copy_shapes(root, result)
    return result


def _copy_shapes(source: ET.Element, target: ET.Element) -> None:
    for child in source:
        tag = child.tag.removeprefix(SVG)
        if tag not in ("g", "path"):
            continue
        attributes = {k: v for k, v in child.attrib.items() if k in KEPT_ATTRIBUTES}
        # Academicons keeps the fill rule inside a style attribute.
        if "fill-rule:evenodd" in child.get("style", ""):
            attributes["fill-rule"] = "evenodd"
        copy = ET.SubElement(target, tag, attributes)
        _copy_shapes(child, copy)


def main(fontawesome_dir: str, academicons_dir: str) -> None:
    """Write the sprite with every listed icon."""
    ET.register_namespace("", SVG[1:-1])
    sprite = ET.Element("svg", xmlns=SVG[1:-1])
    sprite.append(
        ET.Comment(
            " Font Awesome Free icons (fa-*) by Fonticons, Inc., CC BY 4.0; Academicons"
            " (ai-*) by James Walsh, SIL OFL 1.1. Licences: static/icons/LICENSES/. "
        )
    )
    for icons, package in ((FONTAWESOME, fontawesome_dir), (ACADEMICONS, academicons_dir)):
        for symbol_id, path in icons.items():
            sprite.append(symbol(symbol_id, Path(package) / path))
    ET.indent(sprite, space="")
    SPRITE.write_text(ET.tostring(sprite, encoding="unicode") + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])

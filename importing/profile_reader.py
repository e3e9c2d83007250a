"""Read a profile file (YAML front matter + Markdown biography) into a person record.

Pure parsing: text in, a record and problems out. Front matter is read with
python-frontmatter, which uses PyYAML's safe loader (no arbitrary objects). Before
that, a token scan refuses what the safe loader still allows: anchors and aliases
(one line can expand to gigabytes), explicit tags, and nesting deep enough to crash
the C parser.
"""

from datetime import date
from typing import Any

import frontmatter
import yaml

from catalog import lengths
from catalog.activities import ACTIVITY_KINDS, ActivityKind
from catalog.lengths import person_too_long
from catalog.names import slugify
from catalog.records import LinkRecord, PersonRecord, Problem, SectionRecord
from catalog.web_addresses import unsafe_address_reason
from importing.limits import (
    MAX_FIELD_CHARS,
    MAX_PROFILE_CHARS,
    MAX_PROFILE_LIST_ITEMS,
    unreadable_text_reason,
)

MAX_NESTING = 20
# The file of co-authors who are not members, and its one field.
COAUTHORS_FILES = {"coauthors.yml", "coauthors.yaml"}
COAUTHORS_FIELD = "coauthors"
_OPENING_TOKENS = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSING_TOKENS = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)

TEXT_FIELDS = ("position", "tagline", "address", "email", "photo", "role")
KNOWN_FIELDS = {
    "name",
    "slug",
    "aliases",
    "affiliations",
    "education",
    "interests",
    "links",
    "sections",
    *TEXT_FIELDS,
    *(kind.name for kind in ACTIVITY_KINDS),
}


class ProfileError(ValueError):
    """The front matter has the wrong shape; the message says where."""


def read_profile(text: str, source: str, slug: str) -> tuple[PersonRecord | None, list[Problem]]:
    """Parse a profile into a person record; on error return None and say why."""
    post, problems = read_front_matter(text, source)
    if post is None:
        return None, problems
    return profile_from(post.metadata, post.content, source, slug)


def read_front_matter(text: str, source: str) -> tuple[frontmatter.Post | None, list[Problem]]:
    """Split a Markdown file into its front matter and body, refusing unsafe YAML."""
    reason = unreadable_text_reason(text)
    if len(text) > MAX_PROFILE_CHARS:
        reason = (
            f"has {len(text):,} characters, more than a profile's limit of {MAX_PROFILE_CHARS:,}"
        )
    if reason:
        return None, [Problem(source, None, f"file {reason}")]
    try:
        refusal = _refused_yaml(text)
        if refusal:
            return None, [Problem(source, refusal[0], f"front matter: {refusal[1]}")]
        return frontmatter.loads(text), []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or "invalid YAML"
        return None, [Problem(source, line, f"front matter: {problem}")]


def read_paper_page(
    text: str, source: str, key: str
) -> tuple[frontmatter.Post | None, list[Problem]]:
    """Split another theme's page of one paper, refusing unsafe YAML and overlong fields."""
    post, problems = read_front_matter(text, source)
    if post is not None and any(len(str(v)) > MAX_FIELD_CHARS for v in post.metadata.values()):
        message = f"a field is longer than {MAX_FIELD_CHARS:,} characters; not imported"
        return None, [Problem(source, 1, message, "error", key)]
    return post, problems


def read_yaml(text: str, source: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Read a YAML file (a site's `_config.yml`) as safely as front matter."""
    post, problems = read_front_matter(f"---\n{text}\n---\n", source)
    if post is None:
        return None, problems
    return dict(post.metadata), []


def profile_from(
    meta: dict[str, Any], body: str, source: str, slug: str
) -> tuple[PersonRecord | None, list[Problem]]:
    """Make a person record of profile fields (this site's front matter) and a biography."""
    try:
        record = _record(meta, body, slug, source)
    except ProfileError as error:
        return None, [Problem(source, 1, str(error), key=slug)]
    unknown = sorted(set(meta) - KNOWN_FIELDS)
    problems = [
        Problem(source, 1, f"unknown front matter field {name!r} ignored", "warning", slug)
        for name in unknown
    ]
    return record, problems


def _refused_yaml(text: str) -> tuple[int, str] | None:
    """Return the line and reason of the first YAML feature profiles do not accept."""
    text = text.strip()  # as python-frontmatter does before splitting
    handler = frontmatter.detect_format(text, frontmatter.handlers)
    if not isinstance(handler, frontmatter.YAMLHandler):
        return None
    try:
        front_matter, _ = handler.split(text)
    except ValueError:
        return None
    depth = 0
    for token in yaml.scan(front_matter, Loader=yaml.SafeLoader):
        # The split keeps the newline after the opening "---": line numbers match the file.
        line = token.start_mark.line + 1
        if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
            return line, "anchors and aliases (& and *) are not accepted"
        if isinstance(token, yaml.TagToken):
            return line, "YAML tags (!tag, !!type) are not accepted"
        depth += isinstance(token, _OPENING_TOKENS) - isinstance(token, _CLOSING_TOKENS)
        if depth > MAX_NESTING:
            return line, f"nested deeper than {MAX_NESTING} levels"
    return None


def _record(meta: dict[str, Any], body: str, slug: str, source: str) -> PersonRecord:
    name = _text(meta, "name")
    if not name:
        raise ProfileError("front matter needs a 'name'")
    slug = slugify(str(meta.get("slug") or slug))
    if not slug:
        raise ProfileError("the profile needs a slug made of letters or digits")
    record = PersonRecord(
        slug=slug,
        name=name,
        aliases=_strings(meta, "aliases"),
        affiliations=_mappings(meta, "affiliations", required="name"),
        education=_mappings(meta, "education", required="degree"),
        interests=_strings(meta, "interests"),
        bio=_bounded("biography", body.strip()),
        links=[
            LinkRecord(
                kind=str(item["kind"]),
                url=str(item["url"]),
                label=str(item.get("label") or ""),
                hidden=bool(item.get("hidden", False)),
            )
            for item in _mappings(meta, "links", required="url", also_required="kind")
        ],
        sections=[
            SectionRecord(
                title=str(item["title"]),
                body=str(item.get("body") or "").strip(),
                kind=str(item.get("kind") or "section"),
                expires=_day(item.get("expires"), f"'sections' item {number}"),
            )
            for number, item in enumerate(_mappings(meta, "sections", required="title"), 1)
        ],
        source=source,
        line=1,
    )
    for field_name in TEXT_FIELDS:
        setattr(record, field_name, _text(meta, field_name))
    record.role = record.role.lower()
    for kind in ACTIVITY_KINDS:
        items = _activity_items(meta, kind)
        if items:
            record.activities[kind.name] = items
    _check_addresses(record)
    too_long = person_too_long(record)
    if too_long:
        raise ProfileError("; ".join(too_long))
    return record


def _activity_items(meta: dict[str, Any], kind: ActivityKind) -> list[dict[str, str]]:
    """Read one of the lists besides papers: each item's parts as text, dates checked."""
    items = []
    for number, item in enumerate(_mappings(meta, kind.name, required=kind.required), 1):
        where = f"'{kind.name}' item {number}"
        unknown = sorted(set(item) - set(kind.parts))
        if unknown:
            raise ProfileError(
                f"{where}: unknown part {unknown[0]!r} (a {kind.name} item has "
                f"{', '.join(kind.parts)})"
            )
        kept = {}
        for part in kind.parts:
            value = item.get(part)
            if value in (None, ""):
                continue
            if isinstance(value, (dict, list)):
                raise ProfileError(f"{where}: '{part}' must be text")
            kept[part] = _bounded(part, str(value).strip())
            if part in kind.dates:
                kept[part] = str(_day(value, where, part))
        items.append(kept)
    return items


def _check_addresses(record: PersonRecord) -> None:
    """Refuse an address the site must not link to (`javascript:`, `data:`...)."""
    addresses = [("photo", record.photo, True)]
    addresses += [(f"'links' item {n}", link.url, True) for n, link in enumerate(record.links, 1)]
    lists = [(name, getattr(record, name)) for name in ("affiliations", "education")]
    lists += list(record.activities.items())
    for name, items in lists:
        addresses += [
            (f"'{name}' item {n}", str(item.get("url") or ""), False)
            for n, item in enumerate(items, 1)
        ]
    for where, address, site_path in addresses:
        reason = address and unsafe_address_reason(address, site_path)
        if reason:
            raise ProfileError(f"{where}: the address {address!r} is refused: {reason}")


def _day(value: Any, where: str, name: str = "expires") -> date | None:
    """Read a date written YYYY-MM-DD (YAML gives it as text here: see `_plain`)."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ProfileError(f"{where}: '{name}' must be a date as YYYY-MM-DD") from None


def _text(meta: dict[str, Any], name: str) -> str:
    value = meta.get(name)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise ProfileError(f"'{name}' must be text, not a {type(value).__name__}")
    return _bounded(name, str(value).strip())


def _bounded(name: str, text: str) -> str:
    if len(text) > MAX_FIELD_CHARS:
        raise ProfileError(
            f"'{name}' has {len(text):,} characters, more than the limit of {MAX_FIELD_CHARS:,}"
        )
    return text


def _list(meta: dict[str, Any], name: str) -> list[Any]:
    value = meta.get(name) or []
    if isinstance(value, list) and len(value) > MAX_PROFILE_LIST_ITEMS:
        raise ProfileError(
            f"'{name}' has {len(value):,} items, more than the limit of {MAX_PROFILE_LIST_ITEMS:,}"
        )
    return value


def _strings(meta: dict[str, Any], name: str) -> list[str]:
    value = _list(meta, name)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
        raise ProfileError(f"'{name}' must be a list of text")
    return [str(v).strip() for v in value if str(v).strip()]


def _plain(value: Any) -> Any:
    # YAML may produce dates and other objects that JSON columns cannot hold.
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def _mappings(
    meta: dict[str, Any], name: str, required: str, also_required: str = ""
) -> list[dict[str, Any]]:
    value = _list(meta, name)
    if not isinstance(value, list):
        raise ProfileError(f"'{name}' must be a list")
    items = []
    for number, item in enumerate(value, start=1):
        if isinstance(item, str) and not also_required:
            item = {required: item}
        if not isinstance(item, dict):
            raise ProfileError(f"'{name}' item {number} must be a mapping")
        for key in filter(None, (required, also_required)):
            if not item.get(key):
                raise ProfileError(f"'{name}' item {number} needs '{key}'")
        items.append({str(k): _plain(v) for k, v in item.items()})
    return items


def read_coauthors(text: str, source: str) -> tuple[list[list[str]] | None, list[Problem]]:
    """Read the co-authors who are not members, each with the spellings papers print for
    them (`coauthors: [[Bochen Lyu, Bochen Lv]]`); on error return None and say why."""
    found, problems = read_yaml(text, source)
    if found is None:
        return None, problems
    people = found.get(COAUTHORS_FIELD)
    if not isinstance(people, list) or not all(
        isinstance(spellings, list) and all(isinstance(n, str) for n in spellings)
        for spellings in people
    ):
        message = f"'{COAUTHORS_FIELD}' must be a list of lists of names"
        return None, [Problem(source, 1, message)]
    if len(people) > MAX_PROFILE_LIST_ITEMS:
        message = f"more than {MAX_PROFILE_LIST_ITEMS:,} co-authors"
        return None, [Problem(source, 1, message)]
    too_long = [name for names in people for name in names if len(name.strip()) > lengths.NAME]
    if too_long:
        message = (
            f"a co-author's name has more than {lengths.NAME} characters: {too_long[0][:60]!r}…"
        )
        return None, [Problem(source, 1, message)]
    return [[name.strip() for name in names] for names in people], []

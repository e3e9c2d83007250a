"""The profile form: a member's fields, biography, links, sections and the lists besides
papers (news, talks, teaching...).

What the form holds is handed to the profile reader as front matter and a biography,
so a profile saved in the browser passes exactly the checks a profile file does
(bounds, safe addresses, required fields), then `upsert_person` writes it.
"""

from typing import Any

from flask_babel import LazyString, lazy_gettext
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations as wtforms_translations
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from catalog import lengths
from catalog.activities import ACTIVITY_KINDS, ActivityKind
from catalog.models import Person
from catalog.records import PersonRecord, Problem
from catalog.wording import N_
from importing.limits import MAX_FIELD_CHARS
from importing.profile_reader import profile_from

# Offered as suggestions; any other word is kept as typed (an icon shows for these).
PROFILE_LINK_KINDS = (
    "website", "email", "cv", "scholar", "github", "dblp", "orcid", "semantic_scholar",
    "researchgate", "linkedin", "twitter", "blog", "students",
)  # fmt: skip
SECTION_KINDS = [
    SelectChoice("section", lazy_gettext("Section")),
    SelectChoice("notice", lazy_gettext("Notice (highlighted)")),
]
# The parts of an affiliation and of a degree, in the order a line of the form gives them.
AFFILIATION_PARTS = ("name", "url")
EDUCATION_PARTS = ("degree", "institution", "url", "year")
# Blank rows offered for new links and sections.
NEW_LINKS, NEW_SECTIONS = 2, 1
FIELD = Length(max=MAX_FIELD_CHARS)
# The parts of the lists' items (catalog.activities), as the lists' labels name them.
ITEM_PARTS = (
    N_("date"), N_("text"), N_("url"), N_("title"), N_("expires"), N_("event"), N_("term"),
    N_("role"), N_("by"), N_("year"), N_("name"), N_("years"), N_("now"),
)  # fmt: skip


class Row(Form):
    """A row of links or sections: WTForms' own messages ("Not a valid integer value.")
    in the site's language, as a FlaskForm has them."""

    class Meta:
        def get_translations(self, form):
            return wtforms_translations


class LinkRow(Row):
    kind = StringField(lazy_gettext("Kind"), validators=[Length(max=lengths.LINK_KIND)])
    label = StringField(lazy_gettext("Label"), validators=[Length(max=lengths.NAME)])
    url = StringField(lazy_gettext("Address"), validators=[Length(max=lengths.ADDRESS)])
    hidden = BooleanField(lazy_gettext("Hide"))
    order = IntegerField(lazy_gettext("Order"), validators=[Optional()])
    remove = BooleanField(lazy_gettext("Remove"))


class SectionRow(Row):
    title = StringField(lazy_gettext("Title"), validators=[Length(max=lengths.LINE)])
    kind = SelectField(lazy_gettext("Kind"), choices=SECTION_KINDS, default="section")
    body = TextAreaField(lazy_gettext("Text (Markdown)"), validators=[FIELD])
    expires = DateField(lazy_gettext("Shown until"), validators=[Optional()])
    order = IntegerField(lazy_gettext("Order"), validators=[Optional()])
    remove = BooleanField(lazy_gettext("Remove"))


class ProfileForm(FlaskForm):
    name = StringField(lazy_gettext("Name"), validators=[DataRequired(), Length(max=lengths.NAME)])
    other_names = TextAreaField(lazy_gettext("Other spellings of the name (one per line)"), [FIELD])
    position = StringField(lazy_gettext("Position"), validators=[Length(max=lengths.LINE)])
    tagline = StringField(lazy_gettext("Tagline"), validators=[Length(max=lengths.LINE)])
    affiliations = TextAreaField(
        lazy_gettext("Affiliations (one per line: name | web address)"), [FIELD]
    )
    education = TextAreaField(
        lazy_gettext("Education (one per line: degree | institution | web address | year)"),
        [FIELD],
    )
    interests = TextAreaField(lazy_gettext("Research interests (one per line)"), [FIELD])
    address = TextAreaField(lazy_gettext("Postal address"), [FIELD])
    email = EmailField(lazy_gettext("E-mail address shown"), validators=[Length(max=lengths.LINE)])
    role = StringField(lazy_gettext("Role in the lab"), validators=[Length(max=lengths.ROLE)])
    bio = TextAreaField(lazy_gettext("Biography (Markdown)"), [FIELD])
    links = FieldList(FormField(LinkRow))
    sections = FieldList(FormField(SectionRow))


def _list_label(kind: ActivityKind) -> str:
    """A list's label: its heading, and the parts of an item in the order a line gives them."""
    return _(
        "%(heading)s (one per line: %(parts)s)",
        heading=_(kind.heading),
        parts=" | ".join(_(part) for part in kind.parts),
    )


# One text area per list besides papers, an item per line, its parts as a file has them.
for _kind in ACTIVITY_KINDS:
    setattr(ProfileForm, _kind.name, TextAreaField(LazyString(_list_label, _kind), [FIELD]))


def form_for(person: Person, formdata: Any = None) -> ProfileForm:
    """The form filled from the stored profile (or from what was posted), with blank rows."""
    form = ProfileForm(formdata=formdata, data=None if formdata else _stored(person))
    if not formdata:
        for _ in range(NEW_LINKS):
            form.links.append_entry()
        for _ in range(NEW_SECTIONS):
            form.sections.append_entry()
    return form


def _stored(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "other_names": "\n".join(person.other_names),
        "position": person.position,
        "tagline": person.tagline,
        "affiliations": "\n".join(item_line(a, *AFFILIATION_PARTS) for a in person.affiliations),
        "education": "\n".join(item_line(e, *EDUCATION_PARTS) for e in person.education),
        "interests": "\n".join(person.interests),
        "address": person.address,
        "email": person.email,
        "bio": person.bio,
        "role": person.role,
        **{kind.name: "\n".join(activity_lines(person, kind)) for kind in ACTIVITY_KINDS},
        "links": [
            {"kind": k.kind, "label": k.label, "url": k.url, "hidden": k.hidden, "order": n}
            for n, k in enumerate(person.links, 1)
        ],
        "sections": [
            {"title": s.title, "kind": s.kind, "body": s.body, "expires": s.expires, "order": n}
            for n, s in enumerate(person.sections, 1)
        ],
    }


def activity_lines(person: Person, kind: ActivityKind) -> list[str]:
    """The items of one of a profile's lists, a line each as the form shows them."""
    return [item_line(item, *kind.parts) for item in (person.activities or {}).get(kind.name, [])]


def item_line(item: dict[str, Any], *names: str) -> str:
    """An affiliation, a degree or an item of a list as the form shows it: its parts
    joined by " | ", a "|" or a line break inside a part written \\| or \\n."""
    values = [_escaped(str(item.get(name) or "")) for name in names]
    while values and not values[-1]:
        values.pop()
    return " | ".join(values)


def _escaped(part: str) -> str:
    return part.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n")


def _parts(line: str) -> list[str]:
    """The parts of a line of the form, "\\|" and "\\n" read back as "|" and a line break."""
    parts, part, characters = [], [], iter(line)
    for character in characters:
        if character == "\\":
            following = next(characters, "")
            part.append("\n" if following == "n" else following)
        elif character == "|":
            parts.append("".join(part).strip())
            part = []
        else:
            part.append(character)
    return [*parts, "".join(part).strip()]


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in _text(text).splitlines() if line.strip()]


def _fields(line: str, *names: str) -> dict[str, str | int]:
    parts = _parts(line)
    # A number is kept as one, as the YAML of a profile file gives it (`year: 2020`).
    return {
        name: int(value) if value.isdecimal() else value
        for name, value in zip(names, parts, strict=False)
        if value
    }


def _kept_rows(rows: FieldList, required: str) -> list[dict[str, Any]]:
    """The rows not removed and not left blank, in the order their numbers give."""
    kept = [
        (row.data["order"] if row.data["order"] is not None else 10_000 + n, n, row.data)
        for n, row in enumerate(rows)
        if not row.data["remove"] and _text(row.data[required])
    ]
    return [data for _order, _n, data in sorted(kept, key=lambda item: item[:2])]


def _incomplete(rows: FieldList, required: str, others: tuple[str, ...], what: str) -> list[str]:
    """Say which rows hold something but lack what they need (their text would be lost):
    `what` is a message with the row's number and the missing field's label."""
    return [
        _(what, number=number, field=rows[number - 1][required].label.text.lower())
        for number, row in enumerate(rows, 1)
        if not row.data["remove"]
        and not _text(row.data[required])
        and any(
            _text(row.data[name]) if isinstance(row.data[name], str) else row.data[name]
            for name in others
        )
    ]


def profile_record(person: Person, form: ProfileForm) -> tuple[PersonRecord | None, list[Problem]]:
    """Read the form as the profile reader reads a file; the photo stays as it is."""
    incomplete = _incomplete(
        form.links, "url", ("kind", "label"), N_("Link %(number)d needs its %(field)s")
    )
    incomplete += _incomplete(
        form.sections, "title", ("body", "expires"), N_("Section %(number)d needs its %(field)s")
    )
    if incomplete:
        return None, [Problem("the form", None, "; ".join(incomplete), key=person.slug)]
    meta = {
        "name": _text(form.name.data),
        "slug": person.slug,
        "aliases": _lines(form.other_names.data),
        "position": _text(form.position.data),
        "tagline": _text(form.tagline.data),
        "affiliations": [
            _fields(line, *AFFILIATION_PARTS) for line in _lines(form.affiliations.data)
        ],
        "education": [_fields(line, *EDUCATION_PARTS) for line in _lines(form.education.data)],
        "interests": _lines(form.interests.data),
        "address": _text(form.address.data),
        "email": _text(form.email.data),
        "photo": person.photo,
        "role": form.role.data or "",
        **{
            kind.name: [_fields(line, *kind.parts) for line in _lines(form[kind.name].data)]
            for kind in ACTIVITY_KINDS
        },
        "links": [
            {
                "kind": _text(row["kind"]) or "website",
                "label": _text(row["label"]),
                "url": _text(row["url"]),
                "hidden": bool(row["hidden"]),
            }
            for row in _kept_rows(form.links, "url")
        ],
        "sections": [
            {
                "title": _text(row["title"]),
                "kind": row["kind"] or "section",
                "body": _text(row["body"]),
                "expires": row["expires"].isoformat() if row["expires"] else None,
            }
            for row in _kept_rows(form.sections, "title")
        ],
    }
    return profile_from(meta, _text(form.bio.data), "the form", person.slug)


def _text(value: str | None) -> str:
    """A field's text with the line ends a file has; one the browser did not send is empty.

    Browsers send a text area's lines ended by CR LF.
    """
    return (value or "").replace("\r\n", "\n").strip()

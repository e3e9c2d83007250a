"""Which web addresses the site will link to, load from or hand on.

A content file is untrusted: an address such as `javascript:alert(1)` in a link field
would run in a visitor's browser when clicked (only the Content-Security-Policy stands
in its way), and exports and the API would carry it into other programs. The readers
refuse every address this module does not accept, so none reaches the database, and
the models filter again, for rows stored by an older version.
"""

from urllib.parse import urlsplit


def unsafe_address_reason(address: str, site_path: bool = False) -> str:
    """Return why the site must not use this address, or "" when it may.

    :param site_path: the field names a file of the site, so a path on this site
        (`/assets/paper.pdf`, `paper.pdf`) is accepted as well.
    """
    if any(ord(c) <= 0x20 or ord(c) == 0x7F for c in address):
        # Browsers drop tabs and newlines inside a scheme ("java\tscript:").
        return "it contains spaces or control characters"
    try:
        parts = urlsplit(address)
    except ValueError:
        return "it is not a valid address"
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return "" if parts.hostname else "it names no host"
    if scheme == "mailto":
        return "" if parts.path else "it names no e-mail address"
    if scheme:
        return f"only http, https and mailto addresses are accepted, not {scheme}:"
    if not site_path:
        return "it is not a full address (https://...)"
    if address.startswith("//") or ":" in address.split("/", 1)[0]:
        return "it is not a path on this site"
    return ""


def is_safe_address(address: str, site_path: bool = False) -> bool:
    """Return whether the site may link to, load from or export this address."""
    return not unsafe_address_reason(address, site_path)


# Where the site serves the files a bibliography names by a bare file name: al-folio's
# `assets/` folder, copied into the instance's `files/` by `import`.
SITE_FILES = "/files"
PREVIEW_FOLDER = "img/publication_preview"


def site_file_address(folder: str, name: str) -> str:
    """Return the address of a file a bibliography names: a bare name ("doe.pdf") is that
    file in the folder of the site's files (al-folio's `assets/pdf/doe.pdf`)."""
    if name.startswith("/") or ":" in name.split("/", 1)[0]:
        return name  # an address (judged as one), or a path of the site already
    return f"{SITE_FILES}/{folder}/{name}".replace(" ", "%20")


# Hosts whose addresses name a repository as /owner/repository.
CODE_HOSTS = {"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "huggingface.co"}


def telling_names(links: list[tuple[str, str]]) -> list[str]:
    """For each (label, address), what tells it apart from the others of its label, from
    what differs in the addresses ("" for a label met once): two "Code" links are told
    apart by their repositories' names, two "PDF" links by their files, else by host."""
    addresses: dict[str, list[str]] = {}
    for label, address in links:
        addresses.setdefault(label, []).append(address)
    names = []
    for label, address in links:
        alike = addresses[label]
        if len(alike) == 1:
            names.append("")
            continue
        short = [_telling_name(other, wide=False) for other in alike]
        names.append(_telling_name(address, wide=len(set(short)) < len(short)))
    return names


def _telling_name(address: str, wide: bool) -> str:
    """What names an address in a few words: a repository ("lgan", or "owner/lgan" when
    `wide`), a file ("slides.pdf"), a last folder, else its host."""
    parts = urlsplit(address)
    folders = [part for part in parts.path.split("/") if part]
    host = parts.hostname or ""
    if host.removeprefix("www.") in CODE_HOSTS and len(folders) >= 2:
        return "/".join(folders[:2]) if wide else folders[1]
    if folders:
        return "/".join(folders[-2:]) if wide else folders[-1]
    return host.removeprefix("www.") or address

"""Profile photos: checked, re-encoded with Pillow, kept in the instance's files.

A photo is never stored as it came: it is decoded, turned upright, shrunk to at most
`LARGEST_SIDE` pixels and written anew as a JPEG. What the upload carried besides the
pixels (EXIF, comments, scripts in metadata, trailing bytes) is left behind.
"""

import hashlib
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select

from catalog.models import Person, db
from catalog.web_addresses import site_file_address

MAX_PHOTO_BYTES = 5 * 1024 * 1024
# Refuse pictures that would take much memory to decode (a small file can hold one).
MAX_PIXELS = 40_000_000
LARGEST_SIDE = 800
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
PHOTO_FOLDER = "photos"


class PhotoRefused(ValueError):
    """The upload is not a photo the site takes; the message says why."""


def store_photo(upload: BinaryIO, files_dir: Path, slug: str) -> str:
    """Check and re-encode an uploaded photo into `files_dir`; return its site address."""
    data = upload.read(MAX_PHOTO_BYTES + 1)
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoRefused(_("the photo is larger than %(mb)d MB", mb=MAX_PHOTO_BYTES // 1024**2))
    if not data:
        raise PhotoRefused(_("choose a photo to upload"))
    picture = _decoded(data)
    picture = ImageOps.exif_transpose(picture)
    picture.thumbnail((LARGEST_SIDE, LARGEST_SIDE))
    if picture.mode != "RGB":
        backdrop = Image.new("RGB", picture.size, "white")
        rgba = picture.convert("RGBA")
        backdrop.paste(rgba, mask=rgba.getchannel("A"))
        picture = backdrop
    encoded = BytesIO()
    picture.save(encoded, "JPEG", quality=85, optimize=True)
    jpeg = encoded.getvalue()
    # Named by its content: a new photo gets a new address, so no cache shows the old one.
    name = f"{slug}-{hashlib.sha256(jpeg).hexdigest()[:12]}.jpg"
    folder = files_dir / PHOTO_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(jpeg)
    return site_file_address(PHOTO_FOLDER, name)


def _decoded(data: bytes) -> Image.Image:
    refused = _("the file is not a JPEG, PNG, WebP or GIF picture")
    try:
        with Image.open(BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise PhotoRefused(refused)
            if probe.width * probe.height > MAX_PIXELS:
                raise PhotoRefused(
                    _("the photo has more than %(pixels)s pixels", pixels=format(MAX_PIXELS, ","))
                )
            probe.verify()
        picture = Image.open(BytesIO(data))
        picture.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise PhotoRefused(refused) from error
    return picture


def forget_photo(address: str, files_dir: Path) -> None:
    """Delete a photo an upload stored, once no profile shows it: a removed photo must
    not stay public at its address."""
    prefix = site_file_address(PHOTO_FOLDER, "")
    if not address.startswith(prefix) or "/" in address.removeprefix(prefix):
        return  # not one of the uploads (a photo a profile file names, say)
    if db.session.scalar(select(Person.id).filter_by(photo=address).limit(1)) is None:
        (files_dir / PHOTO_FOLDER / address.removeprefix(prefix)).unlink(missing_ok=True)

"""Profile photos uploaded in the browser: checked, re-encoded, served from the instance."""

import io
from pathlib import Path

import pytest
from builders import make_person
from PIL import Image, PngImagePlugin
from signed_in import (
    HTTPS,
    SAME_SITE,
    as_a_new_request,
    create_account,
    csrf_token,
    get,
    post,
    sign_in,
)
from sqlalchemy import select

from catalog.models import Person, db

SCRIPT = b"<script>alert(1)</script>"


@pytest.fixture
def owner(app, client):
    make_person("ada-doe", "Ada Doe")
    create_account(app, "ada@example.org", "--person", "ada-doe")
    sign_in(client)
    return client


def picture(kind: str = "PNG", size=(40, 30), **save_options) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(data, kind, **save_options)
    return data.getvalue()


def upload(client, data: bytes, name="me.png", fields: dict | None = None):
    """Post a photo as a browser does, the body written here: the test client would
    spool a big one to a temporary file it never closes."""
    parts = [
        f'--edge\r\nContent-Disposition: form-data; name="{field}"\r\n\r\n{value}\r\n'.encode()
        for field, value in {"csrf_token": csrf_token(client), **(fields or {})}.items()
    ]
    parts.append(
        b'--edge\r\nContent-Disposition: form-data; name="photo"; filename="'
        + name.encode()
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
        + data
        + b"\r\n--edge--\r\n"
    )
    as_a_new_request()
    return client.post(
        "/admin/people/ada-doe/photo",
        data=b"".join(parts),
        content_type="multipart/form-data; boundary=edge",
        base_url=HTTPS,
        headers=SAME_SITE,
    )


def stored_photo(app) -> Path | None:
    address = db.session.scalars(select(Person.photo).filter_by(slug="ada-doe")).one()
    if not address:
        return None
    return Path(app.config["SITE_FILES_DIR"]) / address.removeprefix("/files/")


def test_a_photo_is_re_encoded_and_shown_on_the_profile(app, owner):
    assert upload(owner, picture("PNG", (1600, 1200))).status_code == 302

    stored = stored_photo(app)
    with Image.open(stored) as photo:
        assert photo.format == "JPEG" and max(photo.size) == 800
    address = "/files/" + stored.relative_to(app.config["SITE_FILES_DIR"]).as_posix()
    assert address in get(owner, "/people/ada-doe").get_data(as_text=True)
    served = get(owner, address)
    assert served.status_code == 200 and served.get_data()[:2] == b"\xff\xd8"
    served.close()


def test_a_script_in_the_metadata_is_left_behind(app, owner):
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", SCRIPT.decode())
    with_script = picture("PNG", pnginfo=text) + SCRIPT  # and trailing bytes after the image

    assert upload(owner, with_script).status_code == 302

    assert SCRIPT not in stored_photo(app).read_bytes()
    assert b"Comment" not in stored_photo(app).read_bytes()


def test_a_file_that_is_no_picture_is_refused(app, owner):
    response = upload(owner, b"<html>" + SCRIPT + b"</html>", "me.png")

    assert response.status_code == 400
    assert "is not a JPEG, PNG, WebP or GIF picture" in response.get_data(as_text=True)
    assert stored_photo(app) is None


def test_a_photo_over_the_size_limit_is_refused(app, owner):
    huge = picture("PNG") + b"\0" * (6 * 1024 * 1024)

    response = upload(owner, huge)

    assert response.status_code == 400
    assert "larger than 5 MB" in response.get_data(as_text=True)
    assert stored_photo(app) is None


def test_a_request_over_the_sites_limit_gets_413(app, owner):
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024

    response = upload(owner, b"\0" * (2 * 1024 * 1024))

    assert response.status_code == 413
    assert stored_photo(app) is None


def test_a_photo_can_be_removed(app, owner):
    upload(owner, picture())

    assert post(owner, "/admin/people/ada-doe/photo", {"remove": "1"}).status_code == 302

    assert stored_photo(app) is None


def test_uploading_without_a_file_asks_for_one(app, owner):
    response = post(owner, "/admin/people/ada-doe/photo", {})

    assert response.status_code == 400 and "choose a photo" in response.get_data(as_text=True)


def test_a_replaced_or_removed_photo_is_no_longer_served(app, owner):
    upload(owner, picture(size=(40, 30)))
    first = "/files/" + stored_photo(app).relative_to(app.config["SITE_FILES_DIR"]).as_posix()
    upload(owner, picture(size=(50, 30)))
    second = "/files/" + stored_photo(app).relative_to(app.config["SITE_FILES_DIR"]).as_posix()

    post(owner, "/admin/people/ada-doe/photo", {"remove": "1"})

    assert first != second
    for address in (first, second):
        response = get(owner, address)
        assert response.status_code == 404
        response.close()

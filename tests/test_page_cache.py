"""The slow pages are kept per worker, and every change shows on them right after its commit."""

from builders import make_person, make_publication
from child_process import in_child

from blueprints import people
from blueprints.page_cache import PageCache
from catalog.models import db


def test_a_kept_list_shows_an_edit_right_after_its_commit(app, client):
    make_person()
    make_publication(title="First Title")
    pages = ["/people/ada-lovelace/publications", "/people/ada-lovelace/publications.bib"]
    for page in pages:
        assert b"First Title" in client.get(page).data

    make_publication(title="Second Title")
    for page in pages:
        answer = client.get(page).data
        assert b"Second Title" in answer
        assert b"First Title" not in answer


def test_asked_again_a_list_is_not_made_again(app, client, monkeypatch):
    make_person()
    make_publication()
    made = []
    real = people.person_publications
    monkeypatch.setattr(
        people, "person_publications", lambda *a, **k: made.append(1) or real(*a, **k)
    )
    first = client.get("/people/ada-lovelace/publications")
    again = client.get("/people/ada-lovelace/publications")
    assert len(made) == 1
    assert again.data == first.data
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert again.headers["Content-Security-Policy"]
    client.get("/people/ada-lovelace/publications.ris")
    assert len(made) == 2  # another address is another answer


def test_a_change_committed_by_another_process_shows(app, client, tmp_path):
    make_person()
    make_publication(title="Before")
    assert b"Before" in client.get("/people/ada-lovelace/publications").data
    bib = tmp_path / "papers.bib"
    bib.write_text("@misc{lovelace1843notes, title={After}, author={Ada Lovelace}, year={1843}}")
    imported = in_child(
        f"""
        from app import create_app
        app = create_app({{"LOAD_CONTENT_ON_FIRST_START": False}}, {app.instance_path!r})
        with app.app_context():
            print(app.test_cli_runner().invoke(args=["import", {str(bib)!r}]).output)
        """
    )
    assert imported.returncode == 0, imported.stderr
    db.session.remove()  # the test's session, which its requests share, ends its read
    answer = client.get("/people/ada-lovelace/publications").data
    assert b"After" in answer
    assert b"Before" not in answer


def test_a_missing_page_is_not_kept(app, client):
    assert client.get("/people/nobody/publications").status_code == 404
    make_person(slug="nobody", name="No Body")
    assert client.get("/people/nobody/publications").status_code == 200


def test_the_cache_keeps_the_most_recent_answers_within_its_size():
    cache = PageCache(size=10)
    cache.put("a", (b"12345", 200, []))
    cache.put("b", (b"1234", 200, []))
    cache.get("a")
    cache.put("c", (b"123", 200, []))
    assert cache.get("b") is None  # the least recently used went
    assert cache.get("a") is not None and cache.get("c") is not None
    cache.put("huge", (b"x" * 11, 200, []))
    assert cache.get("huge") is None
    assert cache.used <= 10

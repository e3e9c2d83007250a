"""The index follows every commit, survives failures, and rebuilds, checks and repairs itself."""

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from builders import (
    index_data_files,
    index_table_files,
    index_writer_held,
    make_app,
    make_person,
    make_publication,
)
from child_process import in_child
from sqlalchemy import func, select, update
from whoosh import index

from catalog.models import Publication, db
from catalog.operations import delete_publication, upsert_publication
from catalog.records import PublicationRecord
from importing.loader import load_content
from search import SearchRequest, get_index, ranking, rebuild, search
from search.outbox import IndexWork
from search.sync import repair

# Every test here runs on each search backend (conftest.py).
SEARCH_BACKENDS = "all"


def found(text: str) -> set[str]:
    return {hit.publication.key for hit in search(SearchRequest(text=text)).papers}


def test_added_paper_is_searchable_after_commit(app):
    make_publication(key="fresh", title="Holographic widgets")
    assert found("holographic") == {"fresh"}


def test_changed_title_replaces_the_old_one(app):
    make_publication(key="fresh", title="Holographic widgets")
    make_publication(key="fresh", title="Photonic gadgets")
    assert found("holographic") == set()
    assert found("photonic") == {"fresh"}


def test_each_edit_replaces_the_last_one_for_a_warm_searcher(app):
    make_publication(key="fresh", title="Holographic widgets")
    for title in ("Photonic gadgets", "Holographic widgets", "Acoustic gizmos"):
        search(SearchRequest(text="warm the searcher"))
        make_publication(key="fresh", title=title)
    assert search(SearchRequest(text="holographic")).total == 0
    assert search(SearchRequest(text="photonic")).total == 0
    assert search(SearchRequest(text="acoustic")).total == 1


def test_deleted_paper_leaves_the_index(app):
    make_publication(key="fresh", title="Holographic widgets")
    delete_publication(db.session.scalars(select(Publication)).one())
    db.session.commit()
    assert found("holographic") == set()


def test_rolled_back_change_never_appears(app):
    make_publication(key="kept", title="Kept paper")
    paper = db.session.scalars(select(Publication)).one()
    paper.title = "Abandoned draft"
    db.session.flush()
    db.session.rollback()
    make_publication(key="later", title="Later paper")  # a later commit writes no leftovers
    assert found("abandoned") == set()
    assert found("kept") == {"kept"}


def test_renamed_person_updates_their_papers(app):
    make_person("bo", "Bochen Lyu")
    make_publication(key="p", title="A paper", authors=("Bochen Lyu",))
    make_person("bo", "Bochen Lyu", aliases=["Bochen Lü"])
    assert found("author:lu") == {"p"}


def test_import_with_savepoints_is_indexed_once_committed(app, tmp_path):
    bib = tmp_path / "papers.bib"
    bib.write_text(
        "@article{one, title={Alpha study}, author={A. Person}, year={2020}}\n"
        "@article{two, title={Beta study}, author={B. Person}, year={2021}}\n"
    )
    load_content([bib])
    assert found("study") == set()  # nothing before the commit
    db.session.commit()
    assert found("study") == {"one", "two"}


def waiting_work(session) -> int:
    return session.scalar(select(func.count(IndexWork.id)))


def test_failed_index_write_keeps_the_row_and_its_index_work(app, fresh_session):
    with index_writer_held():  # another writer holds the lock
        make_publication(key="locked", title="Written while locked")
    assert fresh_session.scalars(select(Publication.key)).all() == ["locked"]
    assert waiting_work(fresh_session) == 1
    assert found("locked") == set()
    repair(app, get_index())
    assert found("locked") == {"locked"}
    fresh_session.rollback()  # end its read, to see the later commit
    assert waiting_work(fresh_session) == 0


def test_unusable_index_folder_does_not_fail_the_commit(app, fresh_session):
    make_publication(key="first", title="First paper")
    folder = get_index().directory
    shutil.rmtree(folder)
    folder.write_text("not a folder")
    make_publication(key="second", title="Second paper")
    assert sorted(fresh_session.scalars(select(Publication.key))) == ["first", "second"]
    assert waiting_work(fresh_session) == 1
    folder.unlink()
    repair(app, get_index())
    assert found("second") == {"second"}


def test_the_next_commit_drains_work_an_earlier_one_left(app, fresh_session):
    with index_writer_held():
        make_publication(key="left", title="Left behind")
    make_publication(key="next", title="Written next")
    assert found("left") == {"left"}
    assert waiting_work(fresh_session) == 0


def test_a_request_drains_work_another_process_left(app, client, fresh_session):
    with index_writer_held():
        make_publication(key="left", title="Left behind")
    get_index().next_outbox_check = 0.0
    client.get("/robots.txt")
    assert found("left") == {"left"}


def test_a_rolled_back_change_leaves_no_index_work(app, fresh_session):
    db.session.add(Publication(key="gone", title="Never committed"))
    db.session.flush()
    db.session.rollback()
    assert waiting_work(fresh_session) == 0


def test_check_passes_when_in_step(app):
    make_publication()
    result = app.test_cli_runner().invoke(args=["search", "check"])
    assert result.exit_code == 0, result.output
    assert "matches the database" in result.output


def test_check_reports_bulk_sql_changes_and_rebuild_repairs_them(app):
    make_publication(key="p", title="Original title")
    db.session.execute(update(Publication).values(title="Changed behind the index"))
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert "outdated paper:" in result.output
    result = runner.invoke(args=["search", "rebuild", "--procs", "1"])
    assert result.exit_code == 0, result.output
    assert "Indexed 1 documents" in result.output
    assert runner.invoke(args=["search", "check"]).exit_code == 0
    assert found("behind") == {"p"}


def test_check_reports_missing_and_extra_documents(app):
    make_publication(key="p", title="A paper")
    ghost = {"id": "paper:999", "kind": "paper", "digest": "x", "sections": {"title": "Ghost"}}
    get_index().replace([ghost], {"paper:1"})
    result = app.test_cli_runner().invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert "missing  paper:1" in result.output
    assert "extra    paper:999" in result.output


def test_rebuild_is_atomic_for_readers(app):
    make_publication(key="p", title="Steady paper")
    searcher = get_index().view().searcher
    make_publication(key="q", title="Another paper")
    rebuild(get_index())
    # An open searcher keeps its view: the index as it was when it was opened.
    seen = searcher.num_docs if get_index().backend == "tantivy" else searcher.doc_count()
    assert seen == 1
    assert found("paper") == {"p", "q"}


def _restart(instance: Path, backend: str | None = None):
    restarted = make_app(instance, SEARCH_BACKEND=backend or get_index().backend)
    with restarted.test_request_context():
        return found("steady")


def _corrupt(folder: Path) -> None:
    for path in [*index_data_files(folder), *index_table_files(folder)]:
        path.write_bytes(b"garbage")


def _old_version(folder: Path) -> None:
    # Whoosh names its files after the version; tantivy's folder holds it in a file.
    for path in folder.iterdir():
        path.rename(path.with_name(path.name.replace("_v", "_v0")))
    marker = folder / "scholarsite-version"
    if marker.exists():
        marker.write_text("scholarsite_v0")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(shutil.rmtree, id="missing"),
        pytest.param(_corrupt, id="corrupt"),
        pytest.param(_old_version, id="old-version"),
        pytest.param(lambda folder: folder.with_name(folder.name + ".stale").touch(), id="stale"),
    ],
)
def test_start_repairs_the_index(app, damage):
    make_publication(key="p", title="Steady paper")
    folder = get_index().directory
    damage(folder)
    assert _restart(Path(app.instance_path)) == {"p"}
    assert get_index().exists()
    assert not folder.with_name(folder.name + ".stale").exists()


@pytest.mark.whoosh_only
@pytest.mark.parametrize(("before", "after"), [("whoosh", "tantivy"), ("tantivy", "whoosh")])
def test_changing_the_backend_rebuilds_the_index_on_start(tmp_path, before, after):
    instance = tmp_path / "instance"
    with make_app(instance, SEARCH_BACKEND=before).test_request_context():
        make_publication(key="p", title="Steady paper")
        assert found("steady") == {"p"}
    assert _restart(instance, after) == {"p"}


def test_a_process_killed_after_its_commit_leaves_no_paper_out_of_the_index(app, tmp_path):
    instance = Path(app.instance_path)
    backend = get_index().backend
    bib = tmp_path / "papers.bib"
    bib.write_text(
        "".join(f"@misc{{k{n}, title={{Killed import {n}}}, year={{2020}}}}\n" for n in range(30))
    )
    killed = in_child(
        f"""
        import os, signal
        from app import create_app
        from search import sync

        # Die the moment the rows are committed, before the index is written.
        sync.drain = lambda search_index: os.kill(os.getpid(), signal.SIGKILL)
        settings = {{"LOAD_CONTENT_ON_FIRST_START": False, "SEARCH_BACKEND": {backend!r}}}
        app = create_app(settings, {str(instance)!r})
        with app.app_context():
            app.test_cli_runner().invoke(args=["import", {str(bib)!r}])
        """
    )
    assert killed.returncode == -9
    restarted = make_app(instance, SEARCH_BACKEND=get_index().backend)
    with restarted.test_request_context():
        assert search(SearchRequest(text="killed import")).total == 30


def test_a_deleted_index_folder_is_rebuilt_while_search_says_so(app, client):
    make_publication(key="p", title="Steady paper")
    found("steady")  # a warm searcher
    shutil.rmtree(get_index().directory)

    with get_index().repairing:  # as while a rebuild is at work
        answer = search(SearchRequest(text="steady"))
        page = client.get("/search?q=steady")

    assert answer.total == 0
    assert any("being rebuilt" in notice for notice in answer.notices)
    assert page.status_code == 200
    assert "being rebuilt" in page.get_data(as_text=True)
    assert client.get("/robots.txt").status_code == 200
    repair(app, get_index())
    assert found("steady") == {"p"}


def test_a_kept_search_answer_shows_an_edit_right_after_its_commit(app, client):
    make_publication(key="p", title="Steady paper")
    pages = ["/search?q=steady", "/api/v1/search?q=steady"]
    for page in pages:
        first = client.get(page).get_data(as_text=True)
        assert first == client.get(page).get_data(as_text=True)
        assert "paper" in first and "changed" not in first

    db.session.scalars(select(Publication).filter_by(key="p")).one().title = "Steady changed paper"
    db.session.commit()
    for page in pages:
        assert "changed" in client.get(page).get_data(as_text=True)


def test_the_api_shows_what_the_paper_is_now_right_after_a_commit(app, client):
    make_publication(key="p", title="Steady paper", authors=("Ada Lovelace",))
    paper = db.session.scalars(select(Publication).filter_by(key="p")).one()
    paper.venue_text = "Old Venue"
    paper.lay_summary = "Quiet words"
    db.session.commit()
    [hit] = client.get("/api/v1/search?q=steady").get_json()["results"]
    assert (hit["venue"], hit["authors"]) == ("Old Venue", ["Ada Lovelace"])

    paper.venue_text = "New Venue"
    paper.lay_summary_visible = False
    db.session.commit()
    [hit] = client.get("/api/v1/search?q=steady").get_json()["results"]
    assert hit["venue"] == "New Venue"
    assert client.get("/api/v1/search?q=quiet").get_json()["results"] == []


def test_an_answer_given_while_search_is_rebuilt_is_not_kept(app, client):
    make_publication(key="p", title="Steady paper")
    shutil.rmtree(get_index().directory)
    with get_index().repairing:  # as while a rebuild is at work
        assert "being rebuilt" in client.get("/api/v1/search?q=steady").get_data(as_text=True)

    repair(app, get_index())
    answer = client.get("/api/v1/search?q=steady").get_json()
    assert [item["key"] for item in answer["results"]] == ["p"]
    assert not answer["notices"]


def test_a_truncated_segment_is_answered_and_repaired(app, client):
    make_publication(key="p", title="Steady paper")
    for segment in index_data_files(get_index().directory):
        os.truncate(segment, segment.stat().st_size // 3)

    with get_index().repairing:  # as while a rebuild is at work
        page = client.get("/search?q=steady")
        suggestions = client.get("/api/v1/suggest?q=stea")

    assert page.status_code == 200
    assert "being rebuilt" in page.get_data(as_text=True)
    assert suggestions.status_code == 200
    assert get_index().is_stale()
    repair(app, get_index())
    assert found("steady") == {"p"}


def test_check_explains_a_damaged_index(app):
    make_publication(key="p", title="Steady paper")
    for segment in index_data_files(get_index().directory):
        os.truncate(segment, segment.stat().st_size // 3)
    result = app.test_cli_runner().invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert "cannot be read" in result.output
    assert "search rebuild" in result.output


def test_rebuild_says_when_another_writer_holds_the_index(app):
    with index_writer_held():
        result = app.test_cli_runner().invoke(args=["search", "rebuild", "--procs", "1"])
    assert result.exit_code == 1
    assert "Another process is writing the search index" in result.output
    assert "Traceback" not in result.output


def test_an_empty_index_for_a_database_with_papers_is_rebuilt_on_start(app):
    make_publication(key="p", title="Steady paper")
    get_index().reset()
    assert _restart(Path(app.instance_path)) == {"p"}


@pytest.mark.whoosh_only
def test_a_killed_rebuild_leaves_no_indexing_process_holding_the_lock(app):
    for n in range(300):
        db.session.add(Publication(key=f"k{n}", title=f"Paper {n}"))
    db.session.commit()
    marker = f"killed-rebuild-{os.getpid()}-{time.monotonic_ns()}"
    killed = in_child(
        f"""
        # {marker}
        import os, signal
        from app import create_app
        from search import documents, get_index, rebuild

        every = documents.all_documents

        def then_die(session):
            for number, document in enumerate(every(session)):
                if number == 250:  # the indexing processes are at work by now
                    os.kill(os.getpid(), signal.SIGKILL)
                yield document

        documents.all_documents = then_die
        import search.maintenance
        search.maintenance.all_documents = then_die
        app = create_app({{"LOAD_CONTENT_ON_FIRST_START": False}}, {str(app.instance_path)!r})
        with app.app_context():
            rebuild(get_index(), procs=2)
        """
    )
    assert killed.returncode == -9
    assert _processes_running(marker) == 0, "an indexing process outlived its rebuild"
    deadline = time.monotonic() + 5
    while True:
        try:
            assert rebuild(get_index()) == 300
            break
        except index.LockError:
            assert time.monotonic() < deadline, "an orphaned indexing process holds the lock"
            time.sleep(0.2)


def _processes_running(marker: str) -> int:
    """Count the processes whose command line holds the marker (after a moment to end)."""
    time.sleep(0.5)
    count = 0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            count += marker in cmdline.read_text(errors="replace")
        except OSError:
            pass  # it ended while we looked
    return count


def test_a_repeated_query_is_answered_again_after_an_edit(app, monkeypatch):
    make_publication(key="fresh", title="Holographic widgets")
    assert found("holographic") == {"fresh"}
    asked = []
    backend = get_index(app).backend
    real = ranking._FINDERS[backend]
    monkeypatch.setitem(ranking._FINDERS, backend, lambda *a: asked.append(1) or real(*a))
    assert found("holographic") == {"fresh"}
    assert asked == []  # the same searcher answers from what it found

    make_publication(key="fresh", title="Photonic gadgets")
    assert found("holographic") == set()
    assert asked  # a new searcher, so the query is answered anew


def test_a_commit_big_enough_for_a_rebuild_leaves_no_work_waiting(
    app, fresh_session, monkeypatch, caplog
):
    # The rebuild forgets the work in a session of its own while the drain's is open.
    monkeypatch.setattr("search.sync.BULK_CHANGES", 3)
    for n in range(5):
        upsert_publication(PublicationRecord(key=f"bulk{n}", title=f"Bulk paper {n}", year=2020))
    db.session.commit()
    assert found("bulk") == {f"bulk{n}" for n in range(5)}
    assert waiting_work(fresh_session) == 0
    assert "failed" not in caplog.text


def test_a_query_of_only_not_never_shows_an_edited_paper_twice(app):
    make_publication(key="kept", title="Graph paper")
    for title in ("Tree paper", "Tree paper, revised", "Tree paper, final"):
        make_publication(key="edited", title=title)
    results = search(SearchRequest(text="NOT graph"))
    assert [hit.publication.key for hit in results.papers] == ["edited"]
    assert results.total == 1


def test_rebuild_waits_for_the_repair_this_process_began_on_start(app):
    # A new version's index is rebuilt as the site starts, in the command's process too.
    make_publication(key="p", title="Waited paper")
    repair = get_index().repairing
    repair.acquire()
    threading.Timer(0.5, repair.release).start()
    result = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Waiting for the repair" in result.stderr
    assert "Indexed 1 documents" in result.stdout
    assert found("waited") == {"p"}


@pytest.mark.whoosh_only
def test_a_warm_searcher_keeps_lengths_only_for_segments_it_still_reads(app):
    for n in range(12):  # each edit writes a segment; Whoosh merges the small ones
        make_publication(key=f"seg{n}", title=f"Segment paper {n}")
        assert found("segment") == {f"seg{m}" for m in range(n + 1)}
    view = get_index().view()
    assert {segment for segment, _field in view._scoring_lengths} <= set(view.segment_lengths)
    assert view._scoring_lengths

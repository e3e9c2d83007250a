"""Long imports and rebuilds say how far they got: a bar on a terminal, plain lines in logs."""

import io

import pytest

from catalog import progress


@pytest.fixture
def three_papers(tmp_path):
    bib = tmp_path / "papers.bib"
    bib.write_text(
        "".join(f"@misc{{p{n}, title={{Paper {n}}}, year={{2020}}}}\n" for n in range(3))
    )
    return bib


def test_an_import_and_a_rebuild_say_how_far_they_got(app, three_papers, monkeypatch):
    monkeypatch.setattr(progress, "SHOWN_FROM", 1)
    runner = app.test_cli_runner()
    imported = runner.invoke(args=["import", str(three_papers)])
    assert imported.exit_code == 0, imported.output
    assert "reading BibTeX entries: 3 of 3 in 0 s" in imported.stderr
    assert "writing papers: 3 of 3 in 0 s" in imported.stderr
    assert "3 added" in imported.stdout  # the summary stays on standard output

    rebuilt = runner.invoke(args=["search", "rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "reading documents to index: 3 of 3 in" in rebuilt.stderr
    assert "writing the search index" in rebuilt.stderr


def test_small_work_shows_no_progress(app, three_papers):
    imported = app.test_cli_runner().invoke(args=["import", str(three_papers)])
    assert imported.exit_code == 0
    assert "of 3" not in imported.output


def test_off_a_terminal_a_line_now_and_then_says_how_long_is_left(monkeypatch, capsys):
    monkeypatch.setattr(progress, "LINE_EVERY_SECONDS", 0)
    shown = progress.on_command_line("writing papers", 4000)
    shown.advance(1000)
    shown.advance(1000)
    shown.finish()
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("writing papers: 1,000 of 4,000 (25%), about ")
    assert lines[0].endswith(" left")
    assert lines[1].startswith("writing papers: 2,000 of 4,000 (50%)")
    assert lines[2].startswith("writing papers: 2,000 of 4,000 in ")


def test_on_a_terminal_a_bar_counts_the_work(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    shown = progress.on_command_line("indexing for search", 2000)
    shown.advance(1000)
    shown.finish()
    assert "indexing for search" in terminal.getvalue()
    assert "1000/2000" in terminal.getvalue()


def test_work_nobody_watches_counts_for_nothing():
    unwatched = progress.meter("writing papers", 10_000)
    unwatched.advance(10_000)
    unwatched.finish()
    with progress.shown_on_command_line():
        assert type(progress.meter("writing papers", 10)) is type(unwatched)

"""A long publication list renders again and again in one process without crashing it.

On Python 3.11 the server process died in the garbage collector on the second or
fifth view of such a list (see catalog/gc_guard.py). A crash kills the process, so the pages
are rendered in a child process and its exit status is checked.
"""

from child_process import in_child

PAPERS = 200
AUTHORS_PER_PAPER = 26
ROUNDS = 10
PAGES = ("/people/jane-doe/publications", "/people/jane-doe", "/people/jane-doe/publications.bib")


def _bibliography() -> str:
    entries = []
    for number in range(PAPERS):
        authors = [f"Author{n} Family{number}x{n}" for n in range(AUTHORS_PER_PAPER - 1)]
        authors.insert(number % AUTHORS_PER_PAPER, "Jane Doe")
        entries.append(
            f"@inproceedings{{paper{number},\n"
            f"  title = {{Paper number {number} on long author lists}},\n"
            f"  author = {{{' and '.join(authors)}}},\n"
            f"  booktitle = {{Proceedings of ICML}},\n"
            f"  year = {{{2000 + number % 20}}},\n"
            f"  selected = {{{'true' if number % 7 == 0 else 'false'}}},\n"
            f"  pdf = {{https://example.org/{number}.pdf}},\n"
            f"  code = {{https://example.org/code/{number}}}\n}}\n"
        )
    return "\n".join(entries)


def test_a_long_list_renders_many_times_in_one_process(tmp_path):
    profile = tmp_path / "jane-doe.md"
    profile.write_text("---\nname: Jane Doe\n---\nA researcher.\n")
    papers = tmp_path / "papers.bib"
    papers.write_text(_bibliography())
    site = f"create_app({{'LOAD_CONTENT_ON_FIRST_START': False}}, {str(tmp_path)!r})"
    imported = in_child(
        f"""
        from app import create_app
        app = {site}
        with app.app_context():
            for args in ([{str(profile)!r}], [{str(papers)!r}, "--person", "jane-doe"]):
                result = app.test_cli_runner().invoke(args=["import", *args])
                assert result.exit_code == 0, result.output
        """
    )
    assert imported.returncode == 0, imported.stderr
    # A fresh process on the imported site, as a server worker starts.
    rendered = in_child(
        f"""
        from app import create_app
        client = {site}.test_client()
        for round in range({ROUNDS}):
            for page in {PAGES!r}:
                response = client.get(page)
                assert response.status_code == 200, (page, response.status_code)
                assert response.data.count(b"Jane Doe") >= {PAPERS // 7}
                print(round, page, flush=True)
        """
    )
    assert rendered.returncode == 0, rendered.stderr[-3000:]
    assert len(rendered.stdout.splitlines()) == ROUNDS * len(PAGES)

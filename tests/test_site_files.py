"""al-folio's files named by a bare file name: found beside the bibliography, copied, served."""

from pathlib import Path

from page_reading import read_page

ENTRY = (
    "@inproceedings{doe2024, title={A Paper with Files}, author={Jane Doe},"
    " booktitle={ICML}, pdf={doe2024.pdf}, poster={Doe Poster 2024.pdf},"
    " preview={doe.png}, year=2024}\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def al_folio_site(root: Path) -> Path:
    """Write an al-folio site's bibliography and assets; return the bibliography."""
    (root / "_bibliography").mkdir(parents=True)
    (root / "assets/pdf").mkdir(parents=True)
    (root / "assets/img/publication_preview").mkdir(parents=True)
    (root / "assets/pdf/doe2024.pdf").write_bytes(b"%PDF-1.4 paper")
    (root / "assets/pdf/Doe Poster 2024.pdf").write_bytes(b"%PDF-1.4 poster")
    (root / "assets/img/publication_preview/doe.png").write_bytes(PNG)
    bibliography = root / "_bibliography/papers.bib"
    bibliography.write_text(ENTRY)
    return bibliography


def fetch(client, path: str) -> tuple[int, bytes]:
    """Return a file's status and bytes, closing the file the response streams from."""
    with client.get(path) as response:
        return response.status_code, response.data


def run_import(app, *args):
    return app.test_cli_runner().invoke(args=["import", *map(str, args)])


def test_files_beside_an_al_folio_bibliography_are_copied_and_served(app, client, tmp_path):
    profile = tmp_path / "jane-doe.md"
    profile.write_text("---\nname: Jane Doe\n---\nWrites papers.\n")
    result = run_import(app, profile, al_folio_site(tmp_path / "site"))

    assert result.exit_code == 0, result.output
    assert "3 files named by entries: 3 copied" in result.output
    _, links = read_page(client.get("/publications/doe2024").get_data(as_text=True))
    assert ("/files/pdf/doe2024.pdf", "PDF") in links
    assert ("/files/pdf/Doe%20Poster%202024.pdf", "Poster") in links
    assert fetch(client, "/files/pdf/doe2024.pdf") == (200, b"%PDF-1.4 paper")
    assert fetch(client, "/files/pdf/Doe%20Poster%202024.pdf") == (200, b"%PDF-1.4 poster")
    assert fetch(client, "/files/img/publication_preview/doe.png") == (200, PNG)
    papers = client.get("/people/jane-doe/publications").get_data(as_text=True)
    assert '<img class="paper-preview" src="/files/img/publication_preview/doe.png"' in papers


def test_a_second_import_copies_nothing_again(app, tmp_path):
    bibliography = al_folio_site(tmp_path / "site")
    run_import(app, bibliography)

    again = run_import(app, bibliography)

    assert "3 files named by entries: 0 copied" in again.output
    assert "0 added, 0 updated" in again.output


def test_the_assets_folder_can_be_given(app, client, tmp_path):
    al_folio_site(tmp_path / "site")
    elsewhere = tmp_path / "papers.bib"
    elsewhere.write_text(ENTRY)

    result = run_import(app, elsewhere, "--assets", tmp_path / "site/assets")

    assert "3 copied" in result.output
    assert fetch(client, "/files/pdf/doe2024.pdf")[0] == 200


def test_a_missing_file_is_reported_and_nothing_is_copied_on_a_dry_run(app, client, tmp_path):
    bibliography = al_folio_site(tmp_path / "site")
    (tmp_path / "site/assets/pdf/doe2024.pdf").unlink()

    result = run_import(app, bibliography, "--dry-run")

    assert "file 'pdf/doe2024.pdf' is not in" in result.output
    assert "2 files named by entries (not copied)" in result.output
    assert fetch(client, "/files/pdf/Doe%20Poster%202024.pdf")[0] == 404


def test_a_name_cannot_reach_outside_the_assets(app, client, tmp_path):
    bibliography = al_folio_site(tmp_path / "site")
    (tmp_path / "secret.pdf").write_bytes(b"secret")
    bibliography.write_text(
        "@misc{sneaky, title={Sneaky}, author={Jane Doe}, pdf={../../../secret.pdf}, year=2024}"
    )

    result = run_import(app, bibliography)

    assert "is not in" in result.output
    assert fetch(client, "/files/pdf/../../../secret.pdf")[0] == 404
    assert not list(Path(app.config["SITE_FILES_DIR"]).rglob("secret.pdf"))

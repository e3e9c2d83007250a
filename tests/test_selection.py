"""Selection belongs to each member: a paper one member selects is not another's pick."""

from page_reading import page_text

PROFILES = {
    "ada-doe.md": "---\nname: Ada Doe\n---\nAda.\n",
    "bo-roe.md": "---\nname: Bo Roe\n---\nBo.\n",
}
SHARED = "title={A Shared Paper}, author={Ada Doe and Bo Roe}, booktitle={ICML}, year=2024"


def write_site(root, ada_bib: str, bo_bib: str):
    (root / "people").mkdir(parents=True)
    (root / "publications").mkdir()
    for name, text in PROFILES.items():
        (root / "people" / name).write_text(text)
    (root / "publications/ada-doe.bib").write_text(ada_bib)
    (root / "publications/bo-roe.bib").write_text(bo_bib)
    return root


def selected_heading(client, slug: str) -> bool:
    return "Selected Publications" in page_text(
        client.get(f"/people/{slug}").get_data(as_text=True)
    )


def test_a_paper_one_member_selects_is_only_on_their_list(app, client, tmp_path):
    site = write_site(
        tmp_path / "content",
        "@inproceedings{shared-a, " + SHARED + ", selected={true}}\n"
        "@misc{ada-only, title={Ada Alone}, author={Ada Doe}, year=2023, selected={true}}\n",
        "@inproceedings{shared-b, " + SHARED + "}\n"
        "@misc{bo-only, title={Bo Alone}, author={Bo Roe}, year=2022, selected={true}}\n",
    )

    result = app.test_cli_runner().invoke(args=["import", str(site)])

    assert result.exit_code == 0, result.output
    ada = page_text(client.get("/people/ada-doe").get_data(as_text=True))
    bo = page_text(client.get("/people/bo-roe").get_data(as_text=True))
    assert "Selected Publications" in ada and "Selected Publications" in bo
    assert "A Shared Paper" in ada.split("Selected Publications")[1]
    assert "Ada Alone" in ada
    assert "A Shared Paper" not in bo.split("Selected Publications")[1]
    assert "Bo Alone" in bo


def test_selected_papers_keep_the_member_s_order(app, client, tmp_path):
    site = write_site(
        tmp_path / "content",
        "@misc{older, title={Older First}, author={Ada Doe}, year=2019, selected={true}}\n"
        "@misc{newer, title={Newer Second}, author={Ada Doe}, year=2024, selected={true}}\n",
        "",
    )
    app.test_cli_runner().invoke(args=["import", str(site)])

    ada = page_text(client.get("/people/ada-doe").get_data(as_text=True))

    assert ada.index("Older First") < ada.index("Newer Second")


def test_a_paper_unselected_in_the_file_leaves_the_list(app, client, tmp_path):
    site = write_site(
        tmp_path / "content",
        "@misc{pick, title={Picked Once}, author={Ada Doe}, year=2020, selected={true}}\n",
        "",
    )
    runner = app.test_cli_runner()
    runner.invoke(args=["import", str(site)])
    (site / "publications/ada-doe.bib").write_text(
        "@misc{pick, title={Picked Once}, author={Ada Doe}, year=2020}\n"
    )

    runner.invoke(args=["import", str(site)])

    assert not selected_heading(client, "ada-doe")


def test_whose_selection_is_asked_when_no_one_can_tell(app, tmp_path):
    site = write_site(tmp_path / "content", "", "")
    (site / "publications/lab.bib").write_text(
        "@inproceedings{shared, " + SHARED + ", selected={true}}\n"
    )

    result = app.test_cli_runner().invoke(args=["import", str(site)])

    assert "[shared]: warning: selected, but by which member? Name them with --person" in (
        result.output
    )

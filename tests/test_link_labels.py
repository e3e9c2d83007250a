"""Links of one kind told apart by what differs in their addresses."""

from builders import make_publication

from catalog.web_addresses import telling_names


def test_links_of_one_label_are_told_apart_by_their_addresses():
    assert telling_names(
        [
            ("PMLR", "https://proceedings.mlr.press/v97/zhou19c.html"),
            ("Code", "https://github.com/ZhimingZhou/LGANs-for-reproduce"),
            ("Code", "https://github.com/ZhimingZhou/AdaShift"),
            ("PDF", "https://example.org/papers/a.pdf"),
            ("PDF", "https://example.org/papers/b.pdf?x=1"),
        ]
    ) == ["", "LGANs-for-reproduce", "AdaShift", "a.pdf", "b.pdf"]


def test_repositories_of_one_name_are_told_apart_by_their_owners():
    assert telling_names(
        [("Code", "https://github.com/ada/engine"), ("Code", "https://www.github.com/alan/engine")]
    ) == ["ada/engine", "alan/engine"]


def test_addresses_with_no_path_are_told_apart_by_their_hosts():
    assert telling_names(
        [("Site", "https://a.example.org"), ("Site", "https://b.example.org/")]
    ) == [
        "a.example.org",
        "b.example.org",
    ]


def test_a_paper_with_three_code_links_names_each_repository(app, client):
    make_publication(
        links=[
            {"kind": "code", "url": f"https://github.com/ada/{name}", "label": "Code"}
            for name in ("engine", "notes", "tables")
        ]
    )
    html = client.get("/publications/lovelace1843notes").get_data(as_text=True)
    for name in ("engine", "notes", "tables"):
        assert f'Code <span class="link-telling">{name}</span></a>' in html

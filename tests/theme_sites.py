"""Sample al-folio, academicpages and Hugo Blox sites, written in each theme's format.

The tests import them; `python -m bench.themes` imports them as a user would and prints
what came over. Every name and address in them is made up.
"""

from pathlib import Path


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def al_folio_site(root: Path) -> Path:
    return write(
        root,
        {
            "_config.yml": "first_name: Jane\nmiddle_name:\nlast_name: Doe\n"
            "email: jane@example.org\nscholar_userid: AbCdEf\n",
            "_data/socials.yml": "github_username: janedoe\n",
            "_pages/about.md": "---\nlayout: about\ntitle: about\npermalink: /\n"
            "subtitle: <a href='https://example.org'>Tree Lab</a>, Example University\n"
            "profile:\n  image: prof_pic.jpg\n  more_info: >\n    <p>Room 1</p>\n"
            "    <p>Example Street, Exampleton</p>\n---\nJane studies **trees**.\n",
            "_pages/projects.md": "---\nlayout: page\ntitle: projects\n---\nNot a profile.\n",
            "_posts/2024-01-01-hello.md": "---\ntitle: Hello\n---\nA post.\n",
            "_bibliography/papers.bib": "@inproceedings{doe2024, title={Trees}, author={Jane Doe},"
            " booktitle={ICML}, pdf={doe2024.pdf}, year=2024}\n",
            "assets/pdf/doe2024.pdf": "%PDF-1.4",
            "README.md": "# my site\n",
        },
    )


def academicpages_site(root: Path) -> Path:
    return write(
        root,
        {
            "_config.yml": "title: Jane Doe\nauthor:\n  name: Jane Doe\n  bio: Tree researcher\n"
            "  location: Exampleton\n  employer: Example University\n"
            "  email: jane@example.org\n  github: janedoe\n"
            "  googlescholar: https://scholar.google.com/citations?user=AbCdEf\n",
            "_pages/about.md": "---\npermalink: /\ntitle: About me\nauthor_profile: true\n---\n"
            "Jane studies trees.\n",
            "_publications/2024-01-01-trees.md": "---\ntitle: 'Trees'\ncollection: publications\n"
            "category: conferences\ndate: 2024-01-01\nvenue: 'ICML'\n"
            "citation: 'Doe, J. (2024). Trees. ICML.'\n---\n",
        },
    )


def hugo_site(root: Path) -> Path:
    return write(
        root,
        {
            "config/_default/hugo.yaml": "title: Jane\n",
            "content/authors/admin/_index.md": "---\ntitle: Jane Doe\nrole: Professor of Trees\n"
            "organizations:\n  - name: Example University\n    url: https://example.edu\n"
            "interests:\n  - Trees\n  - Forests\n"
            "education:\n  courses:\n    - course: PhD in Trees\n      institution: Example U\n"
            "      year: 2012\nsocial:\n  - icon: envelope\n    link: mailto:jane@example.org\n"
            "  - icon: github\n    link: https://github.com/janedoe\n"
            "email: jane@example.org\n---\nJane Doe studies trees.\n",
            "content/publication/trees/index.md": "---\ntitle: Trees\nauthors: [admin]\n"
            "date: 2024-01-01\npublication_types: ['paper-conference']\npublication: ICML\n---\n",
            "content/post/hello/index.md": "---\ntitle: Hello\n---\n",
        },
    )


SITES = {"al-folio": al_folio_site, "academicpages": academicpages_site, "Hugo Blox": hugo_site}

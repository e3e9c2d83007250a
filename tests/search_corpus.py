"""A small site for the search tests: three members and papers that tell features apart."""

from builders import make_person, make_publication

from catalog.records import AuthorRecord


def build_search_corpus() -> None:
    """Add the people and papers the search tests query; needs an app context."""
    make_person(
        "zhiming-zhou",
        "Zhiming Zhou",
        position="PhD student",
        interests=["generative models"],
    )
    make_person("bochen-lyu", "Bochen Lyu", aliases=["Bochen Lv"])
    make_person("aino-simila", "Aino Similä", affiliations=[{"name": "Aalto University"}])
    make_publication(
        key="zhou2019lipschitz",
        title="Lipschitz Generative Adversarial Nets",
        authors=("Zhiming Zhou", "Jiadong Liang"),
        year=2019,
        entry_type="inproceedings",
        venue_abbreviation="ICML",
        venue_name="International Conference on Machine Learning",
        abstract="We show that gradients of the discriminator are uninformative.",
        links=[{"kind": "code", "url": "https://github.com/example/lgan"}],
    )
    make_publication(
        key="lv2022implicit",
        title="Implicit Bias of Adversarial Training for Deep Neural Networks",
        authors=(AuthorRecord("Bochen Lv", equal_contribution=True), "Zhanxing Zhu"),
        year=2022,
        entry_type="inproceedings",
        venue_abbreviation="ICLR",
        venue_name="International Conference on Learning Representations",
        links=[{"kind": "slides", "url": "https://example.org/slides.pdf"}],
    )
    make_publication(
        key="simila2018graph",
        title="Graph Network Models of Molecules",
        authors=("Aino Similä", "Tom Smith"),
        year=2018,
        entry_type="inproceedings",
        venue_abbreviation="NeurIPS",
        venue_name="Neural Information Processing Systems",
        abstract="We bound the Lipschitz constant of message passing.",
    )
    make_publication(
        key="lovelace2020survey",
        title="A Survey of Recurrent Neural Networks",
        authors=("Ada Lovelace",),
        year=2020,
        entry_type="article",
        venue_abbreviation="JMLR",
        venue_name="Journal of Machine Learning Research",
        lay_summary="Machines that remember sequences.",
    )
    make_publication(
        key="smith2017ranking",
        title="Learning to Rank with Gradient Boosting",
        authors=("Tom Smith", "Bochen Lyu"),
        year=2017,
        entry_type="inproceedings",
        venue_abbreviation="KDD",
        venue_name="Knowledge Discovery and Data Mining",
        lay_summary="Hidden words: zanzibar.",
        lay_summary_visible=False,
        links=[{"kind": "poster", "url": "https://example.org/poster.pdf"}],
    )

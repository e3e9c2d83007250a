"""A small registry of well-known venues, so variant spellings group under one venue.

Pure lookups: an abbreviation ("NIPS", "ICLR 2019") or a printed name ("Thirty-seventh
Conference on Neural Information Processing Systems", "International Conference on
Learning Representation") resolves to one canonical venue. Papers keep the venue as
printed; only the Venue row they point at is canonical.
"""

import difflib
import re
from dataclasses import dataclass
from functools import cache

from catalog.names import name_key


@dataclass(frozen=True)
class CanonicalVenue:
    abbreviation: str
    name: str
    kind: str = "conference"
    # Other abbreviations and printed names of the same venue, and known misspellings.
    abbreviations: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.abbreviation.lower()


VENUES = (
    CanonicalVenue(
        "ICLR",
        "International Conference on Learning Representations",
        misspellings=("International Conference on Learning Representation",),
    ),
    CanonicalVenue(
        "NeurIPS",
        "Conference on Neural Information Processing Systems",
        abbreviations=("NIPS",),
        names=(
            "Advances in Neural Information Processing Systems",
            "Neural Information Processing Systems",
        ),
    ),
    CanonicalVenue("ICML", "International Conference on Machine Learning"),
    CanonicalVenue(
        "IJCAI",
        "International Joint Conference on Artificial Intelligence",
        misspellings=("International Joint Conference of Artificial Intelligence",),
    ),
    CanonicalVenue("AAAI", "AAAI Conference on Artificial Intelligence"),
    CanonicalVenue("AISTATS", "International Conference on Artificial Intelligence and Statistics"),
    CanonicalVenue("UAI", "Conference on Uncertainty in Artificial Intelligence"),
    CanonicalVenue("COLT", "Conference on Learning Theory"),
    CanonicalVenue(
        "KDD",
        "ACM SIGKDD Conference on Knowledge Discovery and Data Mining",
        abbreviations=("SIGKDD",),
        names=("ACM SIGKDD International Conference on Knowledge Discovery and Data Mining",),
    ),
    CanonicalVenue(
        "WWW",
        "The ACM Web Conference",
        abbreviations=("TheWebConf", "WebConf"),
        names=("ACM Web Conference", "The Web Conference", "World Wide Web Conference"),
    ),
    CanonicalVenue(
        "SIGIR",
        "International ACM SIGIR Conference on Research and Development in Information Retrieval",
    ),
    CanonicalVenue("CIKM", "ACM International Conference on Information and Knowledge Management"),
    CanonicalVenue("WSDM", "ACM International Conference on Web Search and Data Mining"),
    CanonicalVenue(
        "CVPR",
        "IEEE/CVF Conference on Computer Vision and Pattern Recognition",
        names=(
            "Conference on Computer Vision and Pattern Recognition",
            # Its name until 2019.
            "IEEE Conference on Computer Vision and Pattern Recognition",
        ),
    ),
    CanonicalVenue(
        "ICCV",
        "IEEE/CVF International Conference on Computer Vision",
        names=(
            "International Conference on Computer Vision",
            "IEEE International Conference on Computer Vision",
        ),
    ),
    CanonicalVenue("ECCV", "European Conference on Computer Vision"),
    CanonicalVenue("ACL", "Annual Meeting of the Association for Computational Linguistics"),
    CanonicalVenue("EMNLP", "Conference on Empirical Methods in Natural Language Processing"),
    CanonicalVenue(
        "NAACL",
        "Conference of the North American Chapter of the Association for Computational Linguistics",
    ),
    CanonicalVenue("COLING", "International Conference on Computational Linguistics"),
    CanonicalVenue("TOG", "ACM Transactions on Graphics", "journal", abbreviations=("ACM TOG",)),
    CanonicalVenue("JMLR", "Journal of Machine Learning Research", "journal"),
    CanonicalVenue(
        "TPAMI",
        "IEEE Transactions on Pattern Analysis and Machine Intelligence",
        "journal",
        abbreviations=("PAMI",),
    ),
    CanonicalVenue(
        "TACL", "Transactions of the Association for Computational Linguistics", "journal"
    ),
)

# Words that vary between editions or printings of one venue's name.
_EDITION = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)?|(?:(?:twenty|thirty|forty|fifty|sixty)[ -]?)?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
    r"nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth)|proceedings|of the|annual|"
    r"the|in|volume|vol)\b"
)
# A year or an edition number printed after an abbreviation: "ICLR 2019", "NeurIPS'23".
_ABBREVIATION_SUFFIX = re.compile(r"[\s'’-]*\d{2,4}$")
GUESS_CUTOFF = 0.9
# ...and each word of it this close to the known word in its place.
WORD_CUTOFF = 0.75


def normalised_venue_name(name: str) -> str:
    """Return a venue name without case, accents, years, ordinals and filler words."""
    return " ".join(_EDITION.sub(" ", name_key(name)).split())


@dataclass(frozen=True)
class VenueMatch:
    venue: CanonicalVenue
    how: str  # "abbreviation", "name", "misspelling" or "guess"


@cache
def match_venue(abbreviation: str = "", name: str = "") -> VenueMatch | None:
    """Return the canonical venue an abbreviation or printed name stands for, and how."""
    # A venue printed as its short name ("ICML", "NeurIPS 2023") is one too.
    for short in (abbreviation, name):
        venue = (
            venue_of_abbreviation(_ABBREVIATION_SUFFIX.sub("", short.strip())) if short else None
        )
        if venue is not None:
            return VenueMatch(venue, "abbreviation")
    normalised = normalised_venue_name(name)
    if not normalised:
        return None
    known = _by_name()
    if normalised in known:
        return known[normalised]
    close = difflib.get_close_matches(normalised, known, n=3, cutoff=GUESS_CUTOFF)
    venues = {known[match].venue for match in close if _same_words_misspelt(normalised, match)}
    if len(venues) == 1:
        return VenueMatch(venues.pop(), "guess")
    return None


def _same_words_misspelt(name: str, known: str) -> bool:
    """Tell whether two venue names have the same words, some misspelt.

    A word more or less names another venue: "Findings of...", "... Workshops", the
    "Chinese National Conference on Computational Linguistics" beside COLING.
    """
    words, known_words = name.split(), known.split()
    if len(words) != len(known_words):
        return False
    return all(
        difflib.SequenceMatcher(None, word, known_word).ratio() >= WORD_CUTOFF
        for word, known_word in zip(words, known_words, strict=True)
    )


def venue_of_abbreviation(abbreviation: str) -> CanonicalVenue | None:
    """Return the canonical venue an abbreviation alone stands for ("NIPS" → NeurIPS)."""
    return _by_abbreviation().get(name_key(abbreviation))


@cache
def _by_abbreviation() -> dict[str, CanonicalVenue]:
    return {
        name_key(abbreviation): venue
        for venue in VENUES
        for abbreviation in (venue.abbreviation, *venue.abbreviations)
    }


@cache
def _by_name() -> dict[str, VenueMatch]:
    known = {}
    for venue in VENUES:
        for name in (venue.name, *venue.names):
            known[normalised_venue_name(name)] = VenueMatch(venue, "name")
        for name in venue.misspellings:
            known[normalised_venue_name(name)] = VenueMatch(venue, "misspelling")
    return known

"""Is this string a person's name? Splitting author lines into names.

Author lines mix names with superscript marks, affiliations, e-mail addresses and
separators ("," ";" "and" "&"); these rules pull out the names and leave the rest.
"""

from __future__ import annotations

import re

from app.metadata.cleaning import FOOTNOTE_MARKS, clean_text, smart_title_case, words

_PARTICLE_WORDS = (
    "van von der den de del della di da das dos du la le y ten ter zu bin ibn al el st"
)
PARTICLES = frozenset(_PARTICLE_WORDS.split())
# Words of institutions and places: never in a person's name, and whatever follows them
# in an author line is the rest of an address.
_AFFILIATION_TEXT = """
    university universitat universite universidad universidade universita universiteit
    univ institute institut instituto istituto department dept departement school college
    faculty laboratory laboratories lab labs research center centre centro inc corp
    corporation ltd llc gmbh company group team foundation hospital academy sciences science
    technology technologies technische technik polytechnique polytechnic politecnico
    hochschule ecole scuola informatics informatik computer computing engineering physics
    mathematics statistics business management national international graduate division
    program programme project unit campus avenue ave road drive suite
    google microsoft facebook meta ibm yahoo openai deepmind amazon alibaba baidu tencent
    nvidia intel apple adobe huawei samsung bytedance salesforce linkedin twitter uber
    usa uk china japan germany france canada switzerland italy spain portugal netherlands
    israel india korea australia singapore austria sweden denmark finland norway belgium
    brazil russia poland greece ireland scotland england wales taiwan
"""
# Other words that never occur in a name: function words, subject words, boilerplate.
_OTHER_TEXT = """
    of for the in on at with from by is are as via using towards toward based
    abstract introduction keywords contents references acknowledgments acknowledgements
    see profile citations reads publications authors including editor editors article
    paper conference proceedings journal volume preprint draft version edition chapter
    copyright rights reserved email mail correspondence corresponding equal contribution
    learning networks network neural deep model models analysis data systems system
    intelligence artificial theoretical experimental applied computational information
    processing recognition vision language languages retrieval optimization distributed
    programming software theory methods algorithms statistical mathematical approach
    doi issn isbn pmid url arxiv http www member fellow senior student life emeritus
"""
AFFILIATION_WORDS = frozenset(_AFFILIATION_TEXT.split())
NOT_NAME_WORDS = AFFILIATION_WORDS | frozenset(_OTHER_TEXT.split())
_INITIAL = re.compile(r"^[A-Z]\.?$|^[A-Z]\.(?:-?[A-Z]\.){1,3}$")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*\.?$")
_EMAIL = re.compile(r"\S+@\S+|\{[^}]*\}\s*@?\S*")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_BRACKETS = re.compile(r"<[^>]*>|\([^)]*\)|\[[^\]]*\]")
_MARKS = re.compile(rf"[{re.escape(FOOTNOTE_MARKS)}]+|(?<=[^\W\d_])\d+(?:\s*,\s*\d+)*|\s\d+\b")
_SEPARATORS = re.compile(r"\s*(?:[,;·•|]|\band\b|&)\s*", re.IGNORECASE)
_LONG_NUMBER = re.compile(r"\d{3,}")
_LEADING_LABEL = re.compile(r"^\s*(?:by|authors?\s*(?:\(s\))?\s*:)\s*", re.IGNORECASE)
_AFFILIATION_LETTER = re.compile(r"(?<=[^\W\d_]{2})\s+[a-z](?:\s*,\s*[a-z])*$")


def is_person_name(name: str) -> bool:
    """True for strings shaped like "Given [Middle] Family" (initials and particles allowed)."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or len(name) > 60:
        return False
    if any(word in NOT_NAME_WORDS for word in words(name)):
        return False
    full_words = 0
    for index, token in enumerate(tokens):
        if token.lower() in PARTICLES and 0 < index < len(tokens) - 1:
            continue
        if _INITIAL.match(token):
            if index == len(tokens) - 1:
                return False
            continue
        if not _NAME_WORD.match(token) or not token[0].isupper():
            return False
        full_words += 1
    return full_words >= 1 and not tokens[-1].endswith(".")


def _swap_family_given(text: str) -> str | None:
    # "Bonnichsen, Lars Frydendal; Karlsson, Sven" lists "Family, Given" pairs.
    pieces = [piece.strip() for piece in text.split(";") if piece.strip()]
    if len(pieces) < 2 or not all(piece.count(",") == 1 for piece in pieces):
        return None
    swapped = []
    for piece in pieces:
        family, given = (part.strip() for part in piece.split(","))
        swapped.append(f"{given} {family}")
    return ", ".join(swapped)


def name_chunks(text: str) -> list[str]:
    """Split an author line into candidate names, cleaned of marks, e-mails and digits.

    Chunks are returned whether or not they look like names (see `is_person_name`); an
    affiliation ends the list, since what follows it is the rest of an address.
    """
    text = clean_text(text, 1000)
    text = _URL.sub(" ", _EMAIL.sub(" ", text))
    if _LONG_NUMBER.search(text):
        return []  # street numbers, postcodes, dates, identifiers: an address or a note
    text = _LEADING_LABEL.sub("", text)
    text = _BRACKETS.sub(" ", text)
    text = _swap_family_given(text) or text
    text = _MARKS.sub(",", text)
    chunks = []
    for chunk in _SEPARATORS.split(text):
        chunk = _AFFILIATION_LETTER.sub("", " ".join(chunk.split())).strip(" .:-–—'\"")
        if any(word in AFFILIATION_WORDS for word in words(chunk)):
            break
        if chunk:
            chunks.append(chunk)
    return chunks


def tidy_name(name: str) -> str:
    """Display form: capitals-only names title-cased, spacing normalized."""
    name = " ".join(name.split())
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        return smart_title_case(name)
    return name


def _pairs(chunk: str) -> list[str]:
    # "Dan Ingalls Ted Kaehler John Maloney": names set apart by spacing alone, which the
    # text layer lost. Only an even run of plain capitalized words is split, in pairs.
    tokens = chunk.split()
    if not 4 <= len(tokens) <= 16 or len(tokens) % 2:
        return []
    if not all(_NAME_WORD.match(t) and t[0].isupper() and not t.endswith(".") for t in tokens):
        return []
    pairs = [f"{tokens[i]} {tokens[i + 1]}" for i in range(0, len(tokens), 2)]
    return pairs if all(is_person_name(pair) for pair in pairs) else []


def names_in_chunk(chunk: str) -> list[str]:
    """The person name(s) one chunk of an author line holds, possibly none."""
    if is_person_name(chunk):
        return [tidy_name(chunk)]
    return [tidy_name(pair) for pair in _pairs(chunk)]


def split_names(text: str) -> list[str]:
    """The person names in one author line, in order."""
    return [name for chunk in name_chunks(text) for name in names_in_chunk(chunk)]

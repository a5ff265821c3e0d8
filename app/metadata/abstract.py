"""The abstract: the text after an "Abstract" heading, up to the next section heading."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.metadata.cleaning import clean_text

MAX_ABSTRACT_CHARS = 2000
_HEADING = re.compile(
    r"^\s*(?:abstract|a\s+b\s+s\s+t\s+r\s+a\s+c\s+t|summary)\b\s*(?P<sep>[.:—–|-])?\s*",
    re.IGNORECASE,
)
_END = re.compile(
    r"^\s*(?:(?:\d+(?:\.\d+)*\.?|[IVX]+\.?|§\s?\d+\.?)\s+[A-Z]"  # "1 Introduction", "I. INTRO…"
    r"|(?:introduction|background|motivation|overview|preliminaries|related work)\b"
    r"|(?:keywords?|key\s?words|index terms|ccs concepts|categories and subject descriptors"
    r"|general terms|acm reference format|subjects?|mathematics subject classification"
    r"|jel classification|msc)\s*[:.—–-]?"
    # Notes set below the abstract: footnotes, stamps, copyright and venue lines.
    r"|[∗*†‡§¶]|arxiv\s*:|proceedings of|permission to|copyright|©|c\u20dd|preprint\b"
    r"|under review|published as|accepted (?:at|to|for)|\d+(?:st|nd|rd|th)\s+conference"
    r"|this (?:work|research|paper) (?:was|is) (?:supported|funded)|we thank|acknowledg"
    r"|corresponding author|e-?mail\s*:|equal contribution|work done)",
    re.IGNORECASE,
)
# Headings and notes that run into a paragraph ("Introduction Deep networks are…").
_INLINE_END = re.compile(
    r"\s(?:(?:1|I)\.?\s+)?(?:Introduction|INTRODUCTION)\s+[A-Z]"
    r"|\s(?:Keywords|KEYWORDS|Key words|Index Terms|General Terms|CCS Concepts"
    r"|Categories and Subject Descriptors)\s*[:—–-]?\s"
    r"|\s(?:©|c\u20dd)?\s*(?:19|20)\d{2}\s[^\n]{0,80}?All rights reserved"
)
_SECTION_WORDS = ("introduction", "background", "motivation", "overview")


def _is_heading(paragraph: str) -> bool:
    # Headings whose letters a broken font spaced apart ("Intro d uction").
    key = re.sub(r"[\W\d_]+", "", paragraph).lower()
    return len(paragraph) < 40 and key in _SECTION_WORDS


def extract_abstract(pages: Sequence[str]) -> str:
    """The abstract from the first pages' normalized text ('' when there is no heading).

    The abstract ends with its page: what follows on the next one is the paper.
    """
    for page in pages[:2]:
        paragraphs = [p for p in page.split("\n") if p.strip()]
        for index, paragraph in enumerate(paragraphs):
            match = _HEADING.match(paragraph)
            # "Abstract interpretation is…" is a sentence, not the heading.
            if not match or (not match.group("sep") and paragraph[match.end() :][:1].islower()):
                continue
            return _collect(paragraph[match.end() :].strip(), paragraphs[index + 1 :])
    return ""


def _collect(first: str, following: Sequence[str]) -> str:
    collected = [first] if first else []
    for paragraph in following:
        if (
            _END.match(paragraph)
            or _is_heading(paragraph)
            or sum(len(p) for p in collected) >= MAX_ABSTRACT_CHARS
        ):
            break
        collected.append(paragraph)
    text = " ".join(collected)
    inline = _INLINE_END.search(text)
    if inline:
        text = text[: inline.start()]
    return _cap(clean_text(text, MAX_ABSTRACT_CHARS * 2))


def _cap(text: str) -> str:
    if len(text) <= MAX_ABSTRACT_CHARS:
        return text
    cut = text[:MAX_ABSTRACT_CHARS]
    sentence = cut.rfind(". ")
    if sentence > MAX_ABSTRACT_CHARS // 2:
        return cut[: sentence + 1]
    return cut.rsplit(" ", 1)[0] + "…"

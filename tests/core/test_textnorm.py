"""Text normalization: ligatures, hyphenation, hostile characters."""

from __future__ import annotations

import re
import sys
import unicodedata

from app.textnorm import fold_for_match, normalize_page_text, sanitize, sanitize_line


def test_ligatures_become_letters() -> None:
    assert normalize_page_text("the o\ufb03ce of \ufb01nite \ufb02ows") == (
        "the office of finite flows"
    )


def test_ff_ligature_mapped_to_an_arrow_is_repaired_inside_words() -> None:
    assert normalize_page_text("di\u21b5erent e\u21b5ects, tradeo\u21b5s") == (
        "different effects, tradeoffs"
    )
    # Not after a letter: probably a math font's alpha, which shares the code; kept.
    assert sanitize("\u21b5 = 0.1 and 2\u21b5") == "\u21b5 = 0.1 and 2\u21b5"


def test_line_end_hyphenation_is_joined_and_lines_become_spaces() -> None:
    text = "deep neural net-\nworks are trained\nwith gradient de-\nscent"
    assert normalize_page_text(text) == "deep neural networks are trained with gradient descent"


def test_capitalised_continuation_keeps_its_hyphen() -> None:
    assert normalize_page_text("the Gauss-\nNewton method") == "the Gauss-Newton method"


def test_paragraphs_survive_as_single_newlines() -> None:
    assert normalize_page_text("first para\ngoes on\n\n\nsecond  para") == (
        "first para goes on\nsecond para"
    )


def test_control_escape_and_bidi_characters_are_removed() -> None:
    hostile = "Ti\x00tle\x1b[31m red\x1b[0m \u202eevil\u202c \ue000x \ufffe"
    assert sanitize(hostile) == "Title red evil x "
    assert sanitize_line("  a \n\t b  ") == "a b"


def test_lone_surrogates_are_removed_so_text_can_be_stored() -> None:
    # Broken ToUnicode maps and undecodable file names give Python lone surrogates.
    assert sanitize("caf\udce9 \ud800x") == "caf x"
    assert normalize_page_text("a\udcffb").encode("utf-8") == b"ab"


def test_fold_for_match_ignores_case_accents_and_punctuation() -> None:
    assert fold_for_match("Schrödinger's  CAT!") == fold_for_match("schrodingers cat")
    assert fold_for_match("Ærøskøbing, İzmir") == "ærøskøbingizmir"
    # Alpha with a subscript iota: the iota is an accent here, not a second letter.
    assert fold_for_match("\u1fb3\u1fbc") == "αα"


def test_no_combining_mark_is_a_word_character_even_case_folded() -> None:
    # fold_for_match removes accents with the non-word characters; it relies on this.
    word = re.compile(r"\w")
    offenders = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.combining(char := chr(code))
        and any(word.match(folded) for folded in {char, *char.casefold()})
    ]
    assert offenders == ["U+0345"]  # the one fold_for_match removes first


def test_consecutive_hyphenated_line_ends_are_all_joined() -> None:
    assert normalize_page_text("a-\nb-\nc and re-\n\tcurrent") == "abc and recurrent"


def test_unicode_spaces_and_soft_hyphens_fold_away() -> None:
    assert normalize_page_text("wide\u3000gap\u00a0and hy\u00adphen\r\n\r\nnext") == (
        "wide gap and hyphen\nnext"
    )


def test_separators_become_line_breaks_and_other_controls_go() -> None:
    assert sanitize("one\u2028two\u2029three\rfour\ffive\vsix\x85seven\u200bend") == (
        "one\ntwo\nthree\nfour\nfive\nsix" + "seven" + "end"
    )


def test_nfkc_neither_makes_nor_changes_what_sanitize_removes() -> None:
    # `sanitize` relies on it to clean up in one pass after NFKC.
    for code in range(0x110000):
        char = chr(code)
        normal = unicodedata.normalize("NFKC", char)
        if sanitize(char) != normal:  # removed, or made a line break
            assert normal == char, hex(code)


def test_ligatures_spelled_out_before_nfkc_change_nothing_nfkc_would_make() -> None:
    # `sanitize` replaces ligatures by their letters before NFKC: around any character that
    # NFKC changes or composes, the result must be what NFKC alone makes.
    ligatures = [chr(code) for code in range(0xFB00, 0xFB07)]
    checked = 0
    for code in range(0x110000):
        char = chr(code)
        normal = unicodedata.normalize("NFKC", char)
        if sanitize(char) != normal or (normal == char and not unicodedata.combining(char)):
            continue
        for ligature in ligatures:
            for text in (ligature + char, char + ligature, f"a{ligature}{char}\u0301{ligature}"):
                assert sanitize(text) == unicodedata.normalize("NFKC", text), hex(code)
        checked += 1
    assert checked > 5000


def test_printable_ascii_is_left_as_it_is() -> None:
    # `sanitize` returns such text at once; nothing it removes or normalizes is among it.
    printable = "".join(chr(code) for code in range(128) if chr(code).isprintable())
    assert len(printable) == 95
    assert unicodedata.normalize("NFKC", printable) == printable
    assert sanitize(printable) == printable and sanitize(printable, 10) == printable[:10]
    assert sanitize("tab\there\x7f") == "tab\there"

"""LaTeX text in BibTeX fields: escaping Unicode text, and reading it back.

`encode` and `decode` are inverse on any text Lectern stores: specials are escaped, accented
letters become accent commands, inline math (`$O(n \\log n)$`) is kept as written. `decode`
also reads what other tools write: accent macros in their various spellings, braces,
`\\emph{…}`-style commands, `--`/`---` dashes and ``` ``quotes'' ```.
"""

from __future__ import annotations

import re
import unicodedata

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LETTER_MACROS = {
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
}
_SYMBOL_MACROS = {
    "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^",
    "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
    "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
    "textquotedblright": "”", "textunderscore": "_", "textbar": "|", "textless": "<",
    "textgreater": ">", "S": "§", "P": "¶", "copyright": "©", "textregistered": "®",
    "texttrademark": "™", "pounds": "£", "euro": "€", "textdegree": "°",
    "TeX": "TeX", "LaTeX": "LaTeX", "BibTeX": "BibTeX", "par": "\n", "newline": "\n",
}
_LETTERS = {char: f"{{\\{macro}}}" for macro, char in _LETTER_MACROS.items() if macro != "j"}
# Accent commands: a punctuation accent is written `{\'e}`, a letter accent `{\c{c}}`.
_ACCENT_MARKS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "r": "\u030a", "H": "\u030b",
    "k": "\u0328", "d": "\u0323", "b": "\u0331", "t": "\u0361",
}
_MARK_COMMANDS = {mark: command for command, mark in _ACCENT_MARKS.items()}
_DASHES = {"–": "--", "—": "---"}
# `$…$` is math when it looks like math: no space just inside the dollars, and either a
# TeX-ish character or a short body ("$n$", "$k$-means"); "$5 and $10" is not math.
_MATH = re.compile(r"(?<!\\)\$(?=\S)([^$\n]*?\S)(?<!\\)\$")
_MATH_HINT = re.compile(r"[\\^_{}=<>]")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_LIGATURE = re.compile(r"-(?=-)|'(?=')|`(?=`)")


def is_math(body: str) -> bool:
    """Whether the text between two dollar signs is inline math rather than prices."""
    return bool(_MATH_HINT.search(body)) or len(body) <= 3


def encode(text: str, *, protect_case: bool = False) -> str:
    """`text` as a BibTeX field value (without the outer braces).

    `protect_case` wraps words with inner capitals (`{BERT}`, `{ImageNet}`) in braces so
    bibliography styles keep their case.
    """
    out: list[str] = []
    position = 0
    for match in _MATH.finditer(text):
        if not is_math(match.group(1)):
            continue
        out.append(_encode_plain(text[position : match.start()], protect_case))
        out.append(match.group(0))
        position = match.end()
    out.append(_encode_plain(text[position:], protect_case))
    return "".join(out)


def _encode_plain(text: str, protect_case: bool) -> str:
    if not protect_case:
        return _escape(text)
    parts = re.split(r"(\s+)", text)
    return "".join(
        f"{{{_escape(part)}}}" if _has_inner_capital(part) else _escape(part) for part in parts
    )


def _has_inner_capital(word: str) -> bool:
    return any(char.isupper() for char in word[1:])


def _escape(text: str) -> str:
    out: list[str] = []
    # "--", "''" and "``" are ligatures in TeX; a brace pair keeps them literal.
    for char in _LIGATURE.sub("\\g<0>\u0000", unicodedata.normalize("NFC", text)):
        if char == "\u0000":
            out.append("{}")
        elif char in _SPECIALS:
            out.append(_SPECIALS[char])
        elif char.isascii():
            out.append(char)
        elif char in _LETTERS:
            out.append(_LETTERS[char])
        elif char in _DASHES:
            out.append(_DASHES[char])
        else:
            out.append(_accented(char))
    return "".join(out)


def _accented(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if not base.isascii() or not marks or any(mark not in _MARK_COMMANDS for mark in marks):
        return char  # kept as UTF-8, which BibTeX tools read today
    result = base
    for mark in marks:
        command = _MARK_COMMANDS[mark]
        result = f"\\{command}{{{result}}}" if command.isalpha() else f"\\{command}{result}"
        result = f"{{{result}}}"
    return result


def decode(value: str) -> str:
    """Plain Unicode text from a LaTeX-encoded field value; inline math is kept."""
    out: list[str] = []
    position = 0
    for match in _MATH.finditer(value):
        if not is_math(match.group(1)):
            continue
        out.append(_decode_plain(value[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_decode_plain(value[position:]))
    return unicodedata.normalize("NFC", "".join(out))


def _decode_plain(text: str) -> str:
    out: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "\\":
            produced, position = _decode_command(text, position)
            out.append(produced)
        elif char in "{}":
            position += 1
        elif char == "~":
            out.append(" ")
            position += 1
        elif text.startswith("---", position):
            out.append("—")
            position += 3
        elif text.startswith("--", position):
            out.append("–")
            position += 2
        elif text.startswith("``", position):
            out.append("“")
            position += 2
        elif text.startswith("''", position):
            out.append("”")
            position += 2
        else:
            out.append(char)
            position += 1
    return "".join(out)


def _decode_command(text: str, start: int) -> tuple[str, int]:
    match = _COMMAND.match(text, start)
    if match is None:  # a lone backslash at the very end
        return "", start + 1
    name, position = match.group(1), match.end()
    if name in _ACCENT_MARKS:
        argument, position = _argument(text, _skip_spaces(text, position) if name.isalpha()
                                       else position)
        base = _decode_plain(argument).replace("ı", "i").replace("ȷ", "j")
        if not base:
            return "", position
        end = 1
        while end < len(base) and unicodedata.combining(base[end]):
            end += 1
        return base[:end] + _ACCENT_MARKS[name] + base[end:], position
    if name == "\\":
        return "\n", position
    if not name.isalpha():
        return name, position  # \& \% \$ \# \_ \{ \} and "\ "
    after = _skip_spaces(text, position)
    if name in _LETTER_MACROS:
        return _LETTER_MACROS[name], after
    if name in _SYMBOL_MACROS:
        return _SYMBOL_MACROS[name], after
    if name in ("url", "path") and text.startswith("{", after):
        argument, end = _argument(text, after)
        return argument, end
    if name == "href" and text.startswith("{", after):
        _target, middle = _argument(text, after)
        label, end = _argument(text, middle)
        return _decode_plain(label), end
    return "", after  # other commands: their braced argument, if any, is read as text


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def _argument(text: str, position: int) -> tuple[str, int]:
    """A braced group's content, a control word (`\\i`), or the next character."""
    if position >= len(text):
        return "", position
    if text[position] == "{":
        depth, end = 0, position
        while end < len(text):
            if text[end] == "\\":
                end += 2
                continue
            if text[end] == "{":
                depth += 1
            elif text[end] == "}":
                depth -= 1
                if depth == 0:
                    return text[position + 1 : end], end + 1
            end += 1
        return text[position + 1 :], len(text)
    if text[position] == "\\":
        match = _COMMAND.match(text, position)
        if match is not None:
            return match.group(0), match.end()
    return text[position], position + 1

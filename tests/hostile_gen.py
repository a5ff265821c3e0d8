"""Generate hostile PDFs that are not in the shared corpus, with PyMuPDF and raw bytes.

Each maker writes one file and returns its path. `EXPECTED` says which outcome each kind
must get (`added` or `failed`) so tests can check the pipeline's verdicts.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

import pymupdf

from tests.pdfgen import make_pdf


def form_xobject_fan_out(path: Path, levels: int = 9, fan: int = 10) -> Path:
    """Nested form XObjects, each drawing the next `fan` times: text extraction explodes."""
    objects: list[bytes] = []
    text = b"BT /F1 12 Tf 10 10 Td (fan) Tj ET"
    first_form = 5
    for level in range(levels):
        number = first_form + level
        if level == levels - 1:
            body = text
            resources = b"/Resources << /Font << /F1 4 0 R >> >>"
        else:
            body = b" ".join(b"q /X Do Q" for _ in range(fan))
            resources = b"/Resources << /XObject << /X %d 0 R >> >>" % (number + 1)
        objects.append(
            b"%d 0 obj << /Type /XObject /Subtype /Form /BBox [0 0 600 800] %s /Length %d >>"
            b"\nstream\n%s\nendstream endobj\n" % (number, resources, len(body), body)
        )
    page_content = b"q /X Do Q"
    head = [
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n",
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents %d 0 R "
        b"/Resources << /XObject << /X %d 0 R >> >> >> endobj\n"
        % (first_form + levels, first_form),
        b"4 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n",
    ]
    tail = [
        b"%d 0 obj << /Length %d >>\nstream\n%s\nendstream endobj\n"
        % (first_form + levels, len(page_content), page_content)
    ]
    return _write_with_xref(path, head + objects + tail)


def _write_with_xref(path: Path, objects: list[bytes]) -> Path:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for obj in objects:
        offsets.append(len(out))
        out += obj
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref,
    )
    path.write_bytes(bytes(out))
    return path


def password_protected(path: Path) -> Path:
    """A real paper encrypted with a user password (AES-256)."""
    plain = make_pdf(path.with_suffix(".plain.pdf"), ["secret findings " * 50], title="Secret")
    with pymupdf.open(plain) as doc:
        doc.save(
            path, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="user"
        )
    plain.unlink()
    return path


def escape_sequences_in_text(path: Path) -> Path:
    """A title and body full of terminal escapes, bidi overrides and NULs."""
    return make_pdf(
        path,
        ["Body with \x1b[31mred\x1b[0m text and \u202eevil\u202c override. " * 20],
        title="Spoofed \u202etitle\u202c \x1b]0;pwned\x07",
        metadata={"title": "\x1b[2J\x00cleared", "author": "\u202eMallory"},
    )


def truncated_at(path: Path, share: float) -> Path:
    """A valid paper cut off after `share` of its bytes."""
    whole = make_pdf(path.with_suffix(".whole.pdf"), ["truncated text " * 150] * 3, title="Cut")
    data = whole.read_bytes()
    whole.unlink()
    path.write_bytes(data[: int(len(data) * share)])
    return path


def header_then_garbage(path: Path) -> Path:
    """A PDF header followed by compressed noise."""
    noise = zlib.compress(bytes(range(256)) * 4000)
    path.write_bytes(b"%PDF-1.4\n" + noise)
    return path


MAKERS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fan-out.pdf": (form_xobject_fan_out, "failed"),
    "password.pdf": (password_protected, "failed"),
    "escapes.pdf": (escape_sequences_in_text, "added"),
    "truncated-5.pdf": (lambda p: truncated_at(p, 0.05), "failed"),
    "garbage.pdf": (header_then_garbage, "failed"),
}


def make_all(folder: Path) -> dict[Path, str]:
    """Write every hostile kind into `folder`; returns path → expected status."""
    folder.mkdir(parents=True, exist_ok=True)
    return {maker(folder / name): expected for name, (maker, expected) in MAKERS.items()}

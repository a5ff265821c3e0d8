"""Text sketches: stable across versions (they are stored), and they measure resemblance."""

from __future__ import annotations

from app.dedupe import SAME_TEXT, resemblance, sketch_text

# Words with digits and underscores, repeated in a fixed pseudo-random order.
TEXT = " ".join(f"w{(i * 7919) % 1009}x snake_case" for i in range(400))


def test_sketch_keys_are_stable_because_libraries_store_them() -> None:
    sketch = sketch_text([TEXT])
    assert sketch is not None
    assert sketch.bands == (
        "k:008c5dfc4dc4 k:009743b04e07 k:0137eb1d4ddb k:03ba39794d95 k:04cadf054dcd "
        "k:060f48d04e7e"
    )


def test_a_restamped_copy_resembles_the_original() -> None:
    original = sketch_text([TEXT, TEXT[::-1]])
    restamped = sketch_text(["arXiv:2101.00001v2 [cs.LG] 3 Jan 2021", TEXT, TEXT[::-1]])
    unrelated = sketch_text([" ".join(f"other{i} word{i * 3}" for i in range(600))])
    assert original is not None and restamped is not None and unrelated is not None
    assert resemblance(original.minhash, restamped.minhash) >= SAME_TEXT
    assert resemblance(original.minhash, unrelated.minhash) < 0.1


def test_short_texts_have_no_sketch() -> None:
    assert sketch_text(["too few words to compare"]) is None

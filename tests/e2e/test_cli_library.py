"""The CLI contract for building a library: add, list, show, tag, remove."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.e2e.cli_helpers import cli_json, run_cli
from tests.pdfgen import make_pdf


def _hashes(folder: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def test_add_reports_one_outcome_per_file_and_leaves_originals_alone(
    tmp_path: Path, papers_dir: Path
) -> None:
    (papers_dir / "notes.txt").write_text("not a paper")
    (papers_dir / "fake.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    (papers_dir / "empty.pdf").write_bytes(b"")
    before = _hashes(papers_dir)
    lib = tmp_path / "lib"

    rows = cli_json(lib, "add", str(papers_dir), "--tag", "theory/kernels")

    by_name = {Path(r["path"]).name: r for r in rows}
    assert set(by_name) == {"kernels.pdf", "robust.pdf", "bandits.pdf", "fake.pdf", "empty.pdf"}
    for name in ("kernels.pdf", "robust.pdf", "bandits.pdf"):
        assert by_name[name]["status"] == "added"
        assert isinstance(by_name[name]["paper_id"], int)
    assert by_name["fake.pdf"]["status"] == "failed"
    assert "not a PDF" in by_name["fake.pdf"]["reason"]
    assert by_name["empty.pdf"]["status"] == "failed"
    assert "empty" in by_name["empty.pdf"]["reason"]
    assert set(rows[0]) >= {"path", "status", "paper_id", "duplicate_of", "reason", "flags"}
    assert _hashes(papers_dir) == before

    papers = cli_json(lib, "list")
    titles = {p["title"] for p in papers}
    assert "Kernel Methods for Wide Neural Networks" in titles
    kernels = next(p for p in papers if p["title"].startswith("Kernel Methods"))
    assert kernels["authors"] == ["Ada Lovelace", "Alan Turing"]
    assert kernels["tags"] == ["theory/kernels"]
    assert kernels["pages"] == 2
    assert kernels["status"] == "unread"
    assert Path(kernels["file"]).is_file()
    assert set(kernels) >= {"id", "title", "authors", "year", "arxiv_id", "doi", "tags",
                            "pages", "status", "flags", "file"}


def test_second_add_reports_duplicates_with_the_original_id(
    tmp_path: Path, papers_dir: Path
) -> None:
    lib = tmp_path / "lib"
    first = {Path(r["path"]).name: r for r in cli_json(lib, "add", str(papers_dir))}
    copy = tmp_path / "copy-of-kernels.pdf"
    copy.write_bytes((papers_dir / "kernels.pdf").read_bytes())
    again = cli_json(lib, "add", str(papers_dir / "kernels.pdf"), str(copy))
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]
    assert {r["duplicate_of"] for r in again} == {first["kernels.pdf"]["paper_id"]}
    assert again[0]["reason"] == "same file"


def test_restamped_copy_is_a_duplicate_by_text(tmp_path: Path) -> None:
    body = [f"Section {i}. " + " ".join(f"word{i}x{j} theory" for j in range(150))
            for i in range(3)]
    original = make_pdf(tmp_path / "a.pdf", body, title="A Study of Restamped Papers",
                        authors=["Marie Curie"])
    restamped = make_pdf(tmp_path / "b.pdf", body, title="A Study of Restamped Papers",
                         authors=["Marie Curie"], metadata={"producer": "Publisher stamp 2024"})
    assert original.read_bytes() != restamped.read_bytes()
    lib = tmp_path / "lib"
    first = cli_json(lib, "add", str(original))[0]
    second = cli_json(lib, "add", str(restamped))[0]
    assert second["status"] == "duplicate"
    assert second["duplicate_of"] == first["paper_id"]


def test_scan_without_text_is_added_and_flagged(tmp_path: Path) -> None:
    from tests.pdfgen import make_scan_pdf

    scan = make_scan_pdf(tmp_path / "scan.pdf", 2)
    row = cli_json(tmp_path / "lib", "add", str(scan))[0]
    assert row["status"] == "added"
    assert "no_text" in row["flags"]


def test_tag_show_and_remove(tmp_path: Path, papers_dir: Path) -> None:
    lib = tmp_path / "lib"
    rows = cli_json(lib, "add", str(papers_dir))
    ids = [str(r["paper_id"]) for r in rows]
    run_cli(lib, "tag", *ids[:2], "--add", "reading group/week 1", "--add", "robustness")
    run_cli(lib, "tag", ids[0], "--remove", "robustness")
    shown = cli_json(lib, "show", ids[0])
    assert shown["tags"] == ["reading group/week 1"]
    assert len(cli_json(lib, "list", "--tag", "reading group")) == 2
    assert len(cli_json(lib, "list", "--tag", "robustness")) == 1
    stored = Path(shown["file"])
    run_cli(lib, "remove", ids[0])
    assert not stored.exists()
    missing = run_cli(lib, "show", ids[0], check=False)
    assert missing.returncode != 0
    assert f"There is no paper {ids[0]}" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


def test_tags_lists_the_tree_with_counts_and_reshapes_it(
    tmp_path: Path, papers_dir: Path
) -> None:
    lib = tmp_path / "lib"
    ids = [str(r["paper_id"]) for r in cli_json(lib, "add", str(papers_dir))]
    run_cli(lib, "tag", *ids[:2], "--add", "theory/kernels")
    run_cli(lib, "tag", ids[2], "--add", "theory/bandits", "--add", "robustness")
    run_cli(lib, "tags", "create", "later/maybe")

    def counts() -> dict[str, int]:
        return {row["path"]: row["papers"] for row in cli_json(lib, "tags")}

    assert counts() == {
        "later": 0, "later/maybe": 0, "robustness": 1,
        "theory": 3, "theory/bandits": 1, "theory/kernels": 2,
    }
    text = run_cli(lib, "tags").stdout.splitlines()
    assert text[-3:] == ["     3  theory", "     1    bandits", "     2    kernels"]

    run_cli(lib, "tags", "rename", "theory/kernels", "kernel methods")
    run_cli(lib, "tags", "move", "theory/bandits", "--top")
    run_cli(lib, "tags", "merge", "robustness", "bandits")
    run_cli(lib, "tags", "delete", "later")
    assert counts() == {"bandits": 1, "theory": 2, "theory/kernel methods": 2}
    assert cli_json(lib, "show", ids[2])["tags"] == ["bandits"]
    # The index follows: a tag-scoped search sees the renamed tag.
    found = cli_json(lib, "search", 'tag:"theory/kernel methods"')
    assert sorted(str(r["id"]) for r in found["results"]) == sorted(ids[:2])

    missing = run_cli(lib, "tags", "delete", "nowhere", check=False)
    assert missing.returncode != 0 and "There is no tag 'nowhere'" in missing.stderr


def test_usage_errors_and_unopenable_library_exit_non_zero(tmp_path: Path) -> None:
    assert run_cli(tmp_path / "lib", "frobnicate", check=False).returncode != 0
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    result = run_cli(blocker / "lib", "list", check=False)
    assert result.returncode != 0
    assert "Cannot create the library folder" in result.stderr


def test_version(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "lib", "--version")
    assert result.stdout.startswith("lectern ")


def test_linked_files_stay_in_place_and_are_never_deleted(
    tmp_path: Path, papers_dir: Path
) -> None:
    lib = tmp_path / "lib"
    original = papers_dir / "kernels.pdf"
    row = cli_json(lib, "add", "--link", str(original))[0]
    shown = cli_json(lib, "show", str(row["paper_id"]))
    assert Path(shown["file"]) == original.resolve()
    assert not list((lib / "files").rglob("*.pdf"))
    assert cli_json(lib, "doctor")["healthy"]
    run_cli(lib, "remove", str(row["paper_id"]))
    assert original.is_file()

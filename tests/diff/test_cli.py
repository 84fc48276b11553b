"""``qsync diff`` end to end: real git upstreams, real files, every format, the state file."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from qsync.schema import schema_errors
from tests.conftest import CONTENT_PAGE
from tests.diff.helpers import DIFF_FIXTURES

AI_FILE = "ai-security-interview-questions.md"
RICE = "so spread it in shallow trays and chill it quickly."


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A site with the pantry page, qsync.toml mapping it, and a real git upstream."""
    root = tmp_path / "site"
    (root / "docs" / "kitchen").mkdir(parents=True)
    (root / "docs" / "kitchen" / "pantry.md").write_bytes(
        (DIFF_FIXTURES / "site" / "pantry-security.md").read_bytes()
    )
    upstream = tmp_path / "pantry-upstream"
    upstream.mkdir()
    git(upstream, "init", "--quiet", "--initial-branch=main")
    git(upstream, "config", "user.email", "cook@example.com")
    git(upstream, "config", "user.name", "Cook")
    (upstream / "pantry-security.md").write_bytes(
        (DIFF_FIXTURES / "upstream" / "pantry-security.md").read_bytes()
    )
    git(upstream, "add", "-A")
    git(upstream, "commit", "--quiet", "-m", "Pantry questions")
    (root / "qsync.toml").write_text(
        '[site]\ndocs_dir = "docs"\n\n'
        f'[upstream]\nrepo = "example/pantry"\ngit = "{upstream.as_posix()}"\n\n'
        '[[pages]]\nsite = "kitchen/pantry.md"\nupstream = "pantry-security.md"\n\n'
        "[diff]\nrelated = 60\n"
    )
    return root


def diff_json(run_cli, *args: str) -> dict:  # type: ignore[no-untyped-def]
    code, out, err = run_cli("diff", *args, "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    assert schema_errors(document) == []
    return document


def classes(document: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {
        (p["site"] or p["upstream"])["text"]: p["class"]
        for page in document["pages"]
        for p in page["pairs"]
    }


def test_text_report_is_an_aligned_table_with_a_summary(run_cli, project: Path):
    code, out, err = run_cli("diff", "--config", str(project / "qsync.toml"))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert re.fullmatch(
        r"docs/kitchen/pantry\.md ↔ \S+:pantry-security\.md @ [0-9a-f]{7} \(git\)", lines[0]
    )
    assert lines[1] == "upstream: populated (7 questions, 0 scenarios)"
    assert lines[2].startswith("docs/kitchen/pantry.md:3: stale-claim: the page says")
    header = next(line for line in lines if line.startswith("CLASS"))
    rows = [
        line
        for line in lines
        if line.split(" ")[0] in ("identical", "changed", "related", "site-only", "upstream-only")
    ]
    assert len(rows) == 9
    column = header.index("SITE QUESTION")
    assert all(row[column - 2 : column] == "  " for row in rows)
    changed = next(row for row in rows if row.startswith("changed"))
    assert "74.1  What should a use-by label" in changed and "Q4 What should" in changed
    assert "[Rotation]" in next(row for row in rows if "first in, first out" in row)
    assert (
        lines[-1]
        == "1 page: 1 changed, 1 related, 2 site-only, 1 upstream-only, 4 identical; 1 finding"
    )
    assert "\x1b[" not in out


def test_exit_code_is_1_only_when_asked_and_there_is_something_to_do(run_cli, project: Path):
    config = str(project / "qsync.toml")
    assert run_cli("diff", "--config", config, "--exit-code")[0] == 1
    assert run_cli("diff", "--config", config)[0] == 0


def test_every_format_writes_its_file(run_cli, project: Path):
    config = str(project / "qsync.toml")
    for fmt, name in (
        ("json", "d.json"),
        ("markdown", "d.md"),
        ("html", "d.html"),
        ("text", "d.txt"),
    ):
        target = project / "out" / name
        code, out, err = run_cli("diff", "--config", config, "--format", fmt, "-o", str(target))
        assert (code, out, err) == (0, "", "")
        assert target.stat().st_size > 500
    assert run_cli("validate", str(project / "out" / "d.json"))[0] == 0
    assert (project / "out" / "d.md").read_text().startswith("## qsync diff\n")
    assert (project / "out" / "d.html").read_text().startswith("<!DOCTYPE html>")


def test_record_then_three_way_classes(run_cli, project: Path, tmp_path: Path):
    config = str(project / "qsync.toml")
    code, _, err = run_cli("diff", "--config", config, "--record")
    assert (code, err) == (0, "")
    state = json.loads((project / ".qsync" / "state.json").read_text())
    assert schema_errors(state) == []
    assert state["pages"][0]["site"] == "docs/kitchen/pantry.md"

    upstream = tmp_path / "pantry-upstream"
    page = upstream / "pantry-security.md"
    page.write_text(page.read_text().replace(RICE, "so spread it thin and chill it quickly."))
    git(upstream, "commit", "--quiet", "-am", "Rice: spread it thin")
    site = project / "docs" / "kitchen" / "pantry.md"
    site.write_text(
        site.read_text().replace(
            "Juices from raw meat drip downward.", "Juices from raw meat always drip downward."
        )
    )
    document = diff_json(run_cli, "--config", config)
    (page_doc,) = document["pages"]
    assert page_doc["base"]["commit"] == state["pages"][0]["commit"]
    assert page_doc["source"]["commit"] != state["pages"][0]["commit"]
    found = classes(document)
    assert found["How long can cooked rice stay at room temperature?"] == "upstream-changed"
    assert found["Why should raw meat be stored below cooked food?"] == "site-changed"
    assert found["What should a use-by label on a prepared dish show?"] == "changed"


def test_ref_picks_the_upstream_commit(run_cli, project: Path, tmp_path: Path):
    upstream = tmp_path / "pantry-upstream"
    first = git(upstream, "rev-parse", "HEAD")
    (upstream / "pantry-security.md").write_text("# Pantry Security Interview Questions\n")
    git(upstream, "commit", "--quiet", "-am", "Start over")
    config = str(project / "qsync.toml")
    now = diff_json(run_cli, "--config", config)["pages"][0]
    then = diff_json(run_cli, "--config", config, "--ref", first)["pages"][0]
    assert now["upstream"]["state"] == "stub" and now["claim"]["holds"]
    assert then["upstream"]["state"] == "populated" and not then["claim"]["holds"]
    assert then["source"]["commit"] == first


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "yaml"), "unknown format 'yaml'"),
        (("--upstream-git", "x@main", "--ref", "v1"), "give the upstream ref once"),
        (("docs/kitchen/nowhere.md",), "nowhere.md"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run_cli, project: Path, monkeypatch, args, message):
    monkeypatch.chdir(project)
    code, _, err = run_cli("diff", *args)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1


def test_no_pages_given_or_configured_is_bad_input(run_cli, tmp_path: Path):
    (tmp_path / "qsync.toml").write_text('[site]\ndocs_dir = "docs"\n')
    code, _, err = run_cli("diff", "--config", str(tmp_path / "qsync.toml"))
    assert code == 2 and "no pages given and none configured" in err


# The real upstream history (../shared/corpus/upstream.bundle) against the page this project ships.


@pytest.fixture
def corpus_config(tmp_path: Path) -> Path:
    path = tmp_path / "qsync.toml"
    path.write_text('[site]\ndocs_dir = "."\n')
    return path


def test_at_6fa8ab4_upstream_is_a_stub_and_every_site_question_is_site_only(
    run_cli, corpus: Path, corpus_config: Path
):
    """Read from the bundle file itself, as a user would point qsync at it."""
    document = diff_json(
        run_cli,
        str(CONTENT_PAGE),
        "--config",
        str(corpus_config),
        "--upstream-git",
        f"{corpus / 'upstream.bundle'}@6fa8ab4",
    )
    (page,) = document["pages"]
    assert page["upstream"] == {
        "state": "stub",
        "title": "AI Security Interview Questions",
        "questions": 0,
        "scenarios": 0,
    }
    assert [p["class"] for p in page["pairs"]] == ["site-only"] * 8
    assert page["claim"]["says"] == "stub" and page["claim"]["holds"]
    assert page["findings"] == []
    assert page["source"]["commit"].startswith("6fa8ab4")


def test_at_d922c63_upstream_is_populated_and_the_stub_claim_is_stale(
    run_cli, upstream_repo: Path, corpus_config: Path
):
    args = (
        str(CONTENT_PAGE),
        "--config",
        str(corpus_config),
        "--upstream-git",
        f"{upstream_repo}@d922c63",
    )
    document = diff_json(run_cli, *args)
    (page,) = document["pages"]
    assert page["upstream"]["state"] == "populated"
    assert (page["upstream"]["questions"], page["upstream"]["scenarios"]) == (30, 30)
    assert page["claim"]["line"] == 3 and not page["claim"]["holds"]
    (finding,) = page["findings"]
    assert finding["code"] == "stale-claim" and finding["line"] == 3
    assert "populated (30 questions, 30 scenarios)" in finding["message"]
    assert page["counts"]["site-only"] + page["counts"]["changed"] + page["counts"]["related"] == 8
    assert page["counts"]["upstream-only"] == 60 - 8 + page["counts"]["site-only"]
    code, out, _ = run_cli("diff", *args, "--exit-code")
    assert code == 1
    assert "stale-claim: the page says the upstream file is a stub" in out


def test_every_interview_page_of_the_corpus_site_against_upstream_head(
    run_cli, corpus: Path, upstream_repo: Path, corpus_config: Path
):
    folder = corpus / "site" / "docs" / "interview-questions"
    document = diff_json(
        run_cli, str(folder), "--config", str(corpus_config), "--upstream-git", str(upstream_repo)
    )
    pages = {Path(p["site"]["path"]).name: p for p in document["pages"]}
    assert len(pages) == 5
    assert pages["index.md"]["upstream"]["state"] == "missing"
    for name, says in (
        ("ai-security-interview-questions.md", "stub"),
        ("api-security-interview-questions.md", "empty"),
        ("web-security-interview-questions.md", "empty"),
    ):
        page = pages[name]
        assert page["upstream"]["state"] == "populated", name
        assert page["claim"]["says"] == says and not page["claim"]["holds"], name
        assert [f["code"] for f in page["findings"]] == ["stale-claim"], name
        sides = [p for p in page["pairs"] if p["site"]]
        assert len(sides) == page["site"]["questions"] > 0, name


def test_thresholds_out_of_order_are_a_configuration_error(run_cli, project: Path):
    config = project / "qsync.toml"
    config.write_text(config.read_text().replace("related = 60", "related = 90"))
    code, out, err = run_cli("diff", "--config", str(config))
    assert (code, out) == (2, "")
    assert "qsync.toml: [diff] thresholds must satisfy identical >= changed >= related" in err

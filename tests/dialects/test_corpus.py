"""The real content: every page of the site and every version of the upstream files."""

from pathlib import Path

import pytest

from qsync.dialects import parse_bytes
from tests.conftest import CORPUS, file_versions, git_show
from tests.dialects.test_roundtrip import assert_round_trip

AI = "ai-security-interview-questions.md"
SITE_DOCS = CORPUS / "site" / "docs"
ABSENT = pytest.mark.skip(reason=f"needs the shared corpus at {CORPUS} (absent on this machine)")
SITE_PAGES = (
    [pytest.param(p, id=str(p.relative_to(SITE_DOCS))) for p in sorted(SITE_DOCS.rglob("*.md"))]
    if SITE_DOCS.is_dir()
    else [pytest.param(None, id="corpus-absent", marks=ABSENT)]
)

pytestmark = pytest.mark.corpus


@pytest.mark.parametrize("path", SITE_PAGES)
def test_every_site_page_round_trips_with_exact_spans(corpus: Path, path: Path):
    assert_round_trip(path.read_bytes(), str(path))


def test_site_interview_pages_are_site_dialect(corpus: Path):
    for path in sorted((SITE_DOCS / "interview-questions").glob("*.md")):
        page = parse_bytes(path.read_bytes(), str(path))
        assert page.source.dialect == "site", path.name


@pytest.mark.parametrize(
    "name", [AI, "api-security-interview-questions.md", "web-security-interview-questions.md"]
)
def test_every_version_round_trips(upstream_repo: Path, name: str):
    versions = file_versions(upstream_repo, name)
    assert versions
    for commit in versions:
        assert_round_trip(git_show(upstream_repo, commit, name), f"{commit}:{name}")


def test_every_file_at_head_round_trips_with_exact_spans(upstream_repo: Path):
    files = sorted(p for p in upstream_repo.glob("*.md"))
    assert len(files) == 16
    for path in files:
        assert_round_trip(path.read_bytes(), str(path))


def test_ai_file_history(upstream_repo: Path):
    versions = file_versions(upstream_repo, AI)
    assert len(versions) == 16
    counts = {}
    for commit in versions:
        page = parse_bytes(git_show(upstream_repo, commit, AI), f"{commit}:{AI}")
        counts[commit] = (
            sum(q.kind == "question" for q in page.questions),
            sum(q.kind == "scenario" for q in page.questions),
        )
    assert counts["6fa8ab4"] == (0, 0)
    assert counts["c46e478"] == (30, 6)
    assert counts["d922c63"] == (30, 30)
    stub = parse_bytes(git_show(upstream_repo, "6fa8ab4", AI), AI)
    assert stub.title == "AI Security Interview Questions" and stub.sections == ()


def test_ai_file_toc_is_data(upstream_repo: Path):
    page = parse_bytes(git_show(upstream_repo, "d922c63", AI), AI)
    assert len(page.toc) == 41
    assert page.toc[4].target == "#agentic-ai--tool-use-security"
    assert [e.number for e in page.toc if e.level == 2] == list(range(1, 31))
    assert page.warnings == ()
    numbers = [q.number for q in page.questions if q.kind == "question"]
    assert numbers == list(range(1, 31))


def test_other_layouts_warn_with_lines(upstream_repo: Path):
    for name in ("Security_Architect_Scenario_Questions.md", "Senior AI Pentester_Interview.md"):
        page = parse_bytes((upstream_repo / name).read_bytes(), name)
        assert page.warnings, name
        assert all(w.line >= 1 and w.code == "unclassified" for w in page.warnings)

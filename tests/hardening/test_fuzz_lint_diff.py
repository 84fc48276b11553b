"""The mutation fuzzer through lint (with --fix) and diff: only QsyncError comes out, every
finding lies inside its page, and hostile inputs stay bounded in time and memory.

The full matrix (every truncation of every corpus file, thousands of flips) is
benchmarks/fuzz.py; this is the bounded sample the suite runs.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.conftest import CONTENT_PAGE, FIXTURES, ROOT, git_show
from tests.hardening import mutations
from tests.hardening.targets import Workbench, diff
from tests.hardening.test_fuzz_parse import CASE_SECONDS, bounded


def run_cases(bench: Workbench, cases: Iterable[tuple[str, bytes]]) -> int:
    count = 0
    for name, data in cases:
        with bounded(CASE_SECONDS * 2):
            try:
                bench.lint(data)
                diff(data)
            except AssertionError as exc:
                raise AssertionError(f"{name}: {exc}") from exc
        count += 1
    return count


@pytest.fixture
def bench(tmp_path: Path) -> Workbench:
    return Workbench.create(tmp_path)


def test_own_pages_mutated_through_lint_and_diff(bench: Workbench):
    pages = [CONTENT_PAGE, *sorted((FIXTURES / "diff").rglob("*.md"))]
    count = 0
    for k, page in enumerate(pages):
        data = page.read_bytes()
        count += run_cases(bench, mutations.truncations(data, step=6))
        count += run_cases(bench, mutations.byte_flips(data, 10, seed=k))
        count += run_cases(bench, mutations.line_edits(data, 10, seed=100 + k))
    assert count > 150


def test_the_fixed_pages_lint_and_diff_cleanly(bench: Workbench):
    """The workbench itself works: its pages lint with findings and diff into pairs."""
    from tests.hardening.targets import SITE_PAGE, UPSTREAM_PAGE

    assert bench.lint(SITE_PAGE) > 0  # the link to other.md#missing at least
    assert diff(SITE_PAGE) > 0
    assert diff(UPSTREAM_PAGE) > 0


@pytest.mark.corpus
def test_upstream_ai_file_mutated_through_lint_and_diff(upstream_repo: Path, bench: Workbench):
    data = git_show(upstream_repo, "d922c63", "ai-security-interview-questions.md")
    count = run_cases(bench, mutations.truncations(data, step=1000))
    count += run_cases(bench, mutations.byte_flips(data, 1, seed=13))
    count += run_cases(bench, mutations.line_edits(data, 1, seed=17))
    assert count > 5


# The suite runs the big hostile cases at a tenth of their size (100,000 lines, 2,000
# admonitions); benchmarks/fuzz.py runs them in full.
SCALE = 0.1
CHILD = """
import resource, sys, tempfile
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))
from tests.hardening.mutations import hostile
from tests.hardening.targets import Workbench, diff
name = sys.argv[1]
data = dict(hostile(SCALE))[name]
Workbench.create(Path(tempfile.mkdtemp(prefix="qsync-fuzz-"))).lint(data, fix=False)
diff(data)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.parametrize("name", [name for name, _ in mutations.hostile()])
def test_hostile_inputs_through_lint_and_diff_are_bounded(name: str):
    """Each case in a child process capped at 2 GiB of address space and 180 s; lint once
    as a site page (no --fix) and diff both ways."""
    limit = 2 * 2**30
    result = subprocess.run(
        [sys.executable, "-c", CHILD.replace("CAP", str(limit)).replace("SCALE", str(SCALE)), name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    peak_mib = int(result.stdout.split()[-1]) / 1024
    assert peak_mib < 1024, f"{name}: peak RSS {peak_mib:.0f} MiB"

"""A mutation fuzzer over real pages: parse and render never crash, hang or balloon."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from qsync.dialects import parse_bytes, render
from qsync.errors import QsyncError
from tests.conftest import CONTENT_PAGE, FIXTURES, ROOT, git_show
from tests.hardening import mutations

CASE_SECONDS = 20


@contextmanager
def bounded(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"case ran past {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def exercise(name: str, data: bytes) -> None:
    """Parse in both dialects and render: only QsyncError may come out, and bytes round-trip."""
    for dialect in ("site", "upstream"):
        with bounded(CASE_SECONDS):
            try:
                page = parse_bytes(data, name, dialect)  # type: ignore[arg-type]
            except QsyncError:
                continue
            assert render(page).encode("utf-8") == data, name


def run_cases(cases: Iterator[tuple[str, bytes]]) -> int:
    count = 0
    for name, data in cases:
        exercise(name, data)
        count += 1
    return count


def test_own_pages_every_truncation_and_edit():
    pages = [CONTENT_PAGE, *sorted(FIXTURES.rglob("*.md"))]
    count = 0
    for page in pages:
        data = page.read_bytes()
        count += run_cases(mutations.truncations(data))
        count += run_cases(mutations.byte_flips(data, 60, seed=7))
        count += run_cases(mutations.line_edits(data, 60, seed=11))
    assert count > 500


@pytest.mark.corpus
def test_upstream_ai_file_mutations(upstream_repo: Path):
    data = git_show(upstream_repo, "d922c63", "ai-security-interview-questions.md")
    count = run_cases(mutations.truncations(data, step=50))
    count += run_cases(mutations.byte_flips(data, 20, seed=3))
    count += run_cases(mutations.line_edits(data, 20, seed=5))
    assert count > 70


CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))
from tests.hardening.mutations import hostile
from tests.hardening.test_fuzz_parse import exercise
name = sys.argv[1]
exercise(name, dict(hostile())[name])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.parametrize("name", [name for name, _ in mutations.hostile()])
def test_hostile_inputs_are_bounded_in_time_and_memory(name: str):
    """Each case in a child process capped at 2 GiB of address space and 120 s."""
    limit = 2 * 2**30
    result = subprocess.run(
        [sys.executable, "-c", CHILD.replace("CAP", str(limit)), name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    peak_mib = int(result.stdout.split()[-1]) / 1024
    assert peak_mib < 1024, f"{name}: peak RSS {peak_mib:.0f} MiB"

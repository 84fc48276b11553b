"""A process killed while qsync writes leaves the old file or the new one, never a mix.

Children are killed with SIGKILL at random moments: one rewriting a large file through
write_atomic in a loop, one running ``qsync lint --fix``. A killed process cannot clean up,
so it may leave its temporary file (``.NAME.RANDOM.qsync-tmp`` beside the target); qsync
leaves such leftovers alone (removing another run's temporary file could race with it) and
never takes one for a page: it is hidden and not ``*.md``.
"""

from __future__ import annotations

import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from qsync.lint.engine import LintOptions, run_lint
from tests.conftest import ROOT
from tests.lint.helpers import plain_config

SIZE = 8 * 2**20
OLD = b"old line\n" * (SIZE // 9)
NEW = b"a new line\n" * (SIZE // 11)
LEFTOVER = re.compile(r"^\.page\.md\.[^/]+\.qsync-tmp$")

WRITER = """
import sys
from pathlib import Path
from qsync.fileio import write_atomic
target = Path(sys.argv[1])
old, new = target.read_bytes(), Path(sys.argv[2]).read_bytes()
print("ready", flush=True)
while True:
    write_atomic(target, new)
    write_atomic(target, old)
"""


def kill_after(process: subprocess.Popen[bytes], seconds: float) -> None:
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)
    process.wait()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".qsync-tmp"))


def test_write_atomic_killed_at_random_leaves_old_or_new(tmp_path: Path):
    target = tmp_path / "page.md"
    target.write_bytes(OLD)
    (tmp_path / "new.bin").write_bytes(NEW)
    rng = random.Random(20261129)
    seen = {"old": 0, "new": 0}
    for _ in range(25):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(tmp_path / "new.bin")],
            cwd=ROOT,
            stdout=subprocess.PIPE,
        )
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        kill_after(child, rng.uniform(0.0, 0.15))
        data = target.read_bytes()
        assert data in (OLD, NEW), f"a kill left {len(data)} bytes that are neither file"
        seen["old" if data == OLD else "new"] += 1
        target.write_bytes(OLD)
    left = leftovers(tmp_path)
    # The kills landed mid-write (a temporary file was left) and both outcomes happened.
    assert left, "no kill landed during a write: the test proved nothing"
    assert all(LEFTOVER.match(name) for name in left), left
    assert seen["old"] and seen["new"], seen


def test_leftover_temporary_files_are_never_linted_as_pages(tmp_path: Path):
    (tmp_path / "page.md").write_text("# Page\n\n## Section\n\nText.\n", encoding="utf-8")
    (tmp_path / ".page.md.x1y2z3.qsync-tmp").write_bytes(b"# Half a pa")
    result = run_lint(plain_config(tmp_path), LintOptions(paths=(tmp_path,)))
    assert [Path(f).name for f in result.files] == ["page.md"]


def numbered_page(questions: int) -> str:
    """An upstream page whose numbering skips every other number: QS109 renumbers it all."""
    body = "".join(
        f"\n**{2 * n + 1}. How does step {n} work?**\n\n" + "It works as follows. " * 40 + "\n"
        for n in range(questions)
    )
    return f"# Numbered Interview Questions\n\n---\n\n## Steps\n{body}"


def test_lint_fix_killed_at_random_leaves_old_or_fixed_page(tmp_path: Path):
    page = tmp_path / "page.md"
    old = numbered_page(800).encode()
    page.write_bytes(old)
    command = [sys.executable, "-m", "qsync", "lint", "--fix", "--select", "QS109", str(page)]
    started = time.perf_counter()
    subprocess.run(command, cwd=tmp_path, capture_output=True, check=False)
    full_run = time.perf_counter() - started
    fixed = page.read_bytes()
    assert fixed != old and b"**2. How does step 1 work?**" in fixed
    rng = random.Random(7)
    outcomes = {"old": 0, "fixed": 0}
    for _ in range(10):
        page.write_bytes(old)
        child = subprocess.Popen(
            command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        # Most kills in the second half of the run, where the fix is written.
        kill_after(child, rng.uniform(0.4, 1.1) * full_run)
        data = page.read_bytes()
        assert data in (old, fixed), f"a kill left {len(data)} bytes that are neither page"
        outcomes["old" if data == old else "fixed"] += 1
    assert all(LEFTOVER.match(name) for name in leftovers(tmp_path))
    assert sum(outcomes.values()) == 10

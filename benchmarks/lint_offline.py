"""Offline lint of the whole corpus: qsync against markdownlint-cli2 on the same files.

    .venv/bin/python benchmarks/lint_offline.py [--copies 10] [--repeat 3] [--skip-npm]

The corpus is the site tree (../shared/corpus/site/docs) plus the upstream repository's
Markdown files at HEAD (cloned from ../shared/corpus/upstream.bundle): 163 files, 1.4 MB.
Each tool lints one copy and then COPIES copies of it, as a fresh process (start-up
included, as in CI); the best of REPEAT runs is shown. qsync runs every offline rule with
MkDocs link resolution over the site pages; markdownlint-cli2 runs its default rules.
markdownlint-cli2 is installed with npm into benchmarks/node_modules (git-ignored) on first
use, and skipped with a message when npm or the registry is unavailable.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
NPM_DIR = ROOT / "benchmarks"
MARKDOWNLINT = NPM_DIR / "node_modules" / ".bin" / "markdownlint-cli2"
QSYNC = Path(sys.executable).parent / "qsync"


def build_tree(target: Path, copies: int) -> tuple[int, int]:
    """``copies`` copies of the corpus under target/docs/copy-N and target/upstream/copy-N."""
    upstream = target / "_clone"
    subprocess.run(
        ["git", "clone", "--quiet", str(CORPUS / "upstream.bundle"), str(upstream)], check=True
    )
    for k in range(copies):
        shutil.copytree(CORPUS / "site" / "docs", target / "docs" / f"copy-{k}")
        dest = target / "upstream" / f"copy-{k}"
        dest.mkdir(parents=True)
        for md in upstream.glob("*.md"):
            shutil.copy(md, dest / md.name)
    shutil.rmtree(upstream)
    (target / "qsync.toml").write_text(
        '[site]\ndocs_dir = "docs"\nbase_url = "https://cybercloud.guru/"\n', encoding="utf-8"
    )
    files = [p for p in target.rglob("*.md")]
    return len(files), sum(p.stat().st_size for p in files)


def best_time(command: list[str], cwd: Path, repeat: int) -> tuple[float, float]:
    """Best wall-clock seconds and best CPU seconds (user + system, all processes)."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def ensure_markdownlint() -> bool:
    if MARKDOWNLINT.exists():
        return True
    if shutil.which("npm") is None:
        print("markdownlint-cli2: skipped (npm is not installed)")
        return False
    done = subprocess.run(
        [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(NPM_DIR),
            "markdownlint-cli2",
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not MARKDOWNLINT.exists():
        print(f"markdownlint-cli2: skipped (npm install failed: {done.stderr.strip()[-200:]})")
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-npm", action="store_true", help="time qsync only")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"needs the corpus at {CORPUS}")
        return 2
    with_markdownlint = not args.skip_npm and ensure_markdownlint()
    qsync = [str(QSYNC), "lint", "docs", "upstream"]
    markdownlint = [str(MARKDOWNLINT), "**/*.md"]
    print(
        f"cores: {len(os.sched_getaffinity(0))}, load average {os.getloadavg()[0]:.1f}; "
        f"best of {args.repeat} runs, start-up included; wall-clock (CPU) seconds"
    )
    print(f"{'corpus':<31} {'qsync':>14} {'markdownlint-cli2':>18} {'speed-up':>14}")
    with tempfile.TemporaryDirectory(prefix="qsync-bench-") as tmp:
        for copies in (1, args.copies):
            tree = Path(tmp) / f"x{copies}"
            files, size = build_tree(tree, copies)
            wall, cpu = best_time(qsync, tree, args.repeat)
            label = (
                f"{copies} cop{'y' if copies == 1 else 'ies'}: {files} files, {size / 1e6:.1f} MB"
            )
            ours = f"{wall:.2f} ({cpu:.2f})"
            if with_markdownlint:
                their_wall, their_cpu = best_time(markdownlint, tree, args.repeat)
                theirs = f"{their_wall:.2f} ({their_cpu:.2f})"
                ratio = f"{their_wall / wall:.1f}x ({their_cpu / cpu:.1f}x)"
                print(f"{label:<31} {ours:>14} {theirs:>18} {ratio:>14}")
            else:
                print(f"{label:<31} {ours:>14} {'-':>18} {'-':>14}")
    print(f"reproduce: .venv/bin/python benchmarks/lint_offline.py --copies {args.copies}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

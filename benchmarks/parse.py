"""Parse throughput against bare mistune, and cold start-up of the CLI.

Run: .venv/bin/python benchmarks/parse.py [--mb 4]

Needs ../shared/corpus (the site tree and the upstream bundle).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PAGE = ROOT / "content" / "interview-questions" / "ai-security-interview-questions.md"


def corpus_texts() -> list[str]:
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((CORPUS / "site" / "docs").rglob("*.md"))
    ]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["git", "clone", "-q", str(CORPUS / "upstream.bundle"), tmp], check=True)
        texts += [p.read_text(encoding="utf-8") for p in sorted(Path(tmp).glob("*.md"))]
    return texts


def best_of(runs: int, fn: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def cold(cmd: list[str], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=4.0, help="corpus repeated to this many MB")
    args = parser.parse_args()

    import mistune

    from qsync.dialects import parse_text
    from qsync.dialects.site import parse_site  # noqa: F401  (imported before timing)

    texts = corpus_texts()
    size = sum(len(t.encode()) for t in texts)
    copies = max(1, int(args.mb * 1e6 // size) + 1)
    workload = texts * copies
    total = size * copies / 1e6
    bare = mistune.create_markdown(renderer=None, plugins=["table", "strikethrough", "url"])

    t_bare = best_of(3, lambda: [bare(t) for t in workload])
    t_qsync = best_of(3, lambda: [parse_text(t) for t in workload])

    bindir = Path(sys.executable).parent
    qsync = str(bindir / "qsync")
    python = sys.executable
    env_note = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    t_pass = cold([python, "-c", "pass"])
    t_version = cold([qsync, "--version"])
    t_parse = cold([qsync, "parse", str(PAGE)])

    rows = [
        ("corpus", f"{len(texts)} files × {copies} = {total:.1f} MB", ""),
        ("bare mistune (AST, same plugins)", f"{total / t_bare:.2f} MB/s", f"{t_bare:.2f} s"),
        ("qsync parse to model", f"{total / t_qsync:.2f} MB/s", f"{t_qsync:.2f} s"),
        ("qsync cost over mistune", f"{(t_qsync / t_bare - 1) * 100:+.0f} %", ""),
        ("cold `python -c pass`", f"{t_pass * 1000:.0f} ms", "median of 15"),
        ("cold `qsync --version`", f"{t_version * 1000:.0f} ms", "median of 15"),
        ("cold `qsync parse` content page", f"{t_parse * 1000:.0f} ms", "median of 15"),
    ]
    print(f"# parse benchmark ({env_note})\n")
    print("| measure | value | note |\n|---|---|---|")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")
    print("\nreproduce: .venv/bin/python benchmarks/parse.py --mb", args.mb)


if __name__ == "__main__":
    main()

"""Every benchmark in one run: one table, written to BENCHMARKS.md with the machine it ran on.

    .venv/bin/python benchmarks/run.py [--quick] [--only NAME …] [--no-write]

Measures, on the same machine in the same run: parse throughput over the corpus repeated to
≥ 20 MB; offline lint of the corpus against markdownlint-cli2 and pymarkdownlnt; online link
checking of 1,000 links over 20 hosts (127.0.0.1, 50 ms latency) against linkinator and
markdown-link-check and the floor the per-host limit sets; a diff of 2,000 × 2,000 questions;
cold start; GitHub requests per diff and per sync (the fake GitHub of tests/fakegithub); peak
memory of ``qsync lint`` over synthetic sites of 1k, 5k and 10k pages. Each row names the
command that reproduces it. The measurements come from the other scripts of benchmarks/
(imported, not copied); a measurement that fails becomes a row saying why, and the rest go on.
--quick makes every workload smaller (for trying the script, not for figures).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
BIN = Path(sys.executable).parent
QSYNC = str(BIN / "qsync")
PYMARKDOWN = str(BIN / "pymarkdown")
CONTENT = "content/interview-questions/ai-security-interview-questions.md"


@dataclass(frozen=True)
class Row:
    measure: str
    qsync: str
    peer: str = ""
    note: str = ""  # the ratio, or what the figure means
    command: str = ""


def faster(ours: float, theirs: float, what: str = "") -> str:
    """'qsync 2.9× faster' or 'qsync 1.3× slower' (``what``: wall, CPU)."""
    tail = f" {what}" if what else ""
    if abs(ours - theirs) <= 0.05 * theirs:
        return f"even (within 5 %){tail}"
    if ours <= theirs:
        return f"qsync {theirs / ours:.1f}× faster{tail}"
    return f"qsync {ours / theirs:.1f}× slower{tail}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


# -- parse and cold start ---------------------------------------------------------------------


def bench_parse(quick: bool) -> list[Row]:
    import mistune

    from benchmarks.parse import best_of, corpus_texts
    from qsync.dialects import parse_text

    target_mb = 2 if quick else 20
    texts = corpus_texts()
    size = sum(len(t.encode()) for t in texts)
    copies = math.ceil(target_mb * 1e6 / size)
    workload = texts * copies
    mb = size * copies / 1e6
    bare = mistune.create_markdown(renderer=None, plugins=["table", "strikethrough", "url"])
    t_qsync = best_of(2, lambda: [parse_text(t) for t in workload])
    t_bare = best_of(2, lambda: [bare(t) for t in workload])
    return [
        Row(
            f"parse throughput, corpus ({len(texts)} files) × {copies} = {mb:.1f} MB",
            f"{mb / t_qsync:.2f} MB/s",
            f"{mb / t_bare:.2f} MB/s bare mistune AST",
            f"{t_qsync / t_bare:.2f}× mistune's time (qsync parses with mistune, then adds "
            "positions and the model)",
            f".venv/bin/python benchmarks/parse.py --mb {target_mb}",
        )
    ]


def cold(command: list[str], runs: int) -> float:
    """Median wall-clock seconds of a fresh process (exit 1, findings, counts as success)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(command)} exited {done.returncode}")
    return statistics.median(times)


def bench_cold(quick: bool) -> list[Row]:
    runs = 5 if quick else 15
    base = cold([sys.executable, "-c", "pass"], runs)
    version = cold([QSYNC, "--version"], runs)
    with tempfile.TemporaryDirectory() as tmp:
        # One page, in a folder of its own so no qsync.toml of the project applies.
        page = Path(tmp) / "page.md"
        shutil.copy(ROOT / CONTENT, page)
        lint = cold([QSYNC, "lint", str(page)], runs)
    note = f"median of {runs}; `python3 -c pass` {ms(base)}"
    return [
        Row(
            "cold start: `qsync --version`",
            ms(version),
            f"{ms(base)} `python3 -c pass`",
            f"+{ms(version - base)} over bare Python; {note}",
            ".venv/bin/python benchmarks/parse.py",
        ),
        Row(
            "cold start: `qsync lint` of one page (the content page)",
            ms(lint),
            f"{ms(base)} `python3 -c pass`",
            f"+{ms(lint - base)} over bare Python; {note}",
            f"qsync lint {CONTENT}",
        ),
    ]


# -- offline lint against markdownlint-cli2 and pymarkdownlnt ------------------------------


def bench_lint(quick: bool) -> list[Row]:
    from benchmarks.lint_offline import MARKDOWNLINT, best_time, build_tree, ensure_markdownlint

    repeat = 1 if quick else 3
    copies = 2 if quick else 10
    rows = []
    with_markdownlint = ensure_markdownlint()
    with tempfile.TemporaryDirectory(prefix="qsync-bench-") as tmp:
        for n in (1, copies):
            tree = Path(tmp) / f"x{n}"
            files, size = build_tree(tree, n)
            label = f"{files} files, {size / 1e6:.1f} MB"
            wall, cpu = best_time([QSYNC, "lint", "docs", "upstream"], tree, repeat)
            ours = f"{wall:.2f} s ({cpu:.2f} s CPU)"
            command = f".venv/bin/python benchmarks/lint_offline.py --copies {copies}"
            if with_markdownlint:
                their_wall, their_cpu = best_time([str(MARKDOWNLINT), "**/*.md"], tree, repeat)
                rows.append(
                    Row(
                        f"offline lint, corpus × {n} ({label}) vs markdownlint-cli2",
                        ours,
                        f"{their_wall:.2f} s ({their_cpu:.2f} s CPU)",
                        f"{faster(wall, their_wall, 'wall')}, {faster(cpu, their_cpu, 'CPU')}",
                        command,
                    )
                )
            else:
                rows.append(Row(f"offline lint vs markdownlint-cli2 ({label})", ours, "skipped"))
            if n == 1:  # pymarkdownlnt takes about 40 s a copy: one copy, one run
                their_wall, their_cpu = best_time(
                    [PYMARKDOWN, "scan", "-r", "docs", "upstream"], tree, 1
                )
                rows.append(
                    Row(
                        f"offline lint, corpus × 1 ({label}) vs pymarkdownlnt",
                        ours,
                        f"{their_wall:.2f} s ({their_cpu:.2f} s CPU)",
                        f"{faster(wall, their_wall, 'wall')}, {faster(cpu, their_cpu, 'CPU')}",
                        "pymarkdown scan -r docs upstream  (in the tree lint_offline.py builds)",
                    )
                )
    return rows


# -- online links -----------------------------------------------------------------------------


def bench_online(quick: bool) -> list[Row]:
    from benchmarks import online_links

    args = argparse.Namespace(
        links=200 if quick else 1000,
        hosts=20,
        dead=20 if quick else 100,
        delay=0.05,
        per_host=10,
        repeat=1 if quick else 3,
        skip_npm=False,
    )
    servers = online_links.start_servers(args.hosts, args.delay)
    try:
        measured = online_links.measure(servers, args)
    finally:
        servers.process.terminate()
        servers.process.wait()
    floor = math.ceil(math.ceil(args.links / args.hosts) / args.per_host) * args.delay
    ours = next((r for r in measured if r.name == "qsync lint --online"), None)
    if ours is None or ours.seconds is None:
        ours = next(r for r in measured if r.name.startswith("qsync") and r.seconds)
    mine = ours.seconds or 0.0
    command = (
        f".venv/bin/python benchmarks/online_links.py --links {args.links} --hosts {args.hosts}"
    )
    label = f"{args.links} links over {args.hosts} hosts, 50 ms each, {args.dead} dead"
    rows = [
        Row(
            f"online links: {label}, vs the floor",
            f"{ours.seconds:.2f} s ({ours.name})",
            f"{floor:.2f} s floor at {args.per_host} per host",
            f"{ours.seconds / floor:.2f}× the floor; {ours.dead} dead found, at most "
            f"{ours.max_per_host} in flight per host",
            command,
        )
    ]
    for peer in measured:
        if peer.name.startswith("qsync"):
            if peer is not ours and peer.seconds is not None:
                rows.append(
                    Row(
                        f"online links: {peer.name} ({peer.note})",
                        f"{peer.seconds:.2f} s",
                        f"{floor:.2f} s floor",
                        f"{peer.seconds / floor:.2f}× the floor",
                        command,
                    )
                )
            continue
        if peer.seconds is None:
            rows.append(Row(f"online links vs {peer.name}", f"{ours.seconds:.2f} s", peer.note))
            continue
        rows.append(
            Row(
                f"online links vs {peer.name} ({peer.note})",
                f"{ours.seconds:.2f} s",
                f"{peer.seconds:.2f} s, {peer.dead} dead, ≤ {peer.max_per_host} per host",
                faster(mine, peer.seconds),
                command,
            )
        )
    return rows


# -- diff and GitHub requests -----------------------------------------------------------------


def bench_diff(quick: bool) -> list[Row]:
    from benchmarks.diff_2000 import SOURCE, synthetic
    from qsync.diff import diff_page
    from qsync.results.diff import Thresholds

    n = 500 if quick else 2000
    site, upstream, _, _ = synthetic(n, 7)
    diff_page(site, upstream, "x", SOURCE, Thresholds())  # warm-up
    times = []
    for _ in range(3):
        started = time.perf_counter()
        diff_page(site, upstream, "x", SOURCE, Thresholds())
        times.append(time.perf_counter() - started)
    return [
        Row(
            f"diff, {n} × {n} questions (matching and classification)",
            f"{min(times):.2f} s",
            "",
            "best of 3 after a warm-up; no peer does this",
            f".venv/bin/python benchmarks/diff_2000.py --questions {n}",
        )
    ]


def bench_requests(quick: bool) -> list[Row]:
    from benchmarks.diff_2000 import requests_per_diff

    rows = []
    lines = requests_per_diff()
    found = {m.group(1): m for line in lines if (m := re.search(r"(cold|warm): (\d+) requests, statuses (.*)", line))}  # fmt: skip
    for run in ("cold", "warm"):
        if run in found:
            rows.append(
                Row(
                    f"GitHub requests per `qsync diff` of one page, {run}",
                    f"{found[run].group(2)} requests",
                    "",
                    f"statuses {found[run].group(3)}",
                    ".venv/bin/python benchmarks/diff_2000.py",
                )
            )
    rows += sync_requests()
    return rows


def sync_requests() -> list[Row]:
    from benchmarks.sync_requests import BUNDLE, requests_table

    if not BUNDLE.is_file():
        return [Row("GitHub requests per `qsync sync`", "skipped: no corpus bundle")]
    out = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stdout(out):
        work = Path(tmp)
        clone = work / "upstream"
        subprocess.run(["git", "clone", "-q", str(BUNDLE), str(clone)], check=True)
        requests_table(work, clone)
    rows = []
    for line in out.getvalue().splitlines():
        m = re.match(r"\s+(.+?)\s+(\d+) requests, (\d+) writes\s+\((.*)\)", line)
        if m:
            rows.append(
                Row(
                    f"GitHub requests per `qsync sync`: {m.group(1)}",
                    f"{m.group(2)} requests",
                    "",
                    f"{m.group(3)} writes ({m.group(4)})",
                    ".venv/bin/python benchmarks/sync_requests.py",
                )
            )
    return rows or [
        Row("GitHub requests per `qsync sync`", "no figures", "", out.getvalue()[-200:])
    ]


# -- memory over a synthetic site -------------------------------------------------------------


QUESTIONS = (
    "Why rotate the keys of service {n}?",
    "How is tenant {n} isolated from its neighbours?",
    "Which logs does an auditor of system {n} read first?",
    "When should backup {n} be restored in a drill?",
    "What breaks if certificate {n} expires overnight?",
)


def synthetic_site(folder: Path, pages: int) -> None:
    """``pages`` clean site pages of five questions each, linking to a neighbour's anchor."""
    docs = folder / "docs" / "interview-questions"
    docs.mkdir(parents=True)
    (folder / "qsync.toml").write_text('[site]\ndocs_dir = "docs"\n', encoding="utf-8")
    answer = "An answer of a few words, with a list:\n\n    - one item\n    - another item\n"
    for n in range(pages):
        questions = "".join(f'\n??? question "Q: {q.format(n=n)}"\n    {answer}' for q in QUESTIONS)
        body = (
            f"# Topic {n} Interview Questions\n\n"
            f"See [the next topic](page-{(n + 1) % pages}.md#basics).\n\n## Basics\n{questions}"
        )
        (docs / f"page-{n}.md").write_text(body, encoding="utf-8")


PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_rss_mib(command: list[str], cwd: Path) -> float:
    """Peak RSS of the largest process ``command`` ran (itself or one of its workers)."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *command], cwd=cwd, capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1]) / 1024


def bench_memory(quick: bool) -> list[Row]:
    sizes = (200, 1000) if quick else (1000, 5000, 10000)
    pooled, single = [], []
    with tempfile.TemporaryDirectory(prefix="qsync-memory-") as tmp:
        for pages in sizes:
            folder = Path(tmp) / f"site-{pages}"
            synthetic_site(folder, pages)
            pooled.append(peak_rss_mib([QSYNC, "lint", "docs"], folder))
            single.append(peak_rss_mib([QSYNC, "lint", "--jobs", "1", "docs"], folder))
    label = " / ".join(f"{p // 1000}k" if p >= 1000 else str(p) for p in sizes)
    growth = single[-1] - single[0]
    return [
        Row(
            f"peak RSS of `qsync lint` over {label} synthetic pages",
            " / ".join(f"{m:.0f}" for m in pooled) + " MiB",
            "",
            "largest process (worker pool); one process (--jobs 1): "
            + " / ".join(f"{m:.0f}" for m in single)
            + f" MiB, +{growth:.0f} MiB from {sizes[0]} to {sizes[-1]} pages",
            ".venv/bin/python benchmarks/run.py --only memory",
        )
    ]


# -- the machine and the table ----------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        text = Path("/proc/cpuinfo").read_text()
        cpu = re.search(r"model name\s*:\s*(.+)", text).group(1)  # type: ignore[union-attr]
    memory = ""
    with contextlib.suppress(OSError, AttributeError):
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        memory = f"{kib / 2**20:.1f} GiB"
    packages = []
    for name in ("qsync", "mistune", "rapidfuzz", "scipy", "aiohttp", "typer", "pymarkdownlnt"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            packages.append(f"{name} {metadata.version(name)}")
    for tool, folder in (
        ("markdownlint-cli2", ROOT / "benchmarks" / "node_modules"),
        ("linkinator", Path(tempfile.gettempdir()) / "qsync-bench-npm" / "node_modules"),
        ("markdown-link-check", Path(tempfile.gettempdir()) / "qsync-bench-npm" / "node_modules"),
    ):
        with contextlib.suppress(OSError, ValueError):
            packages.append(
                f"{tool} {json.loads((folder / tool / 'package.json').read_text())['version']}"
            )
    node = shutil.which("node")
    if node:
        version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
        packages.append(f"node {version.strip()}")
    return [
        f"- date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"- CPU: {cpu}, {len(os.sched_getaffinity(0))} cores available; memory {memory}",
        f"- {platform.system()} {platform.release()}, Python {platform.python_version()}",
        f"- load average before the run: {os.getloadavg()[0]:.1f}",
        f"- versions: {', '.join(packages)}",
    ]


MEASURES: dict[str, Callable[[bool], list[Row]]] = {
    "parse": bench_parse,
    "cold": bench_cold,
    "lint": bench_lint,
    "online": bench_online,
    "diff": bench_diff,
    "requests": bench_requests,
    "memory": bench_memory,
}


def table(rows: list[Row]) -> str:
    out = ["| measure | qsync | peer | ratio / note | reproduce |", "|---|---|---|---|---|"]
    for r in rows:
        cells = [r.measure, r.qsync, r.peer, r.note, f"`{r.command}`" if r.command else ""]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small workloads, for trying it")
    parser.add_argument("--only", nargs="+", choices=sorted(MEASURES), help="these measures")
    parser.add_argument("--no-write", action="store_true", help="print, do not write BENCHMARKS.md")
    args = parser.parse_args()
    about = machine()
    rows: list[Row] = []
    started = time.perf_counter()
    for name in args.only or MEASURES:
        print(f"measuring {name} …", file=sys.stderr, flush=True)
        try:
            rows += MEASURES[name](args.quick)
        except Exception as exc:  # one failed measure must not lose the others
            traceback.print_exc()
            rows.append(Row(name, f"failed: {type(exc).__name__}: {exc}"[:160]))
    elapsed = time.perf_counter() - started
    command = ".venv/bin/python benchmarks/run.py" + (" --quick" if args.quick else "")
    if args.only:
        command += " --only " + " ".join(args.only)
    text = "\n".join(
        [
            "# qsync benchmarks",
            "",
            f"Written by `{command}` (`make bench`) in {elapsed / 60:.1f} min; every figure "
            "below was measured in that one run, on this machine:",
            "",
            *about,
            "",
            table(rows),
            "",
        ]
    )
    print(text)
    if not args.no_write and not args.quick and not args.only:
        from qsync.fileio import write_atomic

        write_atomic(ROOT / "BENCHMARKS.md", text)
        print(f"written to {ROOT / 'BENCHMARKS.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

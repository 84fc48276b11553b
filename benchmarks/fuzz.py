"""The mutation fuzzer's full matrix over the corpus: parse, render, lint (with --fix) and diff
never crash, hang or balloon.

    .venv/bin/python benchmarks/fuzz.py [--step 1] [--flips 20] [--edits 20] [--seconds 30]
        [--jobs 2] [--files N] [--no-hostile] [--json]

Every Markdown file of the corpus (the site tree and the upstream repository at HEAD) is
truncated at every STEP-th line (at the line's start and in its middle), given FLIPS sets of
random byte flips and EDITS sets of deleted and duplicated lines (tests/hardening/mutations.py).
Each case is parsed in both dialects and rendered back (byte for byte), linted as a site page
and as an upstream file with and without --fix, and diffed both ways (tests/hardening/targets.py),
under an alarm of SECONDS: past it the case counts as a hang. Anything but QsyncError is a
crash. The hostile inputs (10,000-deep lists and blockquotes, a 1,000,000-line file, NUL
bytes, overlong lines, …) run one per child process capped at 2 GiB of address space.
Needs ../shared/corpus.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import multiprocessing
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
CORPUS = ROOT.parent / "shared" / "corpus"
HOSTILE_CAP = 2 * 2**30

from tests.hardening import mutations  # noqa: E402
from tests.hardening.targets import Workbench, diff  # noqa: E402

from qsync.dialects import parse_bytes, render  # noqa: E402
from qsync.errors import QsyncError  # noqa: E402
from qsync.model import Dialect  # noqa: E402


@dataclass
class Tally:
    cases: int = 0
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    slowest: float = 0.0
    slowest_case: str = ""
    peak_rss_mib: float = 0.0

    def add(self, other: Tally) -> None:
        self.cases += other.cases
        self.crashes += other.crashes
        self.hangs += other.hangs
        if other.slowest > self.slowest:
            self.slowest, self.slowest_case = other.slowest, other.slowest_case
        self.peak_rss_mib = max(self.peak_rss_mib, other.peak_rss_mib)


class Hang(Exception):
    pass


def _expire(signum: int, frame: object) -> None:
    raise Hang


def exercise(bench: Workbench, data: bytes) -> None:
    """Parse and render in both dialects, lint with and without --fix, diff both ways."""
    dialects: tuple[Dialect, ...] = ("site", "upstream")
    for dialect in dialects:
        try:
            page = parse_bytes(data, "fuzz.md", dialect)
        except QsyncError:
            continue
        if render(page).encode("utf-8") != data:
            raise AssertionError(f"{dialect} round trip differs")
    bench.lint(data)
    diff(data)


# -- the matrix, in worker processes ----------------------------------------------------------

FILES: list[tuple[str, bytes]] = []
BENCH: list[Workbench] = []


CHUNK = 200  # truncation cases per task, so a large file's are shared between workers


def _cases(
    kind: str, data: bytes, args: argparse.Namespace, seed: int, chunk: int
) -> Iterator[tuple[str, bytes]]:
    if kind == "truncate":
        cases = mutations.truncations(data, step=args.step)
        return itertools.islice(cases, chunk * CHUNK, (chunk + 1) * CHUNK)
    if kind == "flip":
        return mutations.byte_flips(data, args.flips, seed=seed)
    return mutations.line_edits(data, args.edits, seed=seed)


def run_task(task: tuple[int, str, int, argparse.Namespace]) -> Tally:
    index, kind, chunk, args = task
    if not BENCH:
        BENCH.append(Workbench.create(Path(tempfile.mkdtemp(prefix="qsync-fuzz-"))))
    name, data = FILES[index]
    tally = Tally()
    signal.signal(signal.SIGALRM, _expire)
    for case, mutated in _cases(kind, data, args, index, chunk):
        label = f"{name} {case}"
        started = time.perf_counter()
        signal.alarm(args.seconds)
        try:
            exercise(BENCH[0], mutated)
        except Hang:
            tally.hangs.append(label)
        except Exception as exc:  # a crash: reported, and the run goes on
            tally.crashes.append(f"{label}: {type(exc).__name__}: {str(exc)[:200]}")
        finally:
            signal.alarm(0)
        elapsed = time.perf_counter() - started
        if elapsed > tally.slowest:
            tally.slowest, tally.slowest_case = elapsed, label
        tally.cases += 1
    tally.peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return tally


def corpus_files() -> list[tuple[str, bytes]]:
    files = [
        (f"site/{p.relative_to(CORPUS / 'site').as_posix()}", p.read_bytes())
        for p in sorted((CORPUS / "site").rglob("*.md"))
    ]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["git", "clone", "-q", str(CORPUS / "upstream.bundle"), tmp], check=True)
        files += [(f"upstream/{p.name}", p.read_bytes()) for p in sorted(Path(tmp).glob("*.md"))]
    return files


def run_matrix(args: argparse.Namespace) -> Tally:
    FILES[:] = corpus_files()[: args.files or None]
    # Largest files first, so no worker is left alone with a big one at the end.
    order = sorted(range(len(FILES)), key=lambda i: -len(FILES[i][1]))
    tasks = []
    for i in order:
        truncations = 2 * math.ceil(FILES[i][1].count(b"\n") / args.step) + 2
        tasks += [(i, "truncate", c, args) for c in range(math.ceil(truncations / CHUNK))]
        tasks += [(i, "flip", 0, args), (i, "edit", 0, args)]
    total = Tally()
    with multiprocessing.get_context("fork").Pool(args.jobs, maxtasksperchild=20) as pool:
        for done, tally in enumerate(pool.imap_unordered(run_task, tasks), 1):
            total.add(tally)
            if not args.json and done % 30 == 0:
                print(f"  {done}/{len(tasks)} tasks, {total.cases} cases", file=sys.stderr)
    return total


# -- hostile inputs, one child each -----------------------------------------------------------

CHILD = """
import json, resource, sys, tempfile, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))
sys.path[:0] = [sys.argv[2] + "/src", sys.argv[2]]
from benchmarks.fuzz import exercise
from tests.hardening.mutations import hostile
from tests.hardening.targets import Workbench
data = dict(hostile())[sys.argv[1]]
bench = Workbench.create(Path(tempfile.mkdtemp(prefix="qsync-fuzz-")))
started = time.perf_counter()
exercise(bench, data)
print(json.dumps({"seconds": time.perf_counter() - started,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_hostile(args: argparse.Namespace) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for name, data in mutations.hostile():
        code = CHILD.replace("CAP", str(HOSTILE_CAP))
        row: dict[str, object] = {"case": name, "bytes": len(data)}
        try:
            done = subprocess.run(
                [sys.executable, "-c", code, name, str(ROOT)],
                capture_output=True,
                text=True,
                timeout=args.seconds * 20,
            )
        except subprocess.TimeoutExpired:
            row["outcome"] = "hang"
        else:
            if done.returncode == 0:
                row |= json.loads(done.stdout.strip().splitlines()[-1]) | {"outcome": "ok"}
            else:
                row["outcome"] = "crash: " + (done.stderr.strip().splitlines() or ["?"])[-1]
        rows.append(row)
        if not args.json:
            print(f"  hostile {name}: {row['outcome']}", file=sys.stderr)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--step", type=int, default=1, help="truncate at every STEP-th line")
    parser.add_argument("--flips", type=int, default=20, help="byte-flip cases per file")
    parser.add_argument("--edits", type=int, default=20, help="line-edit cases per file")
    parser.add_argument("--seconds", type=int, default=30, help="bound on one case")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--files", type=int, default=0, help="only the first N corpus files")
    parser.add_argument("--no-hostile", action="store_true")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"needs the corpus at {CORPUS}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    tally = run_matrix(args)
    hostile = [] if args.no_hostile else run_hostile(args)
    elapsed = time.perf_counter() - started
    command = (
        f".venv/bin/python benchmarks/fuzz.py --step {args.step} --flips {args.flips} "
        f"--edits {args.edits} --seconds {args.seconds} --jobs {args.jobs}"
        + (f" --files {args.files}" if args.files else "")
        + (" --no-hostile" if args.no_hostile else "")
    )
    result = {
        "files": len(FILES),
        "bytes": sum(len(d) for _, d in FILES),
        **asdict(tally),
        "hostile": hostile,
        "seconds": elapsed,
        "command": command,
    }
    failed = tally.crashes or tally.hangs or any(r["outcome"] != "ok" for r in hostile)
    if args.json:
        print(json.dumps(result))
        return 1 if failed else 0
    print(
        f"fuzzed {result['files']} corpus files ({result['bytes'] / 1e6:.1f} MB) in {elapsed:.0f} s"
    )
    print(f"  cases        {tally.cases}")
    print(f"  crashes      {len(tally.crashes)}")
    print(f"  hangs        {len(tally.hangs)} (bound {args.seconds} s per case)")
    print(f"  slowest case {tally.slowest:.2f} s ({tally.slowest_case})")
    print(f"  peak RSS     {tally.peak_rss_mib:.0f} MiB (largest worker)")
    for line in (tally.crashes + tally.hangs)[:20]:
        print(f"    {line}")
    if hostile:
        print("hostile inputs (child capped at 2 GiB):")
        for r in hostile:
            detail = (
                f"{r['seconds']:.1f} s, {r['peak_rss_mib']:.0f} MiB" if r["outcome"] == "ok" else ""
            )
            print(f"  {r['case']:<20} {r['outcome']:<6} {detail}")
    print(f"reproduce: {command}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

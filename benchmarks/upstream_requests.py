"""API requests and time per upstream read, cold and warm, and what each failure shows the user.

    .venv/bin/python benchmarks/upstream_requests.py [--files 13] [--repeat 3]

Runs GitHubSource against the fake GitHub of tests/fakegithub (127.0.0.1, no internet),
seeded with the corpus upstream at d922c63 when ../shared/corpus is present, else with
``--files`` small pages. "cold" has no ETag cache; "warm" reuses the cache of the cold run,
so every GET is conditional and answers 304. Requests are counted by the fake, not the client.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.fakegithub import FakeGitHub, Fault, World, serve  # noqa: E402

from qsync.errors import RemoteError  # noqa: E402
from qsync.upstream.github import GitHubSource, RetryPolicy  # noqa: E402

REPO = "jassics/security-interview-questions"
POLICY = RetryPolicy(timeout=1, retries=2, backoff=0, max_wait=3, secondary_wait=0,
                     between_requests=0, between_writes=0)  # fmt: skip
TOKEN = "bench-token"


def seed(fake: FakeGitHub, files: int) -> list[str]:
    bundle = ROOT.parent / "shared" / "corpus" / "upstream.bundle"
    if bundle.is_file():
        clone = Path(tempfile.mkdtemp()) / "upstream"
        subprocess.run(["git", "clone", "--quiet", str(bundle), str(clone)], check=True)
        fake.world.seed_git(REPO, clone, "d922c63")
        names = subprocess.run(["git", "-C", str(clone), "ls-tree", "--name-only", "d922c63"],
                               check=True, capture_output=True, text=True).stdout.splitlines()  # fmt: skip
        return [n for n in names if n.endswith(".md")]
    pages = {f"page-{i}.md": f"# Page {i}\n\n**1. Q{i}?**\n\nA.\n" for i in range(files)}
    fake.world.seed_files(REPO, pages)
    return sorted(pages)


def run(fake: FakeGitHub, paths: list[str], cache: Path) -> tuple[int, float, list[int]]:
    before = len(fake.exchanges)
    started = time.perf_counter()
    source = GitHubSource(
        REPO, "main", api_url=fake.base, token=TOKEN, cache_dir=cache, policy=POLICY
    )
    for path in paths:
        source.read(path)
    elapsed = time.perf_counter() - started
    statuses = [e.status for e in fake.exchanges[before:]]
    return len(statuses), elapsed, statuses


FAILURES = {
    "unknown repository": ("jassics/nothing", "main", None),
    "unknown ref": (REPO, "no-such-branch", None),
    "bad token": (REPO, "main", "token"),
    "primary rate limit": (REPO, "main", "primary"),
    "secondary rate limit, 3 × no Retry-After": (REPO, "main", [Fault.secondary()] * 3),
    "secondary rate limit, Retry-After 600": (REPO, "main", [Fault.secondary(600)]),
    "429 without Retry-After": (REPO, "main", [Fault.too_many()]),
    "429, Retry-After 3600": (REPO, "main", [Fault.too_many(3600)]),
    "429, Retry-After 1 (waited, then read)": (REPO, "main", [Fault.too_many(1)]),
    "502 × 3": (REPO, "main", [Fault.status_code(502)] * 3),
    "timeout × 3": (REPO, "main", [Fault.slow(1.5)] * 3),
}


def failure_table(paths: list[str]) -> None:
    print("\nfailure mode | requests | what the user sees (exit 3)")
    for name, (repo, ref, setup) in FAILURES.items():
        with serve(World(token=TOKEN), validate=False) as fake:
            seed_small = {"a.md": "# A\n"}
            fake.world.seed_files(REPO, seed_small)
            if setup == "token":
                fake.world.token = "rotated"
            elif setup == "primary":
                fake.world.rate_remaining = 0
            elif setup:
                fake.inject("GET", "/repos/{owner}/{repo}/commits/{ref}", *setup)
            try:
                GitHubSource(repo, ref, api_url=fake.base, token=TOKEN, policy=POLICY).read("a.md")
                seen = "(read succeeded)"
            except RemoteError as exc:
                seen = f"qsync: {exc}".replace(fake.base, "http://127.0.0.1:PORT")
            fake.settle()
            print(f"{name} | {len(fake.exchanges)} | {seen}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=13)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with serve(World(token=TOKEN), validate=False) as fake:
        paths = seed(fake, args.files)
        best_cold = best_warm = float("inf")
        for _ in range(args.repeat):
            cache = Path(tempfile.mkdtemp())
            cold, t_cold, cold_statuses = run(fake, paths, cache)
            warm, t_warm, warm_statuses = run(fake, paths, cache)
            best_cold, best_warm = min(best_cold, t_cold), min(best_warm, t_warm)
        one_cold, _, one_statuses = run(fake, paths[:1], Path(tempfile.mkdtemp()))
    print(f"upstream reads of {len(paths)} files through the fake GitHub (best of {args.repeat})")
    print(f"one file, cold: {one_cold} requests {one_statuses}")
    print(f"{len(paths)} files, cold: {cold} requests ({cold_statuses.count(200)} × 200, "
          f"{cold_statuses.count(404)} × 404), {best_cold * 1000:.0f} ms")  # fmt: skip
    print(f"{len(paths)} files, warm: {warm} requests ({warm_statuses.count(304)} × 304), "
          f"{best_warm * 1000:.0f} ms")  # fmt: skip
    failure_table(paths)
    print(
        f"\nreproduce: .venv/bin/python benchmarks/upstream_requests.py --files {args.files} --repeat {args.repeat}"
    )


if __name__ == "__main__":
    main()

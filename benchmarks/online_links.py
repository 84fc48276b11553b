"""Online link checking: qsync against linkinator and markdown-link-check on local servers.

    .venv/bin/python benchmarks/online_links.py [--links 1000] [--hosts 20] [--dead 100]
        [--delay 0.05] [--per-host 10] [--repeat 3] [--skip-npm]

Starts HOSTS servers on 127.0.0.1 (in a child process, so that they do not share a CPU lock
with an in-process checker), each answering every request after DELAY seconds, DEAD of the
LINKS URLs with 404. Each server counts the requests it has in flight; the table shows the
most any one host saw at once, which for a polite checker never exceeds its per-host limit.
The floor is what the per-host limit allows at best: ceil(links per host / limit) · delay.
linkinator and markdown-link-check are installed with npm into a temporary folder on first
use, and skipped with a message when npm or the registry is unavailable.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NPM_DIR = Path(tempfile.gettempdir()) / "qsync-bench-npm"
NPM_PACKAGES = ("linkinator@7", "markdown-link-check@3")


# --- the servers (child process) -------------------------------------------------------------


def serve(hosts: int, delay: float) -> None:
    """Run the servers until killed; print their ports as one JSON line first."""
    from aiohttp import web

    def app() -> web.Application:
        stats = {"in_flight": 0, "max_in_flight": 0, "requests": 0}

        @web.middleware
        async def count(request: web.Request, handler: Callable[..., Any]) -> web.StreamResponse:
            if request.path == "/__stats":
                return web.json_response(stats)
            if request.path == "/__reset":
                stats.update(in_flight=0, max_in_flight=0, requests=0)
                return web.json_response(stats)
            stats["requests"] += 1
            stats["in_flight"] += 1
            stats["max_in_flight"] = max(stats["max_in_flight"], stats["in_flight"])
            try:
                await asyncio.sleep(delay)
                return await handler(request)
            finally:
                stats["in_flight"] -= 1

        async def page(request: web.Request) -> web.Response:
            missing = request.match_info.get("kind") == "missing"
            return web.Response(status=404 if missing else 200, text="page")

        application = web.Application(middlewares=[count])
        application.router.add_route("*", "/{kind}/{n}", page)
        application.router.add_route("*", "/__stats", page)
        application.router.add_route("*", "/__reset", page)
        return application

    async def run() -> None:
        ports = []
        for _ in range(hosts):
            runner = web.AppRunner(app(), access_log=None, shutdown_timeout=0.1)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", 0, backlog=1024).start()
            ports.append(runner.addresses[0][1])
        print(json.dumps(ports), flush=True)
        await asyncio.Event().wait()

    asyncio.run(run())


@dataclass
class Servers:
    process: subprocess.Popen[str]
    ports: list[int]

    def _each(self, path: str) -> list[dict[str, int]]:
        out = []
        for port in self.ports:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as response:
                out.append(json.load(response))
        return out

    def reset(self) -> None:
        self._each("/__reset")

    def stats(self) -> tuple[int, int]:
        """(requests served, most requests any one host had in flight at once)."""
        each = self._each("/__stats")
        return sum(s["requests"] for s in each), max(s["max_in_flight"] for s in each)


def start_servers(hosts: int, delay: float) -> Servers:
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(hosts), "--delay", str(delay)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return Servers(process, json.loads(process.stdout.readline()))


# --- the checkers -----------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    seconds: float | None
    dead: int | None
    requests: int | None
    max_per_host: int | None
    note: str = ""


Run = Callable[[], int]


def urls_for(ports: list[int], links: int, dead: int) -> list[str]:
    """LINKS URLs dealt round the hosts; DEAD of them 404, spread evenly over the hosts."""
    step = max(1, links // dead) if dead else links + 1
    urls = []
    for n in range(links):
        kind = "missing" if (n // len(ports)) % step == 0 else "page"
        urls.append(f"http://127.0.0.1:{ports[n % len(ports)]}/{kind}/{n}")
    return urls


def write_page(folder: Path, urls: list[str]) -> Path:
    """A site-dialect page whose answers hold every URL, ten to a question."""
    lines = ["# Benchmark Interview Questions", "", "Links to check.", "", "## Links", ""]
    for start in range(0, len(urls), 10):
        lines.append(f'??? question "Q: What is behind links {start} to {start + 9}?"')
        lines.append("")
        for n, url in enumerate(urls[start : start + 10], start):
            lines.append(f"    - [link {n}]({url})")
        lines.append("")
    page = folder / "docs" / "benchmark-interview-questions.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("\n".join(lines), encoding="utf-8")
    return page


def write_plain_page(folder: Path, urls: list[str]) -> Path:
    """The same URLs as a plain Markdown list: the npm tools do not know MkDocs admonitions
    and would read the indented answers as code."""
    page = folder / "plain.md"
    body = "".join(f"- [link {n}]({url})\n" for n, url in enumerate(urls))
    page.write_text(f"# Links\n\n{body}", encoding="utf-8")
    return page


def timed(servers: Servers, name: str, run: Run, note: str = "", repeat: int = 1) -> Row:
    """The median of ``repeat`` runs, with that run's dead links and server-side counts."""
    rows = []
    for _ in range(repeat):
        servers.reset()
        started = time.perf_counter()
        dead = run()
        seconds = time.perf_counter() - started
        requests, most = servers.stats()
        rows.append(Row(name, seconds, dead, requests, most, note))
    rows.sort(key=lambda row: row.seconds or 0.0)
    return rows[len(rows) // 2]


def qsync_in_process(urls: list[str], concurrency: int, per_host: int) -> Run:
    def run() -> int:
        from qsync.lint.online import OnlineOptions, check_urls

        options = OnlineOptions(
            allow_hosts=("127.0.0.1",), concurrency=concurrency, per_host=per_host
        )
        results = check_urls(urls, options)
        return sum(r.outcome == "broken" for r in results.values())

    return run


def qsync_new_process(folder: Path, urls: list[str], concurrency: int, per_host: int) -> Run:
    """check_urls in a fresh interpreter: Python start-up and imports included."""
    listing = folder / "urls.txt"
    listing.write_text("\n".join(urls), encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; "
        "from qsync.lint.online import OnlineOptions, check_urls; "
        "urls = Path(sys.argv[1]).read_text().split(); "
        f"o = OnlineOptions(allow_hosts=('127.0.0.1',), concurrency={concurrency}, "
        f"per_host={per_host}); "
        "print(sum(r.outcome == 'broken' for r in check_urls(urls, o).values()))"
    )

    def run() -> int:
        done = subprocess.run(
            [sys.executable, "-c", code, str(listing)], capture_output=True, text=True, check=True
        )
        return int(done.stdout)

    return run


def qsync_cli(folder: Path, concurrency: int, per_host: int) -> Run:
    (folder / "qsync.toml").write_text(
        '[site]\ndocs_dir = "docs"\n\n[lint.online]\nallow_hosts = ["127.0.0.1"]\n'
        f"concurrency = {concurrency}\nper_host = {per_host}\ncache_ttl = 0\n"
    )
    qsync = shutil.which("qsync", path=str(ROOT / ".venv" / "bin")) or "qsync"

    def run() -> int:
        done = subprocess.run(
            [qsync, "lint", "--online", "--format", "json", "docs"],
            cwd=folder,
            capture_output=True,
            text=True,
        )
        if done.returncode not in (0, 1):
            raise RuntimeError(f"qsync lint --online failed ({done.returncode}): {done.stderr}")
        findings = json.loads(done.stdout)["findings"]
        return sum(f["code"] == "QS210" for f in findings)

    return run


def npm_tools() -> Path | None:
    """linkinator and markdown-link-check, installed once into a temporary folder."""
    bin_dir = NPM_DIR / "node_modules" / ".bin"
    if (bin_dir / "linkinator").exists() and (bin_dir / "markdown-link-check").exists():
        return bin_dir
    if shutil.which("npm") is None:
        return None
    NPM_DIR.mkdir(exist_ok=True)
    done = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--silent", *NPM_PACKAGES],
        cwd=NPM_DIR,
        capture_output=True,
        text=True,
    )
    return bin_dir if done.returncode == 0 else None


def linkinator(bin_dir: Path, page: Path, concurrency: int = 100) -> Run:
    def run() -> int:
        done = subprocess.run(
            [
                str(bin_dir / "linkinator"),
                str(page),
                "--markdown",
                "--format",
                "json",
                "--concurrency",
                str(concurrency),
            ],
            capture_output=True,
            text=True,
        )
        report = json.loads(done.stdout)
        return sum(link["state"] == "BROKEN" for link in report["links"])

    return run


def markdown_link_check(bin_dir: Path, page: Path) -> Run:
    def run() -> int:
        done = subprocess.run(
            [str(bin_dir / "markdown-link-check"), "-q", str(page)],
            capture_output=True,
            text=True,
        )
        return len(re.findall(r"\[✖\]", done.stdout + done.stderr))

    return run


# --- the table --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--links", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--dead", type=int, default=100)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--per-host", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each fast checker (median)")
    parser.add_argument("--skip-npm", action="store_true", help="leave out the npm tools")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.delay)
        return

    servers = start_servers(args.hosts, args.delay)
    try:
        rows = measure(servers, args)
    finally:
        servers.process.terminate()
        servers.process.wait()
    print_table(rows, args)


def measure(servers: Servers, args: argparse.Namespace) -> list[Row]:
    urls = urls_for(servers.ports, args.links, args.dead)
    wide = args.hosts * args.per_host  # enough for every host to reach its limit at once
    repeat = args.repeat
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_page(folder, urls)
        plain = write_plain_page(folder, urls)
        rows.append(
            timed(
                servers,
                "qsync check_urls, in-process",
                qsync_in_process(urls, wide, args.per_host),
                f"concurrency {wide}",
                repeat,
            )
        )
        rows.append(
            timed(
                servers,
                "qsync check_urls, in-process",
                qsync_in_process(urls, 100, args.per_host),
                "concurrency 100 (the default)",
                repeat,
            )
        )
        rows.append(
            timed(
                servers,
                "qsync check_urls, new process",
                qsync_new_process(folder, urls, wide, args.per_host),
                f"concurrency {wide}; Python start-up included",
                repeat,
            )
        )
        if (ROOT / "src" / "qsync" / "cli" / "lint.py").exists():
            rows.append(
                timed(
                    servers,
                    "qsync lint --online",
                    qsync_cli(folder, wide, args.per_host),
                    f"concurrency {wide}; start-up and lint included",
                    repeat,
                )
            )
        else:
            rows.append(
                Row("qsync lint --online", None, None, None, None, "skipped: no lint command")
            )
        bin_dir = None if args.skip_npm else npm_tools()
        if bin_dir is None:
            why = "--skip-npm" if args.skip_npm else "npm install failed (no npm or no registry)"
            rows.append(Row("linkinator", None, None, None, None, f"skipped: {why}"))
            rows.append(Row("markdown-link-check", None, None, None, None, f"skipped: {why}"))
        else:
            rows.append(
                timed(
                    servers,
                    "linkinator",
                    linkinator(bin_dir, plain),
                    "concurrency 100 (its default)",
                    repeat,
                )
            )
            rows.append(
                timed(
                    servers,
                    "linkinator",
                    linkinator(bin_dir, plain, args.links),
                    f"concurrency {args.links}: every link at once",
                    repeat,
                )
            )
            rows.append(
                timed(
                    servers, "markdown-link-check", markdown_link_check(bin_dir, plain), "one run"
                )
            )
    return rows


def print_table(rows: list[Row], args: argparse.Namespace) -> None:
    per_host_links = math.ceil(args.links / args.hosts)
    floor = math.ceil(per_host_links / args.per_host) * args.delay

    def cell(value: float | int | None, width: int, spec: str) -> str:
        return f"{'-':>{width}}" if value is None else f"{value:{width}{spec}}"

    print(
        f"{args.links} links over {args.hosts} hosts on 127.0.0.1, each answering after "
        f"{args.delay * 1000:.0f} ms; {args.dead} answer 404. Median of {args.repeat} runs."
    )
    print(f"floor at {args.per_host} requests in flight per host: {floor:.2f} s\n")
    print(f"{'checker':<32} {'wall s':>7} {'dead':>5} {'requests':>8} {'max/host':>8}  note")
    for row in rows:
        cells = " ".join(
            (
                cell(row.seconds, 7, ".2f"),
                cell(row.dead, 5, "d"),
                cell(row.requests, 8, "d"),
                cell(row.max_per_host, 8, "d"),
            )
        )
        print(f"{row.name:<32} {cells}  {row.note}")
    command = " ".join(["python", "benchmarks/online_links.py", *sys.argv[1:]])
    print(f"\nreproduce: .venv/bin/{command}")


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    main()

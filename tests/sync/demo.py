"""The main job, offline: lint the content page, diff it, sync it against a fake GitHub.

    .venv/bin/python -m tests.sync.demo

The fake GitHub (tests/fakegithub) is seeded with the upstream file as it was when the page
was written: a one-line stub holding only its title. The first sync forks, branches, commits
and opens the pull request; the second finds nothing new and writes nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = "jassics/security-interview-questions"
PAGE = "ai-security-interview-questions.md"
STUB = "# AI Security Interview Questions\n"
TOKEN = "demo-token-not-a-secret"


def main() -> int:
    from qsync.cli import main as qsync
    from tests.fakegithub import serve
    from tests.fakegithub.state import World

    with serve(World(token=TOKEN), validate=False) as fake, tempfile.TemporaryDirectory() as tmp:
        fake.world.seed_files(
            UPSTREAM, {PAGE: STUB, "README.md": "# Security Interview Questions\n"}
        )
        # The project's own configuration, pointed at the fake instead of api.github.com.
        config = (ROOT / "qsync.toml").read_text(encoding="utf-8")
        config = config.replace('ref = "main"', f'ref = "main"\napi_url = "{fake.base}"', 1)
        Path(tmp, "qsync.toml").write_text(config, encoding="utf-8")
        Path(tmp, "content").symlink_to(ROOT / "content", target_is_directory=True)
        os.environ["GITHUB_TOKEN"] = TOKEN
        with _inside(Path(tmp)):
            steps = [
                (
                    "qsync parse content/interview-questions/" + PAGE + " -o page.json",
                    ["parse", f"content/interview-questions/{PAGE}", "-o", "page.json"],
                ),
                ("qsync validate page.json", ["validate", "page.json"]),
                ("qsync lint", ["lint"]),
                ("qsync diff", ["diff"]),
                ("qsync sync (first run)", ["sync"]),
                ("qsync sync (second run: nothing new)", ["sync"]),
            ]
            for title, argv in steps:
                print(f"\n$ {title}", flush=True)
                code = qsync(argv)
                print(f"(exit {code})", flush=True)
        upstream = fake.world.find(*UPSTREAM.split("/"))
        assert upstream is not None
        for pull in upstream.pulls:
            print(f"\n--- pull request #{pull.number} ({pull.state}): {pull.title}")
            print(
                f"head {pull.head_repo}:{pull.head_ref} → base {pull.base_ref}, labels {pull.labels}\n"
            )
            print(pull.body)
        fork = fake.world.find("qsync-bot", UPSTREAM.split("/")[1])
        if fork is not None and upstream.pulls:
            print(f"--- the pull request's diff of {PAGE} (first 60 lines)")
            store = fake.world.store
            head = fork.branch(upstream.pulls[0].head_ref) or ""
            entry = store.lookup(store.read_commit(head).tree, PAGE)
            new = store.data(entry.sha).decode() if entry else ""
            import difflib

            diff = difflib.unified_diff(
                STUB.splitlines(True), new.splitlines(True), f"a/{PAGE}", f"b/{PAGE}"
            )
            sys.stdout.writelines(list(diff)[:60])
    return 0


@contextlib.contextmanager
def _inside(folder: Path):  # type: ignore[no-untyped-def]
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


if __name__ == "__main__":
    raise SystemExit(main())

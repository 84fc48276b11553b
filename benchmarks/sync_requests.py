"""Requests per ``qsync sync``, and how small its edit of the upstream file is.

    .venv/bin/python benchmarks/sync_requests.py

1. Against the fake GitHub (tests/fakegithub) seeded with upstream as it was when the site
   page was written (the bundle's 6fa8ab4: a one-line stub), the project's content page is
   synced three times: the first PR, a rerun with nothing new, and an update after a site
   change. Requests are counted by the fake (every exchange, reads included).
2. The plan for the content page against the bundle's d922c63 (30 questions, 30 scenarios):
   old lines the edit changed, by reason; "other" must be 0.
Needs ../shared/corpus and the test extras (werkzeug, openapi-core).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
BUNDLE = ROOT.parent / "shared" / "corpus" / "upstream.bundle"
CONTENT = ROOT / "content" / "interview-questions" / "ai-security-interview-questions.md"
UPSTREAM = "jassics/security-interview-questions"
PATH = "ai-security-interview-questions.md"


def main() -> int:
    if not BUNDLE.is_file():
        print(f"needs the corpus at {BUNDLE}")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        clone = work / "upstream"
        subprocess.run(["git", "clone", "-q", str(BUNDLE), str(clone)], check=True)
        print("requests per sync (fake GitHub, upstream at 6fa8ab4, the content page):")
        requests_table(work, clone)
        edit_size(clone)
    print("\nreproduce: .venv/bin/python benchmarks/sync_requests.py")
    return 0


def requests_table(work: Path, clone: Path) -> None:
    import os

    from tests.fakegithub import serve
    from tests.fakegithub.state import World

    from qsync.config import load_config
    from qsync.dialects import parse_file
    from qsync.sync.pages import page_jobs, plan_page
    from qsync.sync.run import publish_page
    from qsync.upstream.github import GitHubSource, RetryPolicy
    from qsync.upstream.github.publish import GitHubWriter

    fast = RetryPolicy(between_requests=0.0, between_writes=0.0)
    site = work / "site"
    docs = site / "docs" / "interview-questions"
    docs.mkdir(parents=True)
    shutil.copy(CONTENT, docs / PATH)
    with serve(World(token="bench-token"), validate=False) as fake:
        fake.world.seed_git(UPSTREAM, clone, "6fa8ab4")
        (site / "qsync.toml").write_text(
            '[site]\ndocs_dir = "docs"\nbase_url = "https://cybercloud.guru/"\n'
            'repo = "jassics/CybercloudLearning"\n\n'
            f'[upstream]\nrepo = "{UPSTREAM}"\nref = "main"\napi_url = "{fake.base}"\n\n'
            f'[[pages]]\nsite = "interview-questions/{PATH}"\n\n[sync]\nlabels = ["merge-back"]\n'
        )
        os.environ["GITHUB_TOKEN"] = "bench-token"

        def sync(label: str) -> None:
            fake.clear()
            config = load_config(site / "qsync.toml")
            job = page_jobs(config, [])[0]
            page = parse_file(job.site_file, "site")
            up = config.upstream
            source = GitHubSource(up.repo, up.ref, api_url=up.api_url, policy=fast)
            plan, diff = plan_page(
                config, job, page, source.read(job.upstream_path), include_related=False
            )
            writer = GitHubWriter(up.api_url, policy=fast)
            outcome = publish_page(config, job, plan, diff, writer=writer)
            writes = sum(e.method != "GET" for e in fake.exchanges)
            print(
                f"  {label:<28} {len(fake.exchanges):>3} requests, {writes} writes  ({outcome.action})"
            )

        sync("first PR")
        sync("no-op rerun")
        text = (
            (docs / PATH)
            .read_text()
            .replace("Practical mitigations:", "Practical mitigations include:")
        )
        (docs / PATH).write_text(text)
        sync("update after a site change")


def edit_size(clone: Path) -> None:
    from qsync.dialects import parse_file, parse_text
    from qsync.sync.plan import PlanOptions, plan_merge_back
    from qsync.sync.urls import SiteUrls

    text = subprocess.run(
        ["git", "-C", str(clone), "show", f"d922c63:{PATH}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    upstream = parse_text(text, PATH, "upstream")
    site = parse_file(CONTENT, "site")
    options = PlanOptions("interview-questions/" + PATH, PATH, SiteUrls("https://cybercloud.guru/"))
    plan = plan_merge_back(site, upstream, site.questions, options=options)
    s = plan.stats
    diff_lines = [
        ln for ln in plan.diff.split("\n") if ln[:1] in "+-" and ln[:3] not in ("+++", "---")
    ]
    print("\nedit of d922c63 (all 8 site questions proposed):")
    print(f"  inserted lines                 {s.inserted_lines}")
    print(f"  renumbered question heads      {s.renumbered_heads}")
    print(f"  lines with rewritten QN refs   {s.rewritten_references}")
    print(f"  ToC lines renumbered           {s.toc_lines}")
    print(f"  other lines touched            {s.other}")
    print(
        f"  diff: {len(diff_lines)} +/- lines, {len(plan.insertions)} questions, {len(plan.diff)} bytes"
    )


if __name__ == "__main__":
    raise SystemExit(main())

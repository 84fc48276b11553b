"""A site checkout and a fake GitHub seeded with its upstream: the world a sync runs in."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from qsync.config import Config, load_config
from qsync.dialects import parse_file
from qsync.results.diff import PageDiff
from qsync.results.sync import SyncPlan
from qsync.sync.pages import PageJob, page_jobs, plan_page
from qsync.sync.publish import Outcome
from qsync.sync.run import publish_page
from qsync.upstream.github import GitHubSource, RetryPolicy
from qsync.upstream.github.publish import GitHubWriter
from tests.fakegithub import FakeGitHub
from tests.fakegithub.state import Repo
from tests.sync.conftest import SYNC_FIXTURES

UPSTREAM = "pantry-org/pantry-questions"
PAGE = "pantry-security-interview-questions.md"
BRANCH = "qsync/merge-back/pantry-security-interview-questions"
# Short waits: the faults under test are answered at once, and a "slow" answer outlasts timeout.
FAST = RetryPolicy(
    timeout=1, retries=2, backoff=0.0, max_wait=2.0, secondary_wait=0.05,
    between_requests=0.0, between_writes=0.0,
)  # fmt: skip


@dataclass
class SiteWorld:
    root: Path
    fake: FakeGitHub

    @property
    def config(self) -> Config:
        return load_config(self.root / "qsync.toml")

    @property
    def page(self) -> Path:
        return self.root / "docs" / "interview-questions" / PAGE

    @property
    def upstream(self) -> Repo:
        repo = self.fake.world.find(*UPSTREAM.split("/"))
        assert repo is not None
        return repo

    @property
    def fork(self) -> Repo | None:
        return self.fake.world.find("qsync-bot", "pantry-questions")

    def plan(self) -> SyncPlan:
        """The plan a sync would publish now (read with git-free, fault-free requests)."""
        return self._planned()[2]

    def sync(self) -> Outcome:
        """What ``qsync sync`` does for the page, with short waits."""
        job, source, plan, diff = self._planned()
        writer = GitHubWriter(self.config.upstream.api_url, policy=FAST)
        outcome = publish_page(self.config, job, plan, diff, writer=writer, sleep=lambda _: None)
        return replace(outcome, requests=outcome.requests + source.requests)

    def _planned(self) -> tuple[PageJob, GitHubSource, SyncPlan, PageDiff]:
        config = self.config
        job = page_jobs(config, [])[0]
        up = config.upstream
        source = GitHubSource(up.repo, up.ref, api_url=up.api_url, policy=FAST)
        site = parse_file(job.site_file, "site")
        plan, diff = plan_page(
            config, job, site, source.read(job.upstream_path), include_related=False
        )
        return job, source, plan, diff

    def branch_text(self) -> str | None:
        fork = self.fork
        if fork is None or fork.branch(BRANCH) is None:
            return None
        store = self.fake.world.store
        tree = store.read_commit(fork.branch(BRANCH) or "").tree
        entry = store.lookup(tree, PAGE)
        return store.data(entry.sha).decode() if entry else None

    def commit(self, text: str, message: str = "Upstream edit") -> str:
        """Someone commits ``text`` to upstream's main."""
        return self.fake.world.seed_files(UPSTREAM, {PAGE: text}, message=message)

    def edit_site(self, old: str, new: str) -> None:
        self.page.write_text(self.page.read_text().replace(old, new))
        git(self.root, "commit", "-qam", "Edit the page")

    def open_pulls(self) -> list[object]:
        return [p for p in self.upstream.pulls if p.state == "open"]


def make_world(root: Path, fake: FakeGitHub, extra: str = "") -> SiteWorld:
    docs = root / "docs" / "interview-questions"
    docs.mkdir(parents=True)
    site = (SYNC_FIXTURES / "pantry-site.md").read_text()
    (docs / PAGE).write_text(site)
    (root / "qsync.toml").write_text(
        f'[site]\ndocs_dir = "docs"\nbase_url = "https://pantry.example/"\nrepo = "pantry-org/site"\n\n'
        f'[upstream]\nrepo = "{UPSTREAM}"\nref = "main"\napi_url = "{fake.base}"\n\n'
        f'[[pages]]\nsite = "interview-questions/{PAGE}"\n\n'
        f'[sync]\nlabels = ["merge-back"]\nfork_wait = 30\n{extra}'
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "Site")
    upstream = (SYNC_FIXTURES / "pantry-upstream.md").read_text()
    fake.world.seed_files(UPSTREAM, {PAGE: upstream, "README.md": "# Pantry\n"})
    return SiteWorld(root, fake)


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Site", "GIT_AUTHOR_EMAIL": "site@example.org",
           "GIT_COMMITTER_NAME": "Site", "GIT_COMMITTER_EMAIL": "site@example.org"}  # fmt: skip
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env
    ).stdout

"""Publishing a plan as one merge-back pull request, and keeping it current.

Every run reconciles what GitHub holds with the plan, so a rerun after any failure picks
up where the last one stopped: the PR is found by a marker on the first line of its body,
the branch is ``qsync/merge-back/<page>``, and a commit of qsync carries a
``Qsync-Source:`` trailer. Nothing new means no write request at all.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from qsync.errors import RemoteError
from qsync.results.sync import SyncPlan
from qsync.sync.body import pull_body, pull_title
from qsync.upstream.github.publish import BranchCommit, ForkNotReady, PullRequest

Action = Literal["opened", "updated", "up-to-date", "nothing-new", "refused", "merged"]
TRAILER = "Qsync-Source:"


class Writer(Protocol):
    requests: int
    writes: int

    @property
    def authenticated(self) -> bool: ...

    def login(self) -> str: ...
    def repository(self, full_name: str) -> dict[str, object] | None: ...
    def fork(self, upstream: str, organization: str | None) -> dict[str, object]: ...
    def branch_sha(self, full_name: str, branch: str) -> str | None: ...
    def merge_upstream(self, full_name: str, branch: str) -> None: ...
    def commits_ahead(
        self, upstream: str, base: str, head: str
    ) -> tuple[list[BranchCommit], int]: ...
    def file(self, full_name: str, path: str, ref: str) -> tuple[str, str] | None: ...
    def create_branch(self, full_name: str, branch: str, sha: str) -> bool: ...
    def reset_branch(self, full_name: str, branch: str, sha: str) -> None: ...
    def put_file(self, full_name: str, path: str, branch: str, text: str, message: str,
                 blob: str | None) -> str | None: ...  # fmt: skip
    def pulls(self, upstream: str, state: str) -> list[PullRequest]: ...
    def create_pull(self, upstream: str, *, title: str, body: str, head: str,
                    base: str) -> PullRequest | None: ...  # fmt: skip
    def update_pull(self, upstream: str, number: int, *, title: str, body: str) -> None: ...
    def add_labels(self, upstream: str, number: int, labels: list[str]) -> bool: ...


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the questions come from: named in the commit trailer and the PR body."""

    site_repo: str  # OWNER/NAME, or "unknown"
    site_commit: str  # full sha, or "unknown"
    page_path: str  # the page inside the site repository

    @property
    def trailer(self) -> str:
        return f"{TRAILER} {self.site_repo}@{self.site_commit} {self.page_path}"


@dataclass(frozen=True, slots=True)
class PublishSettings:
    base_branch: str  # the upstream branch the PR targets
    branch: str  # the merge-back branch
    fork: str | None = None  # account to fork into; None: the token's own
    push_to_upstream: bool = False
    labels: tuple[str, ...] = ()
    fork_wait: float = 60.0  # seconds


@dataclass(frozen=True, slots=True)
class Outcome:
    action: Action
    message: str
    pull: PullRequest | None = None
    requests: int = 0
    writes: int = 0


def plan_digest(plan: SyncPlan) -> str:
    """What the PR proposes, as a short hash of the new upstream text."""
    return hashlib.sha256(plan.new_text.encode("utf-8")).hexdigest()[:16]


def marker(plan: SyncPlan, head: str = "") -> str:
    """The hidden first line of the PR body that identifies it (and what it holds)."""
    return f"<!-- qsync:merge-back page={plan.site_path} plan={plan_digest(plan)} head={head} -->"


def _stamp(body: str, page: str) -> dict[str, str] | None:
    """The marker's fields when ``body`` starts with the marker of ``page``."""
    first = body.split("\n", 1)[0].strip()
    prefix = f"<!-- qsync:merge-back page={page} "
    if not first.startswith(prefix) or not first.endswith(" -->"):
        return None
    fields = first[len(prefix) : -4].split()
    return dict(f.split("=", 1) for f in fields if "=" in f)


def publish(
    plan: SyncPlan,
    writer: Writer,
    settings: PublishSettings,
    provenance: Provenance,
    *,
    sleep: Callable[[float], None] = time.sleep,
    on_step: Callable[[str], None] | None = None,
) -> Outcome:
    """Open or update the merge-back PR for ``plan``; see the module's docstring.

    ``on_step`` hears the name of each step as it starts (for a progress display).
    """
    step = on_step or _no_step
    upstream = plan.upstream_repo
    step("find pull request")
    ours = [p for p in writer.pulls(upstream, "open") if _is_ours(p, plan, settings)]
    pull = ours[0] if ours else None
    if pull is not None and _current(pull, plan, provenance):
        if _label(writer, upstream, pull, settings):
            return _outcome("updated", f"labelled {pull.url}", writer, pull)
        return _outcome("up-to-date", f"up to date: {pull.url}", writer, pull)
    if not plan.changes:
        return _nothing_to_propose(plan, writer, settings, pull)
    if pull is None:
        previous = _latest_closed(plan, writer, settings)
        if previous is not None and (_stamp(previous.body, plan.site_path) or {}).get(
            "plan"
        ) == plan_digest(plan):
            state = "merged" if previous.merged else "closed"
            return _outcome(
                "nothing-new", f"nothing new since #{previous.number} ({state})", writer
            )
    if not writer.authenticated:
        raise RemoteError("publishing needs a token: set GITHUB_TOKEN or GH_TOKEN")
    if pull is not None and pull.head_repo:  # the PR names its branch's repository
        owner, head_repo = pull.head_repo.split("/")[0], pull.head_repo
    else:
        step("fork")
        owner, head_repo = _head_repository(plan, writer, settings, sleep)
    step("branch")
    fresh, refused = _prepare_branch(plan, writer, settings, owner, head_repo)
    if refused is not None:
        return _outcome("refused", refused, writer, pull)
    step("commit")
    head = _commit(plan, writer, settings, provenance, head_repo, fresh)
    step("pull request")
    title = pull_title(plan)
    body = pull_body(plan, provenance, marker(plan, head))
    if pull is None:
        pull = writer.create_pull(
            upstream,
            title=title,
            body=body,
            head=f"{owner}:{settings.branch}",
            base=settings.base_branch,
        )
        if pull is None:  # opened by an earlier attempt whose answer was lost
            pull = next(p for p in writer.pulls(upstream, "open") if _is_ours(p, plan, settings))
            writer.update_pull(upstream, pull.number, title=title, body=body)
        note = ""
        if _label(writer, upstream, pull, settings) is False:
            note = " (labels not set: the token may not label pull requests there)"
        return _outcome("opened", f"opened {pull.url}{note}", writer, pull)
    if pull.body != body or pull.title != title:
        writer.update_pull(upstream, pull.number, title=title, body=body)
    _label(writer, upstream, pull, settings)
    return _outcome("updated", f"updated {pull.url}", writer, pull)


def _no_step(_: str) -> None:
    pass


def _label(
    writer: Writer, upstream: str, pull: PullRequest, settings: PublishSettings
) -> bool | None:
    """Add the configured labels the PR lacks: None when none lack, else whether GitHub let us."""
    missing = [name for name in settings.labels if name not in pull.labels]
    if not missing:
        return None
    return writer.add_labels(upstream, pull.number, missing)


def _is_ours(pull: PullRequest, plan: SyncPlan, settings: PublishSettings) -> bool:
    return pull.head_ref == settings.branch and _stamp(pull.body, plan.site_path) is not None


def _current(pull: PullRequest, plan: SyncPlan, provenance: Provenance) -> bool:
    """The open PR already proposes exactly this plan, on a branch nobody else touched."""
    stamp = _stamp(pull.body, plan.site_path) or {}
    if stamp.get("plan") != plan_digest(plan) or stamp.get("head") != pull.head_sha:
        return False
    return pull.body == pull_body(plan, provenance, marker(plan, pull.head_sha)) and (
        pull.title == pull_title(plan)
    )


def _nothing_to_propose(
    plan: SyncPlan, writer: Writer, settings: PublishSettings, pull: PullRequest | None
) -> Outcome:
    if pull is not None:
        return _outcome(
            "up-to-date", f"upstream has every question; {pull.url} is open", writer, pull
        )
    previous = _latest_closed(plan, writer, settings)
    if previous is not None:  # closed, and upstream has every question it proposed: merged
        how = "was merged" if previous.merged else "is closed and upstream has its questions"
        return _outcome("merged", f"#{previous.number} {how}; up to date", writer, previous)
    return _outcome("nothing-new", "up to date: nothing to merge back", writer)


def _latest_closed(plan: SyncPlan, writer: Writer, settings: PublishSettings) -> PullRequest | None:
    closed = [p for p in writer.pulls(plan.upstream_repo, "closed") if _is_ours(p, plan, settings)]
    return max(closed, key=lambda p: p.number) if closed else None


def _head_repository(
    plan: SyncPlan, writer: Writer, settings: PublishSettings, sleep: Callable[[float], None]
) -> tuple[str, str]:
    """(owner, OWNER/NAME) of the repository that holds the branch: a fork, or upstream."""
    upstream = plan.upstream_repo
    if settings.push_to_upstream:
        return upstream.split("/")[0], upstream
    owner = settings.fork or writer.login()
    name = upstream.split("/")[1]
    found = writer.repository(f"{owner}/{name}")
    parent = (found or {}).get("parent")
    if found is None or not isinstance(parent, dict) or parent.get("full_name") != upstream:
        mine = settings.fork is None or settings.fork.lower() == writer.login().lower()
        found = writer.fork(upstream, None if mine else owner)
        _wait_for_fork(writer, str(found.get("full_name")), settings, sleep)
    full_name = str(found.get("full_name", f"{owner}/{name}"))
    return full_name.split("/")[0], full_name


def _wait_for_fork(
    writer: Writer, full_name: str, settings: PublishSettings, sleep: Callable[[float], None]
) -> None:
    """GitHub copies a new fork in the background: poll, bounded by ``fork_wait``."""
    waited, pause = 0.0, 1.0
    while True:
        try:
            writer.branch_sha(full_name, settings.base_branch)
            return
        except ForkNotReady:
            if waited >= settings.fork_wait:
                raise RemoteError(
                    f"the fork {full_name} is not ready after {waited:.0f} s; "
                    "run qsync sync again in a minute"
                ) from None
            sleep(pause)
            waited += pause
            pause = min(pause * 2, 8.0)


def _prepare_branch(
    plan: SyncPlan, writer: Writer, settings: PublishSettings, owner: str, head_repo: str
) -> tuple[bool, str | None]:
    """Make the branch start at the planned upstream commit, or say why it may not be touched.

    (fresh, refusal): ``fresh`` when the branch now holds exactly the planned commit.
    """
    base = plan.upstream_commit or settings.base_branch
    if writer.branch_sha(head_repo, settings.branch) is None:
        if head_repo != plan.upstream_repo:  # a fork: bring its base up to date first
            writer.merge_upstream(head_repo, settings.base_branch)
        if writer.create_branch(head_repo, settings.branch, base):
            return True, None
    commits, behind = writer.commits_ahead(plan.upstream_repo, base, f"{owner}:{settings.branch}")
    foreign = [c for c in commits if TRAILER not in c.message]
    if foreign:
        listed = ", ".join(f"{c.sha[:7]} by {c.author}" for c in foreign[:3])
        return False, (
            f"branch {head_repo}:{settings.branch} holds commits qsync did not make ({listed}); "
            "nothing was overwritten: merge or move them, or delete the branch, then run again"
        )
    if behind:  # upstream moved: start again from the commit the plan was made on
        if head_repo != plan.upstream_repo:
            writer.merge_upstream(head_repo, settings.base_branch)
        writer.reset_branch(head_repo, settings.branch, base)
        return True, None
    return not commits, None


def _commit(
    plan: SyncPlan,
    writer: Writer,
    settings: PublishSettings,
    provenance: Provenance,
    head_repo: str,
    fresh: bool,
) -> str:
    """The branch's head after committing the new text (no commit when it holds it already)."""
    if fresh and plan.upstream_blob_sha is not None:
        current: tuple[str, str] | None = (plan.old_text, plan.upstream_blob_sha)
    elif fresh and not plan.old_text:
        current = None  # the file does not exist upstream yet
    else:
        current = writer.file(head_repo, plan.upstream_path, settings.branch)
    if current is not None and current[0] == plan.new_text:
        head = writer.branch_sha(head_repo, settings.branch)
        return head or ""
    blob = current[1] if current is not None else None
    message = commit_message(plan, provenance)
    head = writer.put_file(
        head_repo, plan.upstream_path, settings.branch, plan.new_text, message, blob
    )
    if head is None:  # a retried request that was applied, or someone committed meanwhile
        again = writer.file(head_repo, plan.upstream_path, settings.branch)
        if again is None or again[0] != plan.new_text:
            raise RemoteError(
                f"{head_repo}:{plan.upstream_path} changed on {settings.branch} while qsync wrote it; "
                "run qsync sync again"
            )
        head = writer.branch_sha(head_repo, settings.branch) or ""
    return head


def commit_message(plan: SyncPlan, provenance: Provenance) -> str:
    count = len(plan.insertions)
    subject = f"Add {count} question{'s' if count != 1 else ''} from {provenance.page_path.rsplit('/', 1)[-1]}"
    lines = [f"- Q{i.number}: {i.text}" for i in plan.insertions]
    return (
        f"{subject}\n\n"
        + "\n".join(lines)
        + f"\n\nQsync-Plan: {plan_digest(plan)}\n{provenance.trailer}\n"
    )


def _outcome(
    action: Action, message: str, writer: Writer, pull: PullRequest | None = None
) -> Outcome:
    return Outcome(action, message, pull, writer.requests, writer.writes)

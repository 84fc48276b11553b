"""Accounts, repositories, commits, compare, contents, forks and merge-upstream."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from tests.fakegithub import shapes
from tests.fakegithub.objects import FILE_MODE, Entry, Person
from tests.fakegithub.routing import DOCS, Ctx, Fail, Reply, paginate, resolve, route
from tests.fakegithub.state import FAKE_EPOCH, Repo, World

CONTENTS_DOC = f"{DOCS}/repos/contents"


@route("GET", "/rate_limit")
def get_rate_limit(ctx: Ctx) -> Reply:
    return Reply(200, shapes.rate_limit(ctx.world))


@route("GET", "/user")
def get_user(ctx: Ctx) -> Reply:
    if ctx.login is None:
        raise Fail(401, "Requires authentication", f"{DOCS}/users/users#get-the-authenticated-user")
    return Reply(200, shapes.private_user(ctx.base, ctx.login))


@route("GET", "/repos/{owner}/{repo}")
def get_repo(ctx: Ctx, owner: str, repo: str) -> Reply:
    return Reply(200, shapes.repository(ctx.base, ctx.world, ctx.repo(owner, repo)))


@route("GET", "/repos/{owner}/{repo}/branches/{branch}")
def get_branch(ctx: Ctx, owner: str, repo: str, branch: str) -> Reply:
    r = ctx.git_repo(owner, repo)
    sha = r.branch(branch)
    if sha is None:
        raise Fail(404, "Branch not found", f"{DOCS}/branches/branches#get-a-branch")
    return Reply(200, shapes.branch(ctx.base, ctx.world, r, branch, sha))


def _head(ctx: Ctx, r: Repo) -> str:
    sha = r.branch(r.default_branch)
    if sha is None:
        raise Fail(409, "Git Repository is empty.")
    return sha


def _changed(world: World, sha: str, path: str) -> bool:
    commit = world.store.read_commit(sha)
    now = world.store.lookup(commit.tree, path)
    if not commit.parents:
        return now is not None
    before = world.store.lookup(world.store.read_commit(commit.parents[0]).tree, path)
    return (now.sha if now else None) != (before.sha if before else None)


@route("GET", "/repos/{owner}/{repo}/commits")
def list_commits(ctx: Ctx, owner: str, repo: str) -> Reply:
    r = ctx.git_repo(owner, repo)
    start = resolve(ctx.world, r, ctx.query["sha"]) if "sha" in ctx.query else _head(ctx, r)
    if start is None:
        raise Fail(404, "Not Found")
    history = ctx.world.store.history(start)
    if "path" in ctx.query:
        history = [c for c in history if _changed(ctx.world, c.sha, ctx.query["path"])]
    reply = paginate(ctx, history)
    reply.body = [shapes.commit(ctx.base, ctx.world, r, c.sha) for c in reply.body]
    return reply


def _diff(world: World, old_tree: str | None, new_tree: str) -> list[dict[str, Any]]:
    old = world.store.files(old_tree) if old_tree else {}
    new = world.store.files(new_tree)
    return [
        shapes.diff_entry(path, old[path].sha if path in old else None,
                          new[path].sha if path in new else None)
        for path in sorted(set(old) | set(new))
        if (old.get(path) and old[path].sha) != (new.get(path) and new[path].sha)
    ]  # fmt: skip


@route("GET", "/repos/{owner}/{repo}/commits/{ref}")
def get_commit(ctx: Ctx, owner: str, repo: str, ref: str) -> Reply:
    r = ctx.git_repo(owner, repo)
    if not r.refs:
        raise Fail(409, "Git Repository is empty.", f"{DOCS}/commits/commits#get-a-commit")
    sha = resolve(ctx.world, r, ref)
    if sha is None:
        raise Fail(422, f"No commit found for SHA: {ref}", f"{DOCS}/commits/commits#get-a-commit")
    if "application/vnd.github.sha" in ctx.request.headers.get("Accept", ""):
        return Reply(200, sha, "application/vnd.github.sha; charset=utf-8")
    commit = ctx.world.store.read_commit(sha)
    parent = ctx.world.store.read_commit(commit.parents[0]).tree if commit.parents else None
    files = _diff(ctx.world, parent, commit.tree)
    return Reply(200, shapes.commit(ctx.base, ctx.world, r, sha, files))


def _side(ctx: Ctx, r: Repo, spec: str) -> tuple[Repo, str]:
    """``ref``, ``owner:ref`` or ``owner:repo:ref`` → (repository, commit sha)."""
    parts = spec.split(":")
    target = r
    if len(parts) >= 2:
        owner, name = parts[0], parts[1] if len(parts) == 3 else r.name
        found = ctx.world.find(owner, name) or next(
            (x for x in ctx.world.repos.values() if x.owner.lower() == owner.lower()
             and x.parent == r.full_name), None)  # fmt: skip
        if found is None:
            raise Fail(404, "Not Found", f"{DOCS}/commits/commits#compare-two-commits")
        target = found
    sha = resolve(ctx.world, target, parts[-1])
    if sha is None:
        raise Fail(404, "Not Found", f"{DOCS}/commits/commits#compare-two-commits")
    return target, sha


@route("GET", "/repos/{owner}/{repo}/compare/{basehead}")
def compare(ctx: Ctx, owner: str, repo: str, basehead: str) -> Reply:
    r = ctx.git_repo(owner, repo)
    base_spec, dots, head_spec = basehead.partition("...")
    if not dots:
        raise Fail(404, "Not Found", f"{DOCS}/commits/commits#compare-two-commits")
    _, base_sha = _side(ctx, r, base_spec)
    _, head_sha = _side(ctx, r, head_spec)
    store = ctx.world.store
    base_history = {c.sha for c in store.history(base_sha)}
    head_history = store.history(head_sha)
    ahead = [c for c in head_history if c.sha not in base_history]
    head_set = {c.sha for c in head_history}
    behind = [s for s in base_history if s not in head_set]
    merge_base = next((c.sha for c in head_history if c.sha in base_history), base_sha)
    status = ("identical" if not ahead and not behind else "ahead" if not behind
              else "behind" if not ahead else "diverged")  # fmt: skip
    body = shapes.skeleton("commit-comparison")
    api = f"{ctx.base}/repos/{r.full_name}"
    body.update(
        url=f"{api}/compare/{basehead}", status=status, ahead_by=len(ahead),
        behind_by=len(behind), total_commits=len(ahead),
        base_commit=shapes.commit(ctx.base, ctx.world, r, base_sha),
        merge_base_commit=shapes.commit(ctx.base, ctx.world, r, merge_base),
        commits=[shapes.commit(ctx.base, ctx.world, r, c.sha) for c in reversed(ahead)],
        files=_diff(ctx.world, store.read_commit(merge_base).tree, store.read_commit(head_sha).tree),
    )  # fmt: skip
    return Reply(200, body)


@route("GET", "/repos/{owner}/{repo}/contents/{path}")
def get_contents(ctx: Ctx, owner: str, repo: str, path: str) -> Reply:
    r = ctx.git_repo(owner, repo)
    ref = ctx.query.get("ref") or r.default_branch
    sha = resolve(ctx.world, r, ref)
    if sha is None:
        raise Fail(
            404, f"No commit found for the ref {ref}", f"{CONTENTS_DOC}#get-repository-content"
        )
    entry = ctx.world.store.lookup(ctx.world.store.read_commit(sha).tree, path)
    if entry is None:
        raise Fail(404, "Not Found", f"{CONTENTS_DOC}#get-repository-content")
    if entry.kind == "tree":
        listing = [
            shapes.content(
                ctx.base, ctx.world, r, f"{path.strip('/')}/{e.name}".lstrip("/"), e, ref, False
            )
            for e in ctx.world.store.read_tree(entry.sha)
        ]
        return Reply(200, listing)
    return Reply(200, shapes.content(ctx.base, ctx.world, r, path, entry, ref))


def _who(body: dict[str, Any], key: str, login: str, epoch: int) -> Person:
    person = body.get(key) or {}
    return Person(
        person.get("name", login), person.get("email", f"{login}@users.noreply.github.com"), epoch
    )


def _commit_change(ctx: Ctx, r: Repo, branch: str, path: str, entry: Entry | None,
                   body: dict[str, Any]) -> str:  # fmt: skip
    world = ctx.world
    parent = r.branch(branch)
    assert parent is not None and ctx.login is not None
    tree = world.store.with_path(world.store.read_commit(parent).tree, path, entry)
    epoch = FAKE_EPOCH + world.new_id()  # later commits are newer, and answers stay repeatable
    author = _who(body, "author", ctx.login, epoch)
    committer = _who(body, "committer", ctx.login, epoch) if body.get("committer") else author
    sha = world.store.write_commit(tree, (parent,), str(body.get("message", "")), author, committer)
    r.refs[f"refs/heads/{branch}"] = sha
    return sha


def _file_target(
    ctx: Ctx, owner: str, repo: str, path: str
) -> tuple[Repo, str, dict[str, Any], Entry | None]:
    r = ctx.writable(owner, repo)
    body = ctx.json()
    branch = body.get("branch") or r.default_branch
    head = r.branch(branch)
    if head is None:
        raise Fail(
            404, f"Branch {branch} not found", f"{CONTENTS_DOC}#create-or-update-file-contents"
        )
    current = ctx.world.store.lookup(ctx.world.store.read_commit(head).tree, path)
    return r, branch, body, current


@route("PUT", "/repos/{owner}/{repo}/contents/{path}")
def put_contents(ctx: Ctx, owner: str, repo: str, path: str) -> Reply:
    doc = f"{CONTENTS_DOC}#create-or-update-file-contents"
    r, branch, body, current = _file_target(ctx, owner, repo, path)
    if "message" not in body or "content" not in body:
        raise Fail(422, 'Invalid request.\n\n"message" and "content" are required.', doc)
    if current is not None and "sha" not in body:
        raise Fail(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', doc)
    if "sha" in body and (current is None or body["sha"] != current.sha):
        raise Fail(409, f"{path} does not match {body['sha']}", doc)
    try:
        data = base64.b64decode(body["content"], validate=True)
    except (binascii.Error, ValueError):
        raise Fail(422, "content is not valid Base64", doc) from None
    blob = ctx.world.store.put("blob", data)
    sha = _commit_change(ctx, r, branch, path, Entry(FILE_MODE, path, blob), body)
    entry = Entry(FILE_MODE, path, blob)
    file_commit = {
        "content": shapes.content(ctx.base, ctx.world, r, path, entry, branch, False),
        "commit": shapes.git_commit(ctx.base, ctx.world, r, sha),
    }
    return Reply(201 if current is None else 200, file_commit)


@route("DELETE", "/repos/{owner}/{repo}/contents/{path}")
def delete_contents(ctx: Ctx, owner: str, repo: str, path: str) -> Reply:
    doc = f"{CONTENTS_DOC}#delete-a-file"
    r, branch, body, current = _file_target(ctx, owner, repo, path)
    if "sha" not in body:
        raise Fail(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', doc)
    if current is None:
        raise Fail(404, "Not Found", doc)
    if body["sha"] != current.sha:
        raise Fail(409, f"{path} does not match {body['sha']}", doc)
    sha = _commit_change(ctx, r, branch, path, None, body)
    return Reply(200, {"content": None, "commit": shapes.git_commit(ctx.base, ctx.world, r, sha)})


@route("GET", "/repos/{owner}/{repo}/forks")
def list_forks(ctx: Ctx, owner: str, repo: str) -> Reply:
    r = ctx.repo(owner, repo)
    forks = [f for f in ctx.world.repos.values() if f.parent == r.full_name]
    reply = paginate(ctx, forks)
    reply.body = [
        shapes.repository(ctx.base, ctx.world, f, "minimal-repository") for f in reply.body
    ]
    return reply


@route("POST", "/repos/{owner}/{repo}/forks")
def create_fork(ctx: Ctx, owner: str, repo: str) -> Reply:
    if ctx.login is None:
        raise Fail(401, "Requires authentication", f"{DOCS}/repos/forks#create-a-fork")
    r = ctx.repo(owner, repo)
    body = ctx.json()
    fork_owner = body.get("organization") or ctx.login
    name = body.get("name") or r.name
    existing = ctx.world.find(fork_owner, name)
    if existing is not None and existing.parent != r.full_name:
        raise Fail(422, "Validation Failed", f"{DOCS}/repos/forks#create-a-fork",
                   [{"resource": "Repository", "code": "custom", "field": "name",
                     "message": "name already exists on this account"}])  # fmt: skip
    fork = existing or ctx.world.add_repo(f"{fork_owner}/{name}", default_branch=r.default_branch,
                                          parent=r.full_name)  # fmt: skip
    if existing is None:
        only_default = body.get("default_branch_only", False)
        fork.refs = {k: v for k, v in r.refs.items()
                     if not only_default or k == f"refs/heads/{r.default_branch}"}  # fmt: skip
        fork.not_ready = ctx.fault_fork_not_ready or ctx.world.fork_delay
    return Reply(202, shapes.repository(ctx.base, ctx.world, fork))


@route("POST", "/repos/{owner}/{repo}/merge-upstream")
def merge_upstream(ctx: Ctx, owner: str, repo: str) -> Reply:
    doc = f"{DOCS}/branches/branches#sync-a-fork-branch-with-the-upstream-repository"
    r = ctx.writable(owner, repo)
    branch = ctx.json().get("branch")
    parent = ctx.world.find(*r.parent.split("/")) if r.parent else None
    if parent is None or not branch:
        raise Fail(422, "Validation Failed", doc,
                   [{"resource": "Repository", "code": "invalid", "field": "branch"}])  # fmt: skip
    mine, theirs = r.branch(branch), parent.branch(branch)
    if mine is None or theirs is None:
        raise Fail(404, "Branch not found", doc)
    upstream_label = f"{parent.owner}:{branch}"
    store = ctx.world.store
    if mine == theirs or store.is_ancestor(theirs, mine):
        return Reply(200, {"message": f"This branch is not behind the upstream {upstream_label}.",
                           "merge_type": "none", "base_branch": upstream_label})  # fmt: skip
    if not store.is_ancestor(mine, theirs):
        raise Fail(409, "This branch has conflicts that must be resolved", doc)
    r.refs[f"refs/heads/{branch}"] = theirs
    return Reply(200, {"message": f"Successfully fetched and fast-forwarded from upstream {upstream_label}.",
                       "merge_type": "fast-forward", "base_branch": upstream_label})  # fmt: skip

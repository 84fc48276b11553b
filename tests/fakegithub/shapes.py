"""GitHub's JSON shapes, filled in from the fake's state.

Each builder starts from the schema's minimal instance (skeletons.json) and sets what a client
reads. Every ``url`` is under the fake's own base URL: PyGithub follows those and asserts on
foreign hosts. ``html_url``s point at github.com; nothing follows them.
"""

from __future__ import annotations

import base64
import time
from typing import Any

from tests.fakegithub.objects import TREE_MODE, Entry, Person
from tests.fakegithub.skeletons import skeleton
from tests.fakegithub.state import Pull, Repo, World

HTML = "https://github.com"
Json = dict[str, Any]


def node_id(kind: str, key: object) -> str:
    return base64.b64encode(f"{kind}:{key}".encode()).decode()


def iso(epoch: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def user(base: str, login: str, uid: int = 1) -> Json:
    shape = skeleton("pull-request")["user"]
    url = f"{base}/users/{login}"
    shape.update(
        login=login, id=uid, node_id=node_id("User", uid), url=url, html_url=f"{HTML}/{login}",
        type="User", avatar_url=f"{HTML}/{login}.png", repos_url=f"{url}/repos",
    )  # fmt: skip
    return shape


def private_user(base: str, login: str) -> Json:
    shape = skeleton("private-user")
    shape.update(user(base, login))
    shape.update(created_at=iso(1_500_000_000), updated_at=iso(1_500_000_000))
    shape["user_view_type"] = (
        "private"  # GitHub's /user names its view (the description's discriminator)
    )
    return shape


def repository(base: str, world: World, repo: Repo, kind: str = "full-repository") -> Json:
    shape = skeleton(kind)
    api = f"{base}/repos/{repo.full_name}"
    shape.update(
        id=repo.id, node_id=node_id("Repository", repo.id), name=repo.name,
        full_name=repo.full_name, owner=user(base, repo.owner), private=repo.private,
        visibility="private" if repo.private else "public", html_url=f"{HTML}/{repo.full_name}",
        url=api, fork=repo.parent is not None, default_branch=repo.default_branch,
        clone_url=f"{HTML}/{repo.full_name}.git", git_url=f"git://github.com/{repo.full_name}.git",
        ssh_url=f"git@github.com:{repo.full_name}.git", contents_url=api + "/contents/{+path}",
        pulls_url=api + "/pulls{/number}", git_refs_url=api + "/git/refs{/sha}",
        forks_url=api + "/forks", created_at=iso(1_500_000_000), updated_at=iso(1_500_000_000),
        pushed_at=iso(1_500_000_000),
        permissions={"admin": repo.owner == world.login, "maintain": repo.owner == world.login,
                     "push": repo.owner == world.login, "triage": True, "pull": True},
    )  # fmt: skip
    if kind != "minimal-repository":
        shape.update(network_count=0, subscribers_count=0)
    if repo.parent is not None and kind == "full-repository":
        parent = world.find(*repo.parent.split("/"))
        if parent is not None:
            shape["parent"] = shape["source"] = repository(base, world, parent, "repository")
    return shape


def _person(person: Person) -> Json:
    return {"name": person.name, "email": person.email, "date": iso(person.epoch)}


def commit(base: str, world: World, repo: Repo, sha: str, files: list[Json] | None = None) -> Json:
    c = world.store.read_commit(sha)
    api = f"{base}/repos/{repo.full_name}"
    shape = skeleton("commit")
    shape.update(
        sha=sha, node_id=node_id("Commit", sha), url=f"{api}/commits/{sha}",
        html_url=f"{HTML}/{repo.full_name}/commit/{sha}", comments_url=f"{api}/commits/{sha}/comments",
        author={}, committer={},  # the GitHub accounts of the commit's people: none known here
        parents=[{"sha": p, "url": f"{api}/commits/{p}", "html_url": f"{HTML}/{repo.full_name}/commit/{p}"}
                 for p in c.parents],
    )  # fmt: skip
    shape["commit"].update(
        author=_person(c.author), committer=_person(c.committer), message=c.message,
        tree={"sha": c.tree, "url": f"{api}/git/trees/{c.tree}"}, url=f"{api}/git/commits/{sha}",
    )  # fmt: skip
    if files is not None:
        shape["files"] = files
    return shape


def git_commit(base: str, world: World, repo: Repo, sha: str) -> Json:
    c = world.store.read_commit(sha)
    api = f"{base}/repos/{repo.full_name}"
    shape = skeleton("git-commit")
    shape.update(
        sha=sha, node_id=node_id("Commit", sha), url=f"{api}/git/commits/{sha}",
        html_url=f"{HTML}/{repo.full_name}/commit/{sha}", author=_person(c.author),
        committer=_person(c.committer), message=c.message,
        tree={"sha": c.tree, "url": f"{api}/git/trees/{c.tree}"},
        parents=[{"sha": p, "url": f"{api}/git/commits/{p}", "html_url": f"{HTML}/{repo.full_name}/commit/{p}"}
                 for p in c.parents],
        verification={"verified": False, "reason": "unsigned", "signature": None, "payload": None,
                      "verified_at": None},
    )  # fmt: skip
    return shape


def git_ref(base: str, repo: Repo, ref: str, sha: str) -> Json:
    api = f"{base}/repos/{repo.full_name}"
    return {
        "ref": ref, "node_id": node_id("Ref", f"{repo.full_name}:{ref}"), "url": f"{api}/git/{ref}",
        "object": {"type": "commit", "sha": sha, "url": f"{api}/git/commits/{sha}"},
    }  # fmt: skip


def tree_entry(base: str, world: World, repo: Repo, entry: Entry, path: str) -> Json:
    api = f"{base}/repos/{repo.full_name}"
    item: Json = {"path": path, "mode": entry.mode.rjust(6, "0") if entry.mode == TREE_MODE else entry.mode,
                  "type": entry.kind, "sha": entry.sha}  # fmt: skip
    if entry.kind == "blob":
        item.update(size=len(world.store.data(entry.sha)), url=f"{api}/git/blobs/{entry.sha}")
    else:
        item["url"] = f"{api}/git/trees/{entry.sha}"
    return item


def git_tree(base: str, world: World, repo: Repo, sha: str, recursive: bool) -> Json:
    if recursive:
        entries = list(_walk(world, sha, ""))
    else:
        entries = [(e, e.name) for e in world.store.read_tree(sha)]
    return {
        "sha": sha, "url": f"{base}/repos/{repo.full_name}/git/trees/{sha}", "truncated": False,
        "tree": [tree_entry(base, world, repo, e, p) for e, p in entries],
    }  # fmt: skip


def _walk(world: World, tree: str, prefix: str) -> Any:
    for entry in world.store.read_tree(tree):
        yield entry, prefix + entry.name
        if entry.mode == TREE_MODE:
            yield from _walk(world, entry.sha, prefix + entry.name + "/")


def blob(base: str, world: World, repo: Repo, sha: str) -> Json:
    data = world.store.data(sha)
    return {
        "sha": sha, "node_id": node_id("Blob", sha), "size": len(data),
        "url": f"{base}/repos/{repo.full_name}/git/blobs/{sha}", "encoding": "base64",
        "content": base64.encodebytes(data).decode(),
    }  # fmt: skip


def content(base: str, world: World, repo: Repo, path: str, entry: Entry, ref: str,
            with_content: bool = True) -> Json:  # fmt: skip
    api = f"{base}/repos/{repo.full_name}"
    self_url = f"{api}/contents/{path}?ref={ref}"
    kind = "dir" if entry.kind == "tree" else "file"
    git = f"{api}/git/{'trees' if kind == 'dir' else 'blobs'}/{entry.sha}"
    html = f"{HTML}/{repo.full_name}/{'tree' if kind == 'dir' else 'blob'}/{ref}/{path}"
    shape: Json = {
        "type": kind, "name": path.rsplit("/", 1)[-1], "path": path, "sha": entry.sha,
        "size": 0 if kind == "dir" else len(world.store.data(entry.sha)), "url": self_url,
        "git_url": git, "html_url": html,
        "download_url": None if kind == "dir" else f"{base}/raw/{repo.full_name}/{ref}/{path}",
        "_links": {"self": self_url, "git": git, "html": html},
    }  # fmt: skip
    if kind == "file" and with_content:
        data = world.store.data(entry.sha)
        big = len(data) > 1024 * 1024  # GitHub leaves out files over 1 MB
        shape.update(encoding="none" if big else "base64",
                     content="" if big else base64.encodebytes(data).decode())  # fmt: skip
    return shape


def branch(base: str, world: World, repo: Repo, name: str, sha: str) -> Json:
    shape = skeleton("branch-with-protection")
    api = f"{base}/repos/{repo.full_name}"
    shape.update(name=name, commit=commit(base, world, repo, sha), protected=False,
                 protection_url=f"{api}/branches/{name}/protection",
                 _links={"self": f"{api}/branches/{name}", "html": f"{HTML}/{repo.full_name}/tree/{name}"})  # fmt: skip
    return shape


def diff_entry(path: str, old: str | None, new: str | None) -> Json:
    status = "added" if old is None else "removed" if new is None else "modified"
    return {
        "sha": new or old or "", "filename": path, "status": status, "additions": 0,
        "deletions": 0, "changes": 0, "blob_url": f"{HTML}/blob/{path}",
        "raw_url": f"{HTML}/raw/{path}", "contents_url": f"{HTML}/contents/{path}",
    }  # fmt: skip


def label(base: str, repo: Repo, name: str, color: str) -> Json:
    key = f"{repo.full_name}:{name}"
    return {
        "id": abs(hash(key)) % 10**9, "node_id": node_id("Label", key),
        "url": f"{base}/repos/{repo.full_name}/labels/{name}", "name": name, "color": color,
        "default": False, "description": "",
    }  # fmt: skip


def pull(base: str, world: World, repo: Repo, pr: Pull, kind: str = "pull-request") -> Json:
    shape = skeleton(kind)
    api = f"{base}/repos/{repo.full_name}"
    url = f"{api}/pulls/{pr.number}"
    head_repo = world.find(*pr.head_repo.split("/"))
    head_sha = head_repo.branch(pr.head_ref) if head_repo else None
    base_sha = repo.branch(pr.base_ref)

    def side(r: Repo | None, ref: str, sha: str | None) -> Json:
        part = shape["head"].copy()
        part.update(label=f"{r.owner if r else '?'}:{ref}", ref=ref, sha=sha or "0" * 40,
                    user=user(base, r.owner if r else "ghost"),
                    repo=repository(base, world, r, "repository") if r else None)  # fmt: skip
        return part

    shape.update(
        id=pr.number + 10_000, node_id=node_id("PullRequest", f"{repo.full_name}#{pr.number}"),
        number=pr.number, url=url, html_url=f"{HTML}/{repo.full_name}/pull/{pr.number}",
        issue_url=f"{api}/issues/{pr.number}", comments_url=f"{api}/issues/{pr.number}/comments",
        commits_url=f"{url}/commits", review_comments_url=f"{url}/comments",
        statuses_url=f"{api}/statuses/{head_sha}", state=pr.state, title=pr.title, body=pr.body,
        draft=pr.draft, user=user(base, pr.user), head=side(head_repo, pr.head_ref, head_sha),
        base=side(repo, pr.base_ref, base_sha), created_at=iso(1_780_000_000),
        updated_at=iso(1_780_000_000), author_association="CONTRIBUTOR",
        labels=[label(base, repo, n, repo.labels.get(n, "ededed")) for n in pr.labels],
    )  # fmt: skip
    if kind == "pull-request":
        shape.update(merged=False, mergeable=True, mergeable_state="clean", comments=len(pr.comments),
                     maintainer_can_modify=pr.maintainer_can_modify, commits=1, changed_files=1)  # fmt: skip
    return shape


def rate_limit(world: World) -> Json:
    core = {"limit": world.rate_limit, "remaining": world.rate_remaining,
            "reset": world.rate_reset, "used": world.rate_limit - world.rate_remaining}  # fmt: skip
    shape = skeleton("rate-limit-overview")
    shape["resources"].update(core=core, search=dict(core, limit=30, remaining=30, used=0))
    shape["resources"]["graphql"] = dict(core)
    shape["rate"] = core
    return shape


def error(message: str, doc: str = "https://docs.github.com/rest", status: int | None = None,
          errors: list[Json] | None = None) -> Json:  # fmt: skip
    body: Json = {"message": message, "documentation_url": doc}
    if errors is not None:
        body["errors"] = errors
    if status is not None:
        body["status"] = str(status)
    return body

"""Pull requests, and the labels and comments of their issues."""

from __future__ import annotations

from typing import Any

from tests.fakegithub import shapes
from tests.fakegithub.routing import DOCS, Ctx, Fail, Reply, paginate, route
from tests.fakegithub.state import Pull, Repo

PULLS_DOC = f"{DOCS}/pulls/pulls"


def _pull(ctx: Ctx, r: Repo, number: str) -> Pull:
    found = next((p for p in r.pulls if str(p.number) == number), None)
    if found is None:
        raise Fail(404, "Not Found", f"{PULLS_DOC}#get-a-pull-request")
    return found


def _head_repo(ctx: Ctx, r: Repo, owner: str) -> Repo | None:
    if owner.lower() == r.owner.lower():
        return r
    return next((x for x in ctx.world.repos.values()
                 if x.owner.lower() == owner.lower() and x.parent == r.full_name), None)  # fmt: skip


def _label(pr: Pull, r: Repo) -> str:
    return f"{pr.head_repo.split('/')[0]}:{pr.head_ref}"


@route("GET", "/repos/{owner}/{repo}/pulls")
def list_pulls(ctx: Ctx, owner: str, repo: str) -> Reply:
    r = ctx.repo(owner, repo)
    state = ctx.query.get("state", "open")
    pulls = [p for p in r.pulls if state == "all" or p.state == state]
    if "head" in ctx.query:
        pulls = [p for p in pulls if _label(p, r).lower() == ctx.query["head"].lower()]
    if "base" in ctx.query:
        pulls = [p for p in pulls if p.base_ref == ctx.query["base"]]
    reply = paginate(ctx, sorted(pulls, key=lambda p: -p.number))
    reply.body = [shapes.pull(ctx.base, ctx.world, r, p, "pull-request-simple") for p in reply.body]
    return reply


@route("POST", "/repos/{owner}/{repo}/pulls")
def create_pull(ctx: Ctx, owner: str, repo: str) -> Reply:
    doc = f"{PULLS_DOC}#create-a-pull-request"
    if ctx.login is None:
        raise Fail(401, "Requires authentication", doc)
    r = ctx.git_repo(owner, repo)
    body = ctx.json()
    head = str(body.get("head", ""))
    head_owner, _, head_ref = head.rpartition(":")
    head_owner = head_owner or r.owner
    head_repo = _head_repo(ctx, r, head_owner)
    base = str(body.get("base", ""))

    def invalid(field: str) -> Fail:
        return Fail(422, "Validation Failed", doc,
                    [{"resource": "PullRequest", "field": field, "code": "invalid"}])  # fmt: skip

    if not body.get("title"):
        raise invalid("title")
    if r.branch(base) is None:
        raise invalid("base")
    if head_repo is None or head_repo.branch(head_ref) is None:
        raise invalid("head")
    label = f"{head_owner}:{head_ref}"
    if any(p.state == "open" and _label(p, r).lower() == label.lower() and p.base_ref == base
           for p in r.pulls):  # fmt: skip
        raise Fail(422, "Validation Failed", doc,
                   [{"resource": "PullRequest", "code": "custom",
                     "message": f"A pull request already exists for {label}."}])  # fmt: skip
    head_sha, base_sha = head_repo.branch(head_ref), r.branch(base)
    assert head_sha is not None and base_sha is not None
    if ctx.world.store.is_ancestor(head_sha, base_sha):
        raise Fail(422, "Validation Failed", doc,
                   [{"resource": "PullRequest", "code": "custom",
                     "message": f"No commits between {base} and {label}"}])  # fmt: skip
    pr = Pull(r.next_number, str(body["title"]), body.get("body"), head_repo.full_name, head_ref,
              base, ctx.login, draft=bool(body.get("draft", False)),
              maintainer_can_modify=bool(body.get("maintainer_can_modify", False)))  # fmt: skip
    r.next_number += 1
    r.pulls.append(pr)
    reply = Reply(201, shapes.pull(ctx.base, ctx.world, r, pr))
    reply.headers["Location"] = f"{ctx.base}/repos/{r.full_name}/pulls/{pr.number}"
    return reply


@route("GET", "/repos/{owner}/{repo}/pulls/{pull_number}")
def get_pull(ctx: Ctx, owner: str, repo: str, pull_number: str) -> Reply:
    r = ctx.repo(owner, repo)
    return Reply(200, shapes.pull(ctx.base, ctx.world, r, _pull(ctx, r, pull_number)))


@route("PATCH", "/repos/{owner}/{repo}/pulls/{pull_number}")
def update_pull(ctx: Ctx, owner: str, repo: str, pull_number: str) -> Reply:
    r = ctx.repo(owner, repo)
    pr = _pull(ctx, r, pull_number)
    if ctx.login is None or ctx.login.lower() not in (pr.user.lower(), r.owner.lower()):
        raise Fail(
            403, "Must have admin rights to Repository.", f"{PULLS_DOC}#update-a-pull-request"
        )
    body = ctx.json()
    for key in ("title", "body", "state", "base", "maintainer_can_modify"):
        if key in body:
            setattr(pr, "base_ref" if key == "base" else key, body[key])
    return Reply(200, shapes.pull(ctx.base, ctx.world, r, pr))


@route("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files")
def list_pull_files(ctx: Ctx, owner: str, repo: str, pull_number: str) -> Reply:
    from tests.fakegithub.routes_repos import _diff

    r = ctx.repo(owner, repo)
    pr = _pull(ctx, r, pull_number)
    store = ctx.world.store
    head_repo = ctx.world.find(*pr.head_repo.split("/"))
    head = head_repo.branch(pr.head_ref) if head_repo else None
    base = r.branch(pr.base_ref)
    if head is None or base is None:
        return paginate(ctx, [])
    base_history = {c.sha for c in store.history(base)}
    merge_base = next((c.sha for c in store.history(head) if c.sha in base_history), base)
    return paginate(
        ctx, _diff(ctx.world, store.read_commit(merge_base).tree, store.read_commit(head).tree)
    )


def _issue(ctx: Ctx, owner: str, repo: str, number: str) -> tuple[Repo, Pull]:
    r = ctx.repo(owner, repo)
    found = next((p for p in r.pulls if str(p.number) == number), None)
    if found is None:  # the fake has pull requests only; their issues share the numbers
        raise Fail(404, "Not Found", f"{DOCS}/issues/issues#get-an-issue")
    return r, found


def _label_names(body: Any) -> list[str]:
    # PyGithub's add_to_labels sends a bare array, which GitHub accepts beside {"labels": [...]}
    items = body if isinstance(body, list) else body.get("labels", [])
    return [item["name"] if isinstance(item, dict) else str(item) for item in items]


def _labels_reply(ctx: Ctx, r: Repo, pr: Pull) -> Reply:
    return Reply(200, [shapes.label(ctx.base, r, n, r.labels.get(n, "ededed")) for n in pr.labels])


@route("GET", "/repos/{owner}/{repo}/issues/{issue_number}/labels")
def list_labels(ctx: Ctx, owner: str, repo: str, issue_number: str) -> Reply:
    r, pr = _issue(ctx, owner, repo, issue_number)
    return _labels_reply(ctx, r, pr)


def _may_label(ctx: Ctx) -> None:
    if ctx.login is None:
        raise Fail(401, "Requires authentication", f"{DOCS}/issues/labels")


@route("POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels")
def add_labels(ctx: Ctx, owner: str, repo: str, issue_number: str) -> Reply:
    _may_label(ctx)
    r, pr = _issue(ctx, owner, repo, issue_number)
    for name in _label_names(ctx.json()):
        r.labels.setdefault(name, "ededed")
        if name not in pr.labels:
            pr.labels.append(name)
    return _labels_reply(ctx, r, pr)


@route("PUT", "/repos/{owner}/{repo}/issues/{issue_number}/labels")
def set_labels(ctx: Ctx, owner: str, repo: str, issue_number: str) -> Reply:
    _may_label(ctx)
    r, pr = _issue(ctx, owner, repo, issue_number)
    pr.labels = []
    for name in _label_names(ctx.json()):
        r.labels.setdefault(name, "ededed")
        if name not in pr.labels:
            pr.labels.append(name)
    return _labels_reply(ctx, r, pr)


@route("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels")
def remove_labels(ctx: Ctx, owner: str, repo: str, issue_number: str) -> Reply:
    _may_label(ctx)
    _, pr = _issue(ctx, owner, repo, issue_number)
    pr.labels = []
    return Reply(204)


@route("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments")
def list_comments(ctx: Ctx, owner: str, repo: str, issue_number: str) -> Reply:
    _, pr = _issue(ctx, owner, repo, issue_number)
    return paginate(ctx, list(pr.comments))


@route("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments")
def add_comment(ctx: Ctx, owner: str, repo: str, issue_number: str) -> Reply:
    doc = f"{DOCS}/issues/comments#create-an-issue-comment"
    if ctx.login is None:
        raise Fail(401, "Requires authentication", doc)
    r, pr = _issue(ctx, owner, repo, issue_number)
    text = ctx.json().get("body")
    if not isinstance(text, str) or not text:
        raise Fail(422, "Validation Failed", doc,
                   [{"resource": "IssueComment", "field": "body", "code": "missing_field"}])  # fmt: skip
    cid = ctx.world.new_id()
    api = f"{ctx.base}/repos/{r.full_name}"
    comment = shapes.skeleton("issue-comment")
    comment.update(
        id=cid, node_id=shapes.node_id("IssueComment", cid), url=f"{api}/issues/comments/{cid}",
        html_url=f"{shapes.HTML}/{r.full_name}/pull/{pr.number}#issuecomment-{cid}", body=text,
        user=shapes.user(ctx.base, ctx.login), issue_url=f"{api}/issues/{pr.number}",
        author_association="CONTRIBUTOR",
    )  # fmt: skip
    pr.comments.append(comment)
    return Reply(201, comment, headers={"Location": comment["url"]})

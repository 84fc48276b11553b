"""Git data: blobs, trees, commits and refs."""

from __future__ import annotations

import base64
import binascii

from tests.fakegithub import shapes
from tests.fakegithub.objects import TREE_MODE, Entry, Person
from tests.fakegithub.routing import DOCS, Ctx, Fail, Reply, route
from tests.fakegithub.state import FAKE_EPOCH

GIT_DOC = f"{DOCS}/git"


@route("POST", "/repos/{owner}/{repo}/git/blobs")
def create_blob(ctx: Ctx, owner: str, repo: str) -> Reply:
    r = ctx.writable(owner, repo)
    body = ctx.json()
    text = body.get("content")
    if not isinstance(text, str):
        raise Fail(
            422, 'Invalid request.\n\n"content" wasn\'t supplied.', f"{GIT_DOC}/blobs#create-a-blob"
        )
    try:
        data = base64.b64decode(text) if body.get("encoding") == "base64" else text.encode()
    except (binascii.Error, ValueError):
        raise Fail(422, "content is not valid Base64", f"{GIT_DOC}/blobs#create-a-blob") from None
    sha = ctx.world.store.put("blob", data)
    return Reply(201, {"sha": sha, "url": f"{ctx.base}/repos/{r.full_name}/git/blobs/{sha}"},
                 headers={"Location": f"{ctx.base}/repos/{r.full_name}/git/blobs/{sha}"})  # fmt: skip


@route("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}")
def get_blob(ctx: Ctx, owner: str, repo: str, file_sha: str) -> Reply:
    r = ctx.git_repo(owner, repo)
    if ctx.world.store.kind(file_sha) != "blob":
        raise Fail(404, "Not Found", f"{GIT_DOC}/blobs#get-a-blob")
    return Reply(200, shapes.blob(ctx.base, ctx.world, r, file_sha))


@route("POST", "/repos/{owner}/{repo}/git/trees")
def create_tree(ctx: Ctx, owner: str, repo: str) -> Reply:
    doc = f"{GIT_DOC}/trees#create-a-tree"
    r = ctx.writable(owner, repo)
    body = ctx.json()
    store = ctx.world.store
    tree = body.get("base_tree")
    if tree is not None and store.kind(tree) != "tree":
        raise Fail(422, "base_tree is not a valid tree oid", doc)
    if tree is None:
        tree = store.write_tree([])
    for item in body.get("tree", []):
        path = item.get("path", "")
        if "content" in item:
            sha: str | None = store.put("blob", str(item["content"]).encode())
        else:
            sha = item.get("sha")
        if sha is not None and store.kind(sha) is None:
            raise Fail(422, f"tree.sha {sha} is not a valid object", doc)
        mode = item.get("mode", "100644")
        entry = None if sha is None else Entry(TREE_MODE if mode == "040000" else mode, path, sha)
        tree = store.with_path(tree, path, entry)
    return Reply(201, shapes.git_tree(ctx.base, ctx.world, r, tree, False),
                 headers={"Location": f"{ctx.base}/repos/{r.full_name}/git/trees/{tree}"})  # fmt: skip


@route("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}")
def get_tree(ctx: Ctx, owner: str, repo: str, tree_sha: str) -> Reply:
    r = ctx.git_repo(owner, repo)
    if ctx.world.store.kind(tree_sha) != "tree":
        raise Fail(404, "Not Found", f"{GIT_DOC}/trees#get-a-tree")
    recursive = ctx.query.get("recursive") not in (None, "", "0", "false")
    return Reply(200, shapes.git_tree(ctx.base, ctx.world, r, tree_sha, recursive))


@route("POST", "/repos/{owner}/{repo}/git/commits")
def create_commit(ctx: Ctx, owner: str, repo: str) -> Reply:
    doc = f"{GIT_DOC}/commits#create-a-commit"
    r = ctx.writable(owner, repo)
    body = ctx.json()
    store = ctx.world.store
    if store.kind(body.get("tree", "")) != "tree":
        raise Fail(422, "Tree SHA does not exist", doc)
    parents = tuple(body.get("parents", []))
    if any(store.kind(p) != "commit" for p in parents):
        raise Fail(422, "Parent SHA does not exist or is not a commit object", doc)
    assert ctx.login is not None
    epoch = FAKE_EPOCH + ctx.world.new_id()

    def person(key: str) -> Person:
        given = body.get(key) or {}
        return Person(
            given.get("name", ctx.login),
            given.get("email", f"{ctx.login}@users.noreply.github.com"),
            epoch,
        )

    sha = store.write_commit(body["tree"], parents, str(body.get("message", "")), person("author"),
                             person("committer") if body.get("committer") else None)  # fmt: skip
    return Reply(201, shapes.git_commit(ctx.base, ctx.world, r, sha),
                 headers={"Location": f"{ctx.base}/repos/{r.full_name}/git/commits/{sha}"})  # fmt: skip


@route("GET", "/repos/{owner}/{repo}/git/commits/{commit_sha}")
def get_git_commit(ctx: Ctx, owner: str, repo: str, commit_sha: str) -> Reply:
    r = ctx.git_repo(owner, repo)
    if ctx.world.store.kind(commit_sha) != "commit":
        raise Fail(404, "Not Found", f"{GIT_DOC}/commits#get-a-commit-object")
    return Reply(200, shapes.git_commit(ctx.base, ctx.world, r, commit_sha))


@route("GET", "/repos/{owner}/{repo}/git/ref/{ref}")
def get_ref(ctx: Ctx, owner: str, repo: str, ref: str) -> Reply:
    r = ctx.git_repo(owner, repo)
    sha = r.refs.get(f"refs/{ref}")
    if sha is None:
        raise Fail(404, "Not Found", f"{GIT_DOC}/refs#get-a-reference")
    return Reply(200, shapes.git_ref(ctx.base, r, f"refs/{ref}", sha))


@route("POST", "/repos/{owner}/{repo}/git/refs")
def create_ref(ctx: Ctx, owner: str, repo: str) -> Reply:
    doc = f"{GIT_DOC}/refs#create-a-reference"
    r = ctx.writable(owner, repo)
    body = ctx.json()
    ref, sha = str(body.get("ref", "")), str(body.get("sha", ""))
    if not ref.startswith("refs/") or ref.count("/") < 2:
        raise Fail(422, "Reference name is invalid", doc)
    if ref in r.refs:
        raise Fail(422, "Reference already exists", doc)
    if ctx.world.store.kind(sha) != "commit":
        raise Fail(422, "Object does not exist", doc)
    r.refs[ref] = sha
    url = f"{ctx.base}/repos/{r.full_name}/git/{ref}"
    return Reply(201, shapes.git_ref(ctx.base, r, ref, sha), headers={"Location": url})


@route("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}")
def update_ref(ctx: Ctx, owner: str, repo: str, ref: str) -> Reply:
    doc = f"{GIT_DOC}/refs#update-a-reference"
    r = ctx.writable(owner, repo)
    body = ctx.json()
    name, sha = f"refs/{ref}", str(body.get("sha", ""))
    if name not in r.refs:
        raise Fail(422, "Reference does not exist", doc)
    if ctx.world.store.kind(sha) != "commit":
        raise Fail(422, "Object does not exist", doc)
    if not body.get("force") and not ctx.world.store.is_ancestor(r.refs[name], sha):
        raise Fail(422, "Update is not a fast forward", doc)
    r.refs[name] = sha
    return Reply(200, shapes.git_ref(ctx.base, r, name, sha))


@route("DELETE", "/repos/{owner}/{repo}/git/refs/{ref}")
def delete_ref(ctx: Ctx, owner: str, repo: str, ref: str) -> Reply:
    r = ctx.writable(owner, repo)
    if r.refs.pop(f"refs/{ref}", None) is None:
        raise Fail(422, "Reference does not exist", f"{GIT_DOC}/refs#delete-a-reference")
    return Reply(204)

"""A content-addressed git object store: blobs, trees and commits with git's own shas.

Objects imported from a real repository keep their shas, and objects made through the fake's
API are serialised exactly as git would, so a commit made here could be pushed to git.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

FILE_MODE = "100644"
TREE_MODE = "40000"


@dataclass(frozen=True, slots=True)
class Entry:
    mode: str
    name: str
    sha: str

    @property
    def kind(self) -> str:
        return "tree" if self.mode == TREE_MODE else "commit" if self.mode == "160000" else "blob"


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    email: str
    epoch: int
    offset: str = "+0000"

    def line(self) -> str:
        return f"{self.name} <{self.email}> {self.epoch} {self.offset}"


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    tree: str
    parents: tuple[str, ...]
    author: Person
    committer: Person
    message: str


class ObjectStore:
    def __init__(self) -> None:
        self.objects: dict[str, tuple[str, bytes]] = {}

    def put(self, kind: str, data: bytes) -> str:
        sha = hashlib.sha1(f"{kind} {len(data)}\0".encode() + data).hexdigest()
        self.objects.setdefault(sha, (kind, data))
        return sha

    def kind(self, sha: str) -> str | None:
        found = self.objects.get(sha)
        return found[0] if found else None

    def data(self, sha: str) -> bytes:
        return self.objects[sha][1]

    # trees
    def write_tree(self, entries: list[Entry]) -> str:
        # git orders entries by name, a tree's name compared as if it ended in "/"
        ordered = sorted(entries, key=lambda e: e.name + ("/" if e.mode == TREE_MODE else ""))
        data = b"".join(f"{e.mode} {e.name}\0".encode() + bytes.fromhex(e.sha) for e in ordered)
        return self.put("tree", data)

    def read_tree(self, sha: str) -> list[Entry]:
        data, entries, at = self.data(sha), [], 0
        while at < len(data):
            space = data.index(b" ", at)
            nul = data.index(b"\0", space)
            mode, name = data[at:space].decode(), data[space + 1 : nul].decode()
            entries.append(Entry(mode, name, data[nul + 1 : nul + 21].hex()))
            at = nul + 21
        return entries

    def files(self, tree: str, prefix: str = "") -> dict[str, Entry]:
        """Every file below ``tree``, by its full path."""
        found: dict[str, Entry] = {}
        for entry in self.read_tree(tree):
            path = prefix + entry.name
            if entry.mode == TREE_MODE:
                found.update(self.files(entry.sha, path + "/"))
            else:
                found[path] = Entry(entry.mode, path, entry.sha)
        return found

    def lookup(self, tree: str, path: str) -> Entry | None:
        """The entry at ``path`` below ``tree`` (a file or a folder), or None."""
        entry: Entry | None = Entry(TREE_MODE, "", tree)
        for part in [p for p in path.strip("/").split("/") if p]:
            if entry is None or entry.mode != TREE_MODE:
                return None
            entry = next((e for e in self.read_tree(entry.sha) if e.name == part), None)
        return entry

    def with_path(self, tree: str | None, path: str, entry: Entry | None) -> str:
        """A new tree: ``tree`` with ``path`` set to ``entry`` (None deletes it)."""
        head, _, rest = path.strip("/").partition("/")
        entries = {e.name: e for e in self.read_tree(tree)} if tree else {}
        if rest:
            below = entries.get(head)
            sub = self.with_path(
                below.sha if below and below.mode == TREE_MODE else None, rest, entry
            )
            if self.read_tree(sub):
                entries[head] = Entry(TREE_MODE, head, sub)
            else:
                entries.pop(head, None)
        elif entry is None:
            entries.pop(head, None)
        else:
            entries[head] = Entry(entry.mode, head, entry.sha)
        return self.write_tree(list(entries.values()))

    # commits
    def write_commit(
        self, tree: str, parents: tuple[str, ...], message: str, author: Person,
        committer: Person | None = None,
    ) -> str:  # fmt: skip
        lines = [f"tree {tree}", *(f"parent {p}" for p in parents), f"author {author.line()}",
                 f"committer {(committer or author).line()}"]  # fmt: skip
        return self.put("commit", ("\n".join(lines) + "\n\n" + message).encode())

    def read_commit(self, sha: str) -> Commit:
        head, _, message = self.data(sha).decode("utf-8", "replace").partition("\n\n")
        tree, parents, people = "", [], {}
        for line in head.splitlines():
            if line.startswith(" "):  # continuation of a multi-line header (gpgsig)
                continue
            key, _, value = line.partition(" ")
            if key == "tree":
                tree = value
            elif key == "parent":
                parents.append(value)
            elif key in ("author", "committer"):
                people[key] = _person(value)
        return Commit(sha, tree, tuple(parents), people["author"], people["committer"], message)

    def history(self, start: str) -> list[Commit]:
        """Commits reachable from ``start``, newest first (by committer time, then order found)."""
        seen: dict[str, Commit] = {}
        todo = [start]
        while todo:
            sha = todo.pop()
            if sha in seen or self.kind(sha) != "commit":
                continue
            seen[sha] = commit = self.read_commit(sha)
            todo.extend(commit.parents)
        return sorted(seen.values(), key=lambda c: -c.committer.epoch)

    def is_ancestor(self, ancestor: str, of: str) -> bool:
        return any(c.sha == ancestor for c in self.history(of))

    # import from git
    def load_git(self, repo: Path, *revisions: str) -> None:
        """Copy every object reachable from ``revisions`` of a real repository, shas unchanged."""
        listing = _git(repo, "rev-list", "--objects", *revisions).decode().split("\n")
        wanted = "\n".join(line.split(" ", 1)[0] for line in listing if line) + "\n"
        out = _git(repo, "cat-file", "--batch", stdin=wanted.encode())
        at = 0
        while at < len(out):
            nl = out.index(b"\n", at)
            _sha, kind, size = out[at:nl].decode().split()
            start = nl + 1
            self.put(kind, out[start : start + int(size)])
            at = start + int(size) + 1


def _person(value: str) -> Person:
    who, _, when = value.rpartition("> ")
    name, _, email = who.partition(" <")
    epoch, _, offset = when.partition(" ")
    return Person(name, email, int(epoch), offset or "+0000")


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", "-C", str(repo), *args], input=stdin, capture_output=True, check=True
    ).stdout

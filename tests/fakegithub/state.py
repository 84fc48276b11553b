"""What the fake GitHub knows: accounts, repositories, refs, pull requests, labels, comments."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.fakegithub.objects import FILE_MODE, Entry, ObjectStore, Person

FAKE_EPOCH = 1_780_000_000  # a fixed clock for commits the fake makes: answers are repeatable


@dataclass
class Pull:
    number: int
    title: str
    body: str | None
    head_repo: str  # full name of the repository the head branch lives in
    head_ref: str
    base_ref: str
    user: str
    state: str = "open"
    draft: bool = False
    maintainer_can_modify: bool = False
    labels: list[str] = field(default_factory=list)
    comments: list[dict[str, object]] = field(default_factory=list)


@dataclass
class Repo:
    owner: str
    name: str
    id: int
    default_branch: str = "main"
    private: bool = False
    refs: dict[str, str] = field(default_factory=dict)  # "refs/heads/main" → commit sha
    parent: str | None = None  # full name of the repository this one was forked from
    not_ready: int = 0  # requests left during which a new fork has no git data yet
    pulls: list[Pull] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # label name → colour
    writable: bool = False  # the token may push here though another account owns it
    next_number: int = 1

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def branch(self, name: str) -> str | None:
        return self.refs.get(f"refs/heads/{name}")


@dataclass
class World:
    """Every repository of the fake, sharing one object store (as a fork network does)."""

    token: str | None = "fake-token-0000"
    login: str = "qsync-bot"
    store: ObjectStore = field(default_factory=ObjectStore)
    repos: dict[str, Repo] = field(default_factory=dict)
    rate_limit: int = 5000
    rate_remaining: int = 5000
    rate_reset: int = field(default_factory=lambda: int(time.time()) + 3600)
    fork_delay: int = 0  # requests a new fork answers "not ready" (409) before it has its git data
    next_id: int = 1000

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def find(self, owner: str, name: str) -> Repo | None:
        return self.repos.get(f"{owner}/{name}".lower())

    def add_repo(self, full_name: str, *, default_branch: str = "main", private: bool = False,
                 parent: str | None = None) -> Repo:  # fmt: skip
        owner, name = full_name.split("/")
        repo = Repo(owner, name, self.new_id(), default_branch, private, parent=parent)
        self.repos[full_name.lower()] = repo
        return repo

    def seed_files(self, full_name: str, files: dict[str, str], *, branch: str = "main",
                   message: str = "Seed", private: bool = False) -> str:  # fmt: skip
        """A repository (made if new) whose ``branch`` gets one commit holding ``files``."""
        repo = self.find(*full_name.split("/")) or self.add_repo(
            full_name, default_branch=branch, private=private
        )
        tree: str | None = None
        for path, text in files.items():
            blob = self.store.put("blob", text.encode())
            tree = self.store.with_path(tree, path, Entry(FILE_MODE, path, blob))
        tree = tree or self.store.write_tree([])
        parent = repo.branch(branch)
        author = Person("Fake Author", "author@example.com", FAKE_EPOCH)
        sha = self.store.write_commit(tree, (parent,) if parent else (), message, author)
        repo.refs[f"refs/heads/{branch}"] = sha
        return sha

    def seed_git(self, full_name: str, git_repo: Path, commit: str, *, branch: str = "main",
                 private: bool = False) -> str:  # fmt: skip
        """A repository whose ``branch`` points at ``commit`` of a real git repository."""
        from tests.fakegithub.objects import _git

        sha = _git(git_repo, "rev-parse", f"{commit}^{{commit}}").decode().strip()
        self.store.load_git(git_repo, sha)
        repo = self.find(*full_name.split("/")) or self.add_repo(
            full_name, default_branch=branch, private=private
        )
        repo.refs[f"refs/heads/{branch}"] = sha
        return sha

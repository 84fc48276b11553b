"""GitSource reads with git itself: a clone, a bare repository, a bundle, a file:// URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from qsync.errors import ExitCode, RemoteError
from qsync.upstream.git import GitSource
from qsync.upstream.text import git_blob_sha
from tests.conftest import git_show
from tests.upstream.conftest import KITCHEN_V1, KITCHEN_V2, git

AI_PAGE = "ai-security-interview-questions.md"


def test_reads_a_file_of_a_clone_at_a_branch(kitchen_repo: Path) -> None:
    found = GitSource(str(kitchen_repo), "main").read("kitchen.md")

    assert found.text == KITCHEN_V2
    assert found.commit == git(kitchen_repo, "rev-parse", "main")
    assert found.blob_sha == git(kitchen_repo, "rev-parse", "main:kitchen.md")
    assert found.blob_sha == git_blob_sha(KITCHEN_V2.encode())
    assert (found.kind, found.ref, found.location) == ("git", "main", str(kitchen_repo))


def test_a_tag_a_short_sha_and_a_nested_path_resolve(kitchen_repo: Path) -> None:
    first = git(kitchen_repo, "rev-parse", "v1")

    assert GitSource(str(kitchen_repo), "v1").read("kitchen.md").text == KITCHEN_V1
    assert GitSource(str(kitchen_repo), first[:8]).read("kitchen.md").commit == first
    assert GitSource(str(kitchen_repo), "main").read("docs/pantry.md").text == "# Pantry\n"


def test_a_missing_file_reads_as_none(kitchen_repo: Path) -> None:
    found = GitSource(str(kitchen_repo), "main").read("cellar.md")

    assert found.text is None and found.blob_sha is None
    assert found.commit == git(kitchen_repo, "rev-parse", "main")


def test_a_bare_repository_and_a_file_url_read_the_same(kitchen_repo: Path, tmp_path: Path) -> None:
    bare = tmp_path / "kitchen.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(kitchen_repo), str(bare))

    from_bare = GitSource(str(bare), "main").read("kitchen.md")
    from_url = GitSource(bare.as_uri(), "v1", cache_dir=tmp_path / "cache").read("kitchen.md")

    assert from_bare.text == KITCHEN_V2
    assert from_url.text == KITCHEN_V1
    assert list((tmp_path / "cache" / "git").glob("*.git")), "the URL is mirrored in the cache"


def test_a_mirror_in_the_cache_is_refreshed_on_the_next_run(
    kitchen_repo: Path, tmp_path: Path
) -> None:
    url, cache = kitchen_repo.as_uri(), tmp_path / "cache"
    assert GitSource(url, "main", cache_dir=cache).read("kitchen.md").text == KITCHEN_V2

    (kitchen_repo / "kitchen.md").write_text("# Changed\n")
    git(kitchen_repo, "commit", "--quiet", "-am", "Change")

    assert GitSource(url, "main", cache_dir=cache).read("kitchen.md").text == "# Changed\n"


def test_a_clone_falls_back_to_the_remote_tracking_branch(
    kitchen_repo: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(kitchen_repo), str(clone))
    git(kitchen_repo, "branch", "cloudsecurity", "v1")
    git(clone, "fetch", "--quiet")

    assert GitSource(str(clone), "cloudsecurity").read("kitchen.md").text == KITCHEN_V1


@pytest.mark.parametrize(
    ("location", "ref", "path", "expected"),
    [
        ("{repo}", "no-such-branch", "kitchen.md", "{repo}: unknown ref 'no-such-branch' (no such branch, tag or commit)"),
        ("{missing}", "main", "kitchen.md", "{missing}: no such git repository, bundle or URL"),
        ("{plain}", "main", "kitchen.md", "{plain}: not a git repository"),
        ("{repo}", "main", "docs", "{repo}@main:docs: is a tree, not a file"),
    ],
)  # fmt: skip
def test_failures_are_one_remote_error_line(
    kitchen_repo: Path, tmp_path: Path, location: str, ref: str, path: str, expected: str
) -> None:
    names = {
        "repo": str(kitchen_repo),
        "missing": str(tmp_path / "nowhere"),
        "plain": str(tmp_path),
    }

    with pytest.raises(RemoteError) as caught:
        GitSource(location.format(**names), ref).read(path)

    assert str(caught.value) == expected.format(**names)
    assert caught.value.exit_code == ExitCode.REMOTE


def test_an_unreachable_url_names_gits_reason(tmp_path: Path) -> None:
    url = (tmp_path / "gone.git").as_uri()

    with pytest.raises(RemoteError) as caught:
        GitSource(url, "main", cache_dir=tmp_path / "cache").read("a.md")

    message = str(caught.value)
    assert message.startswith(f"{url}: ") and "\n" not in message
    assert "does not appear to be a git repository" in message


@pytest.mark.corpus
@pytest.mark.parametrize("kind", ["clone", "bare", "bundle"])
@pytest.mark.parametrize(
    ("commit", "first_line"),
    [
        ("6fa8ab4", "# AI Security Interview Questions"),
        ("d922c63", "# AI Security Interview Questions"),
    ],
)
def test_the_corpus_upstream_reads_alike_as_clone_bare_and_bundle(
    corpus: Path, upstream_repo: Path, tmp_path: Path, kind: str, commit: str, first_line: str
) -> None:
    if kind == "clone":
        location = str(upstream_repo)
    elif kind == "bare":
        location = str(tmp_path / "bare.git")
        git(tmp_path, "clone", "--quiet", "--bare", str(upstream_repo), location)
    else:
        location = str(corpus / "upstream.bundle")

    found = GitSource(location, commit, cache_dir=tmp_path / "cache").read(AI_PAGE)

    assert found.text is not None
    assert found.text.encode() == git_show(upstream_repo, commit, AI_PAGE)
    assert found.text.splitlines()[0] == first_line
    assert found.commit == git(upstream_repo, "rev-parse", commit)
    assert found.blob_sha == git(upstream_repo, "rev-parse", f"{commit}:{AI_PAGE}")


@pytest.mark.corpus
def test_the_stub_and_the_full_page_differ_as_the_corpus_says(corpus: Path, tmp_path: Path) -> None:
    bundle = str(corpus / "upstream.bundle")
    stub = GitSource(bundle, "6fa8ab4", cache_dir=tmp_path).read(AI_PAGE).text
    full = GitSource(bundle, "d922c63", cache_dir=tmp_path).read(AI_PAGE).text

    assert stub is not None and full is not None
    assert stub.strip() == "# AI Security Interview Questions"
    assert full.count("### Scenario ") == 30

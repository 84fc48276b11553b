"""Reading upstream with git itself: a clone, a bare repository, a bundle file or a URL.

A clone or bare repository is read in place. A bundle or URL is fetched once per source into a
bare mirror (under ``cache_dir`` when given, else a temporary folder) and read from there.
Every git call goes through :func:`run_git`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

from qsync.errors import RemoteError
from qsync.upstream import UpstreamFile
from qsync.upstream.text import decode_text

GIT_TIMEOUT = 300.0  # seconds; a fetch of a large remote may be slow, a hang must not be endless


def run_git(*args: str, cwd: Path | None = None, what: str) -> bytes:
    """Run ``git args…``; its stdout, or a RemoteError naming ``what`` and git's own reason."""
    env = {
        **os.environ,
        "GIT_TERMINAL_PROMPT": "0",  # never wait for a password on a terminal
        "GIT_ASKPASS": "",
        "LC_ALL": "C",  # git's messages in English, so they read the same everywhere
    }
    command = ["git", "-c", "core.quotepath=false", *args]
    try:
        done = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, timeout=GIT_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise RemoteError("git is not installed (needed to read upstream with git)") from None
    except subprocess.TimeoutExpired:
        raise RemoteError(f"{what}: git took longer than {GIT_TIMEOUT:.0f} s") from None
    if done.returncode != 0:
        raise RemoteError(f"{what}: {_reason(done.stderr)}")
    return done.stdout


def _reason(stderr: bytes) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    # git's first "fatal:"/"error:" line says why; later ones repeat it, the rest are hints
    for line in lines:
        if line.startswith(("fatal:", "error:")):
            return line.split(":", 1)[1].strip()
    return lines[-1] if lines else "git failed"


def _is_url(location: str) -> bool:
    return "://" in location or (":" in location and "@" in location.split(":", 1)[0])


class GitSource:
    """Upstream files read with git at ``ref`` (a branch, tag or commit) of ``location``."""

    kind = "git"

    def __init__(
        self, location: str, ref: str, *, cache_dir: Path | None = None, repo: str | None = None
    ) -> None:
        self.location = location
        self.ref = ref
        self._cache_dir = cache_dir
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._git_dir: Path | None = None
        self._commit: str | None = None
        self.repo = repo or _repo_name(location)  # OWNER/NAME for reports

    def read(self, path: str) -> UpstreamFile:
        commit = self.commit()
        listing = run_git(
            "ls-tree", "-z", commit, "--", path, cwd=self._repository(), what=self._where(path)
        )
        entry = listing.split(b"\x00", 1)[0]
        if not entry:
            return self._file(path, commit, None, None)
        meta, _, _name = entry.partition(b"\t")
        _mode, kind, blob = meta.decode().split()
        if kind != "blob":
            raise RemoteError(f"is a {kind}, not a file", path=self._where(path))
        raw = run_git("cat-file", "blob", blob, cwd=self._repository(), what=self._where(path))
        return self._file(path, commit, decode_text(raw, self._where(path)), blob)

    def commit(self) -> str:
        """The full sha ``ref`` resolves to (resolved once per source)."""
        if self._commit is None:
            self._commit = self._resolve(self._repository())
        return self._commit

    def _resolve(self, repo: Path) -> str:
        for candidate in (self.ref, f"refs/remotes/origin/{self.ref}"):
            try:
                out = run_git(
                    "rev-parse", "--verify", "--quiet", "--end-of-options",
                    f"{candidate}^{{commit}}", cwd=repo, what=self.location,
                )  # fmt: skip
            except RemoteError:
                continue
            return out.decode().strip()
        raise RemoteError(f"unknown ref {self.ref!r} (no such branch, tag or commit)",
                          path=self.location)  # fmt: skip

    def _repository(self) -> Path:
        if self._git_dir is None:
            self._git_dir = self._open()
        return self._git_dir

    def _open(self) -> Path:
        local = Path(self.location)
        if not _is_url(self.location) and local.is_dir():
            try:
                run_git("rev-parse", "--git-dir", cwd=local, what=self.location)
            except RemoteError:
                raise RemoteError("not a git repository", path=self.location) from None
            return local
        if not _is_url(self.location) and not local.exists():
            raise RemoteError("no such git repository, bundle or URL", path=self.location)
        return self._mirror()

    def _mirror(self) -> Path:
        """A bare mirror of a bundle or URL, fetched now (so ``ref`` is as fresh as the remote)."""
        if self._cache_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="qsync-git-")
            root = Path(self._tmp.name)
        else:
            root = self._cache_dir / "git"
        key = hashlib.sha256(self.location.encode()).hexdigest()[:16]
        mirror = root / f"{key}.git"
        if not (mirror / "HEAD").is_file():
            mirror.parent.mkdir(parents=True, exist_ok=True)
            run_git("init", "--quiet", "--bare", str(mirror), what=self.location)
        source = str(Path(self.location).resolve()) if not _is_url(self.location) else self.location
        run_git(
            "fetch", "--quiet", "--prune", "--no-tags", source,
            "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*",
            cwd=mirror, what=self.location,
        )  # fmt: skip
        return mirror

    def _where(self, path: str) -> str:
        return f"{self.location}@{self.ref}:{path}"

    def _file(self, path: str, commit: str, text: str | None, blob: str | None) -> UpstreamFile:
        return UpstreamFile(
            repo=self.repo, path=path, ref=self.ref, commit=commit, text=text,
            blob_sha=blob, kind="git", location=self.location,
        )  # fmt: skip


def _repo_name(location: str) -> str:
    """OWNER/NAME guessed from the location's last two parts, for reports only."""
    parts = [p for p in location.rstrip("/").replace(":", "/").split("/") if p]
    name = parts[-1].removesuffix(".git").removesuffix(".bundle") if parts else "upstream"
    owner = parts[-2] if len(parts) > 1 else "local"
    return f"{owner}/{name}"

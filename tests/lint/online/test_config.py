"""[lint.online] in qsync.toml becomes OnlineOptions; the schema checks it first."""

from __future__ import annotations

from pathlib import Path

import pytest

from qsync.config import load_config
from qsync.errors import InputError
from qsync.lint.online import OnlineOptions, options_from_config


def test_an_empty_table_gives_the_defaults_and_a_cache_beside_the_config(tmp_path: Path) -> None:
    options = options_from_config({}, tmp_path)
    assert options == OnlineOptions(cache_dir=tmp_path / ".qsync-cache")


def test_every_key_of_the_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "qsync.toml").write_text(
        "[lint.online]\n"
        "concurrency = 64\nper_host = 4\ntimeout = 2.5\nretries = 1\nbackoff = 0.25\n"
        "max_retry_after = 10\ncache_ttl = 600\ncache_dir = 'build/links'\n"
        "allow_private = true\nallow_hosts = ['wiki.intranet']\nmax_redirects = 2\n"
        "max_body_bytes = 4096\nexclude = ['https://example.com/', 'linkedin\\.com']\n"
    )
    config = load_config(start=tmp_path)
    options = options_from_config(config.lint, config.root)
    assert options == OnlineOptions(
        concurrency=64,
        per_host=4,
        timeout=2.5,
        retries=1,
        backoff=0.25,
        max_retry_after=10.0,
        cache_ttl=600.0,
        cache_dir=tmp_path.resolve() / "build" / "links",
        allow_private=True,
        allow_hosts=("wiki.intranet",),
        max_redirects=2,
        max_body_bytes=4096,
        exclude=("https://example.com/", r"linkedin\.com"),
    )


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ("per_host = 0", "lint.online.per_host"),
        ("timeout = 0", "lint.online.timeout"),
        ("allow_hosts = 'localhost'", "lint.online.allow_hosts"),
        ("follow = true", "lint.online"),
    ],
)
def test_a_bad_value_is_refused_naming_the_key(tmp_path: Path, line: str, complaint: str) -> None:
    (tmp_path / "qsync.toml").write_text(f"[lint.online]\n{line}\n")
    with pytest.raises(InputError) as caught:
        load_config(start=tmp_path)
    assert complaint in str(caught.value)


def test_the_checker_costs_nothing_at_start_up_until_it_fetches() -> None:
    """Offline lint imports this package; aiohttp, rich and jsonschema wait for a fetch."""
    import subprocess
    import sys

    code = (
        "import sys, qsync.lint.online as o; o.check_urls(['mailto:a@b.c'], o.OnlineOptions()); "
        "print(sorted(m for m in ('aiohttp', 'rich', 'jsonschema') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

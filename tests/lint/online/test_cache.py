"""Definitive results are kept on disk for cache_ttl seconds, so a rerun fetches nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qsync.lint.online import OnlineOptions, check_urls
from qsync.schema import schema_errors
from tests.lint.online.servers import Server, closed_port, serve


@pytest.fixture
def server() -> Iterator[Server]:
    with serve() as (one,):
        yield one


def cached(tmp_path: Path, **more: Any) -> OnlineOptions:
    return OnlineOptions(
        allow_hosts=("127.0.0.1",), cache_dir=tmp_path / ".qsync-cache", backoff=0.01, **more
    )


def test_a_second_run_answers_from_the_cache_without_a_request(
    server: Server, tmp_path: Path
) -> None:
    urls = [server.url("/ok"), server.url("/301"), server.url("/404")]
    first = check_urls(urls, cached(tmp_path))
    asked = server.meter.total
    second = check_urls(urls, cached(tmp_path))
    assert server.meter.total == asked
    for url in urls:
        assert second[url].from_cache and second[url].attempts == 0
        assert (second[url].outcome, second[url].status, second[url].final_url) == (
            first[url].outcome,
            first[url].status,
            first[url].final_url,
        )
    assert second[server.url("/301")].permanent


def test_the_cache_file_is_a_valid_qsync_document(server: Server, tmp_path: Path) -> None:
    check_urls([server.url("/ok")], cached(tmp_path))
    document = json.loads((tmp_path / ".qsync-cache" / "links.json").read_text())
    assert document["schema"] == "qsync.link-cache/1"
    assert schema_errors(document) == []
    assert document["entries"][server.url("/ok")]["outcome"] == "ok"


def test_passing_failures_are_asked_again_next_run(server: Server, tmp_path: Path) -> None:
    refused = f"http://127.0.0.1:{closed_port()}/"
    urls = [server.url("/500"), server.url("/429"), refused, server.url("/ok")]
    check_urls(urls, cached(tmp_path, retries=0))
    entries = json.loads((tmp_path / ".qsync-cache" / "links.json").read_text())["entries"]
    assert list(entries) == [server.url("/ok")]
    before = server.meter.total
    again = check_urls(urls, cached(tmp_path, retries=0))
    assert not again[server.url("/500")].from_cache
    assert server.meter.total - before == 3  # /500 HEAD+GET and /429; /ok came from the cache


def test_an_entry_past_its_ttl_is_fetched_again(server: Server, tmp_path: Path) -> None:
    check_urls([server.url("/ok")], cached(tmp_path))
    path = tmp_path / ".qsync-cache" / "links.json"
    document = json.loads(path.read_text())
    document["entries"][server.url("/ok")]["checked_at"] -= 3600
    path.write_text(json.dumps(document))
    result = check_urls([server.url("/ok")], cached(tmp_path, cache_ttl=1800.0))[server.url("/ok")]
    assert not result.from_cache
    assert server.meter.asked("/ok") == 2


def test_a_ttl_of_zero_turns_the_cache_off(server: Server, tmp_path: Path) -> None:
    check_urls([server.url("/ok")], cached(tmp_path, cache_ttl=0.0))
    check_urls([server.url("/ok")], cached(tmp_path, cache_ttl=0.0))
    assert server.meter.asked("/ok") == 2
    assert not (tmp_path / ".qsync-cache").exists()


def test_a_damaged_cache_file_is_ignored_and_replaced(server: Server, tmp_path: Path) -> None:
    path = tmp_path / ".qsync-cache" / "links.json"
    path.parent.mkdir()
    path.write_text("{ not json")
    assert check_urls([server.url("/ok")], cached(tmp_path))[server.url("/ok")].outcome == "ok"
    assert schema_errors(json.loads(path.read_text())) == []


def test_a_run_that_fetched_nothing_leaves_the_file_alone(server: Server, tmp_path: Path) -> None:
    check_urls([server.url("/ok")], cached(tmp_path))
    path = tmp_path / ".qsync-cache" / "links.json"
    written = path.stat().st_mtime_ns
    check_urls([server.url("/ok")], cached(tmp_path))
    assert path.stat().st_mtime_ns == written


def test_a_cache_folder_that_cannot_be_written_costs_only_the_cache(
    server: Server, tmp_path: Path
) -> None:
    (tmp_path / ".qsync-cache").write_text("a file where the folder should be")
    result = check_urls([server.url("/404")], cached(tmp_path))[server.url("/404")]
    assert (result.outcome, result.status) == ("broken", 404)

"""The HTML diff report: one self-contained file, rendered by a real headless Chromium."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from tests.diff.helpers import fixture, run_diff

from qsync.report import diff_html
from qsync.results.diff import DiffReport, Pair, QuestionRef, Thresholds

PAGE = run_diff(fixture("site/pantry-security.md"), fixture("upstream/pantry-security.md"))
REPORT = DiffReport((PAGE,), Thresholds(), "0.1.0")
WIDTH, HEIGHT = 1280, 2000


def test_the_file_is_self_contained():
    html = diff_html.render(REPORT)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert html.count("<style>") == 1 and html.count("<script>") == 1


def test_a_card_per_pair_with_its_badge_and_a_filter_per_class():
    html = diff_html.render(REPORT)
    assert html.count('<article class="pair"') == len(PAGE.pairs) == 9
    for cls in ("identical", "changed", "related", "site-only", "upstream-only"):
        assert f'<button type="button" data-class="{cls}" aria-pressed="true">' in html
    assert 'data-class="conflict"' not in html  # no button for a class with no pairs
    assert "moved: Storage → Rotation" in html
    assert "the page says the upstream file is a stub" in html


def test_sides_show_word_level_differences():
    assert diff_html.word_diff("keep it cold", "keep it very cold") == (
        "keep it cold",
        "keep it <ins>very </ins>cold",
    )
    left, right = diff_html.word_diff("a <b> c", "a d c")
    assert left == "a <del>&lt;b&gt;</del> c" and right == "a <ins>d</ins> c"


def test_question_text_cannot_inject_markup():
    hostile = QuestionRef(
        "q-1", "question", None, "S", "<img src=x onerror=alert(1)>?", "<script>", 9, "0" * 16
    )
    page = dataclasses.replace(PAGE, pairs=(Pair("site-only", hostile, None),))
    html = diff_html.render(DiffReport((page,), Thresholds()))
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("<script>") == 1


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, installed once per session when missing (needs root and apt)."""
    found = shutil.which("chromium")
    if found:
        return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.skip(
            "chromium is not installed and cannot be installed here (needs apt-get as root)"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(command, env=env, capture_output=True, timeout=900, check=False)
        if done.returncode != 0:
            pytest.skip(
                f"could not install chromium: {done.stderr.decode(errors='replace')[-200:]}"
            )
    found = shutil.which("chromium")
    if found is None:
        pytest.skip("apt-get installed chromium but it is not on PATH")
    return found


def test_chromium_renders_the_report(chromium: str, tmp_path: Path):
    report = tmp_path / "diff.html"
    report.write_text(diff_html.render(REPORT), encoding="utf-8")
    shot = tmp_path / "diff.png"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            f"--window-size={WIDTH},{HEIGHT}",
            report.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.is_file(), "chromium wrote no screenshot"
    width, height, pixels = read_png(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    # a rendered page has text, badges and highlights: many colours, rows that differ
    assert len(set(pixels)) > 50
    row = len(pixels) // height
    assert len({pixels[i * row : (i + 1) * row] for i in range(0, height, 25)}) > 20


def read_png(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the inflated image data (filter bytes included) of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, width, height, idat = 8, 0, 0, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)

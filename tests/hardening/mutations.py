"""Mutations of real pages for the fuzzer: every case is (name, bytes)."""

from __future__ import annotations

import random
from collections.abc import Iterator


def truncations(data: bytes, step: int = 1) -> Iterator[tuple[str, bytes]]:
    lines = data.splitlines(keepends=True)
    for i in range(0, len(lines), step):
        yield f"truncate@{i}", b"".join(lines[:i])
        cut = b"".join(lines[: i + 1])
        yield f"truncate-mid@{i}", cut[: max(0, len(cut) - len(lines[i]) // 2)]


def byte_flips(data: bytes, count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    for k in range(count):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            if mutated:
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        yield f"flip#{k}", bytes(mutated)


def line_edits(data: bytes, count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    lines = data.splitlines(keepends=True)
    for k in range(count):
        edited = list(lines)
        for _ in range(rng.randint(1, 5)):
            if not edited:
                break
            i = rng.randrange(len(edited))
            if rng.random() < 0.5:
                del edited[i]
            else:
                edited.insert(i, edited[i])
        yield f"lines#{k}", b"".join(edited)


def hostile(scale: float = 1.0) -> Iterator[tuple[str, bytes]]:
    """Pathological pages; ``scale`` shrinks the big ones for the suite (1.0 is full size)."""

    def n(count: int) -> int:
        return max(1, int(count * scale))

    yield "deep-list", b"- " * 10_000 + b"x\n"
    yield "deep-list-indented", b"".join(b"  " * i + b"- x\n" for i in range(2_000))
    yield "deep-quote", b"> " * 10_000 + b"x\n"
    yield "deep-quote-lines", b"".join(b">" * i + b" x\n" for i in range(1, 2_000))
    yield "million-lines", b"a\n" * n(1_000_000)
    yield "nul-bytes", b"# T\n\n\x00\x00\n"
    yield "overlong-line", b"word " * 400_000 + b"\n"
    yield "unclosed-brackets", b"[" * 50_000 + b"\n"
    yield "many-admonitions", b'??? question "Q: x?"\n    y\n' * n(20_000)
    yield "only-crs", b"\r" * 10_000
    yield "see-see-see", b"# T\n\n" + b"See Other " * n(300_000) + b"\n"  # QS207's scan

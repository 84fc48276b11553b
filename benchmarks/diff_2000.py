"""Diff speed at 2,000 × 2,000 synthetic questions, and the matching's results on fixtures.

    .venv/bin/python benchmarks/diff_2000.py [--questions 2000] [--repeat 3] [--seed 7]

The generator is deterministic (``--seed``): a vocabulary with a Zipf-like spread of word
frequencies, answers of 60-160 words, questions of 8-16. Of the N site questions, 40 % are
upstream word for word, 15 % with a changed answer, 10 % reworded (a third of the words replaced) with the same
answer, and
35 % are the site's alone; upstream adds questions of its own up to N. The pages are built
as model objects, so the time is matching and classification only (scoring, the assignment,
hashes, the report's data), not parsing. The figure is the best of ``--repeat`` runs after
one warm-up run (imports and rapidfuzz's first call excluded).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from qsync.diff import diff_page  # noqa: E402
from qsync.model import Intro, Layout, Page, Question, Section, Source, Span  # noqa: E402
from qsync.results.diff import SourceInfo, Thresholds  # noqa: E402

SOURCE = SourceInfo("git", "bench/upstream", "bench.md", "main", "0" * 40, "bench")


def vocabulary(rng: random.Random, size: int = 6000) -> tuple[list[str], list[float]]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = sorted(
        {"".join(rng.choice(letters) for _ in range(rng.randint(2, 10))) for _ in range(size)}
    )
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    return words, weights


def sentence(rng: random.Random, vocab: tuple[list[str], list[float]], low: int, high: int) -> str:
    words, weights = vocab
    return " ".join(rng.choices(words, weights, k=rng.randint(low, high)))


def reword(rng: random.Random, vocab: tuple[list[str], list[float]], text: str) -> str:
    """A third of the words replaced, one dropped: the same question in other words."""
    words = text.split()
    for k in rng.sample(range(len(words)), len(words) // 3):
        words[k] = rng.choices(*vocab)[0]
    del words[rng.randrange(len(words))]
    return " ".join(words)


def question(n: int, text: str, answer: str, number: int | None) -> Question:
    return Question(
        id=f"q-{n:06d}",
        kind="question",
        number=number,
        text=text + "?",
        answer=answer,
        answer_text=answer,
        links=(),
        span=Span(n + 1, 1, n + 1, 2),
        layout=Layout("", ""),
    )


def page(questions: list[Question], dialect: str) -> Page:
    section = Section("Bench", 2, "bench", Span(1, 1, 1, 2), tuple(questions))
    source = Source(f"bench-{dialect}.md", dialect, "0" * 64)  # type: ignore[arg-type]
    return Page(source, "Bench", Intro("", (), None), (section,))


def synthetic(n: int, seed: int) -> tuple[Page, Page, Counter[str], dict[str, str]]:
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    site: list[Question] = []
    upstream: list[Question] = []
    planted: Counter[str] = Counter()
    truth: dict[str, str] = {}  # site id -> the upstream id it was made from
    for i in range(n):
        text = sentence(rng, vocab, 8, 16)
        answer = sentence(rng, vocab, 60, 160)
        site.append(question(i, text, answer, None))
        roll = rng.random()
        if roll < 0.40:
            planted["identical"] += 1
            upstream.append(question(n + i, text, answer, None))
            truth[f"q-{i:06d}"] = f"q-{n + i:06d}"
        elif roll < 0.55:
            planted["changed"] += 1
            upstream.append(question(n + i, text, sentence(rng, vocab, 60, 160), None))
            truth[f"q-{i:06d}"] = f"q-{n + i:06d}"
        elif roll < 0.65:
            planted["related"] += 1
            upstream.append(question(n + i, reword(rng, vocab, text), answer, None))
            truth[f"q-{i:06d}"] = f"q-{n + i:06d}"
        else:
            planted["site-only"] += 1
    while len(upstream) < n:
        planted["upstream-only"] += 1
        upstream.append(
            question(
                3 * n + len(upstream),
                sentence(rng, vocab, 8, 16),
                sentence(rng, vocab, 60, 160),
                None,
            )
        )
    rng.shuffle(upstream)
    upstream = [
        Question(q.id, q.kind, k + 1, q.text, q.answer, q.answer_text, q.links, q.span, q.layout)
        for k, q in enumerate(upstream)
    ]
    return page(site, "site"), page(upstream, "upstream"), planted, truth


def fixtures_summary() -> list[str]:
    from qsync.dialects import parse_file

    folder = ROOT / "tests" / "fixtures" / "diff"
    site = parse_file(folder / "site" / "pantry-security.md", "site")
    lines = []
    for name in ("pantry-security.md", "pantry-security-renumbered.md", "pantry-security-stub.md"):
        path = folder / "upstream" / name
        text = path.read_text(encoding="utf-8")
        up = parse_file(path, "upstream")
        d = diff_page(site, up, text, SOURCE, Thresholds())
        counts = Counter(p.cls for p in d.pairs)
        lines.append(
            f"  {name:<34} {dict(sorted(counts.items()))}  upstream {d.upstream.describe()}"
        )
    return lines


def requests_per_diff() -> list[str]:
    """``qsync diff`` through the fake GitHub (tests/fakegithub, 127.0.0.1): requests cold,
    then warm with the ETag cache the cold run left."""
    import contextlib
    import io
    import os
    import tempfile

    sys.path.insert(0, str(ROOT))
    from tests.fakegithub import World, serve

    from qsync.cli import main as qsync

    folder = ROOT / "tests" / "fixtures" / "diff"
    lines = []
    with tempfile.TemporaryDirectory() as tmp, serve(World(token="bench-token")) as fake:
        fake.world.seed_files(
            "example/pantry",
            {"pantry-security.md": (folder / "upstream" / "pantry-security.md").read_text()},
        )
        config = Path(tmp) / "qsync.toml"
        config.write_text(f'[upstream]\nrepo = "example/pantry"\napi_url = "{fake.base}"\n')
        os.environ["GITHUB_TOKEN"] = "bench-token"
        args = ["diff", str(folder / "site" / "pantry-security.md"), "--config", str(config)]
        for run in ("cold", "warm"):
            fake.clear()
            with contextlib.redirect_stdout(io.StringIO()):
                qsync([*args, "--format", "json"])
            fake.settle()
            statuses = [e.status for e in fake.exchanges]
            lines.append(f"  {run}: {len(statuses)} requests, statuses {statuses}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    site, upstream, planted, truth = synthetic(args.questions, args.seed)
    diff_page(site, upstream, "x", SOURCE, Thresholds())  # warm-up: imports, thread pool
    times = []
    result = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = diff_page(site, upstream, "x", SOURCE, Thresholds())
        times.append(time.perf_counter() - start)
    assert result is not None
    found = Counter(p.cls for p in result.pairs)
    command = f".venv/bin/python benchmarks/diff_2000.py --questions {args.questions} --repeat {args.repeat} --seed {args.seed}"
    print(
        f"qsync diff, {args.questions} × {args.questions} synthetic questions (matching + classification, no parsing)"
    )
    print(
        f"  best of {args.repeat}: {min(times):.2f} s   (all runs: {', '.join(f'{t:.2f}' for t in times)})"
    )
    print(
        f"  machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} while measuring"
    )
    print("  class          planted   found")
    for cls in ("identical", "changed", "related", "site-only", "upstream-only"):
        print(f"  {cls:<14} {planted[cls]:>7}   {found[cls]:>5}")
    paired = {p.site.id: p.upstream.id for p in result.pairs if p.site and p.upstream}
    right = sum(paired.get(s) == u for s, u in truth.items())
    print(
        f"  planted pairs found: {right}/{len(truth)}; pairs made that were not planted: "
        f"{len(paired) - right}  (a light rewording scores as changed, a heavy one as related)"
    )
    print("matching on the pantry fixtures (tests/fixtures/diff):")
    print("\n".join(fixtures_summary()))
    print("requests per diff of one page through GitHub (the fake, on 127.0.0.1):")
    print("\n".join(requests_per_diff()))
    print(f"reproduce: {command}")


if __name__ == "__main__":
    main()

"""What ``qsync diff`` finds: matched pairs with their scores and class, the upstream file's
state against what the page claims, and the report that every diff reporter takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DIFF_REPORT_SCHEMA = "qsync.diff-report/1"

PairClass = Literal[
    "identical",
    "changed",
    "related",
    "site-only",
    "upstream-only",
    "site-changed",
    "upstream-changed",
    "conflict",
]
# In the order reports list them: what needs a decision first, what is settled last.
PAIR_CLASSES: tuple[PairClass, ...] = (
    "conflict",
    "site-changed",
    "upstream-changed",
    "changed",
    "related",
    "site-only",
    "upstream-only",
    "identical",
)
UpstreamStateName = Literal["missing", "empty", "stub", "populated"]
ClaimKind = Literal["missing", "empty", "stub", "thin"]


def number_tag(kind: str, number: int | None) -> str:
    """How upstream names a question in prose: ``Q15``, or ``S3`` for scenario 3."""
    if number is None:
        return ""
    return f"{'S' if kind == 'scenario' else 'Q'}{number}"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Similarity cut-offs (0-100) and the question's share of the combined score."""

    identical: float = 97.0
    changed: float = 85.0
    related: float = 55.0
    question_weight: float = 0.6

    @property
    def answer_weight(self) -> float:
        return 1.0 - self.question_weight


@dataclass(frozen=True, slots=True)
class QuestionRef:
    """One side of a pair: enough to show it, find it and tell whether it changed."""

    id: str
    kind: str
    number: int | None
    section: str | None
    text: str
    answer: str  # Markdown, de-indented
    line: int
    hash: str  # of the question and answer text, not of the number or layout

    @property
    def tag(self) -> str:
        return number_tag(self.kind, self.number)


@dataclass(frozen=True, slots=True)
class Scores:
    question: float
    answer: float
    combined: float


@dataclass(frozen=True, slots=True)
class Closest:
    """For a question left unpaired: its most similar counterpart, which was paired elsewhere
    or scored below the related threshold."""

    id: str
    kind: str
    number: int | None
    text: str
    scores: Scores

    @property
    def tag(self) -> str:
        return number_tag(self.kind, self.number)


@dataclass(frozen=True, slots=True)
class Pair:
    """Two questions matched, or one question the other side lacks.

    With a recorded base, a question paired then and unpaired now was deleted on the other
    side: upstream-changed for a site question, site-changed for an upstream one."""

    cls: PairClass
    site: QuestionRef | None
    upstream: QuestionRef | None
    scores: Scores | None = None  # None for an unpaired question
    moved: bool = False  # paired across sections whose titles differ
    closest: Closest | None = None  # for an unpaired question


@dataclass(frozen=True, slots=True)
class Claim:
    """What the page's intro says about the upstream file, and whether that is still so."""

    says: ClaimKind
    sentence: str
    line: int
    holds: bool


@dataclass(frozen=True, slots=True)
class UpstreamState:
    state: UpstreamStateName
    questions: int
    scenarios: int
    title: str | None = None

    def describe(self) -> str:
        """``populated (30 questions, 30 scenarios)``, ``stub``, ``empty`` or ``missing``."""
        if self.state != "populated":
            return self.state
        return f"populated ({self.questions} questions, {self.scenarios} scenarios)"


@dataclass(frozen=True, slots=True)
class Finding:
    """Something on the site page to fix that is not a pair, such as a stale claim."""

    code: str
    path: str
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where the upstream file was read: the only part of a report that depends on the reader."""

    kind: str  # github | git
    repo: str
    path: str
    ref: str
    commit: str
    location: str


@dataclass(frozen=True, slots=True)
class Base:
    """The recorded state a three-way diff compares against."""

    commit: str
    recorded_at: str


@dataclass(frozen=True, slots=True)
class PageDiff:
    site_path: str
    site_questions: int
    source: SourceInfo
    upstream: UpstreamState
    claim: Claim | None
    pairs: tuple[Pair, ...]
    findings: tuple[Finding, ...] = ()
    base: Base | None = None

    def count(self, cls: PairClass) -> int:
        return sum(p.cls == cls for p in self.pairs)

    @property
    def differences(self) -> bool:
        """Anything to merge back, pull or fix: every class but identical, or a finding."""
        return bool(self.findings) or any(p.cls != "identical" for p in self.pairs)


@dataclass(frozen=True, slots=True)
class DiffReport:
    pages: tuple[PageDiff, ...]
    thresholds: Thresholds
    version: str = ""

    def count(self, cls: PairClass) -> int:
        return sum(page.count(cls) for page in self.pages)

    @property
    def differences(self) -> bool:
        return any(page.differences for page in self.pages)

"""The scorers' common vocabulary: what a scorer counts, and the figures made from the counts.

A scorer looks at one note (or one patient) and returns a `Score`: counts under named keys,
confusion pairs, and details (the unmatched or wrong items a human should look at). Scores add
up over any group of notes, and `figures` turns a total into numbers:

- `Tally` (true positives, false positives, false negatives) gives `<key>.precision` and
  `<key>.recall`;
- `Ratio` (right out of total) gives `<key>` as a rate;
- `Count` gives `<key>` as a number of errors, where lower is better and the target is 0.

Every figure knows which way is better, which is all the baseline gate needs. A later scorer
(the summaries of issue 12) plugs in by being one more `Scorer` of patients.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

T = TypeVar("T")
Better = Literal["higher", "lower"]
DetailKind = Literal["missed", "spurious", "wrong", "review"]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Tally") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, other: "Ratio") -> None:
        self.right, self.total = self.right + other.right, self.total + other.total


@dataclass
class Count:
    n: int = 0

    def add(self, other: "Count") -> None:
        self.n += other.n


Measure = Tally | Ratio | Count
M = TypeVar("M", Tally, Ratio, Count)


@dataclass(frozen=True)
class Detail:
    """One item a human should look at: what was missed, made up, got wrong, or is suspect."""

    field: str
    kind: DetailKind
    text: str


@dataclass
class Score:
    measures: dict[str, Measure] = field(default_factory=dict)
    confusions: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    details: list[Detail] = field(default_factory=list)

    def tally(self, key: str) -> Tally:
        return self._get(key, Tally)

    def ratio(self, key: str) -> Ratio:
        return self._get(key, Ratio)

    def count(self, key: str) -> Count:
        return self._get(key, Count)

    def _get(self, key: str, kind: type[M]) -> M:
        measure = self.measures.setdefault(key, kind())
        assert isinstance(measure, kind), f"{key} is a {type(measure).__name__}"
        return measure

    def confuse(self, key: str, labelled: str, predicted: str) -> None:
        self.confusions.setdefault(key, Counter())[(labelled, predicted)] += 1

    def note(self, field_name: str, kind: DetailKind, text: str) -> None:
        self.details.append(Detail(field_name, kind, text))

    def add(self, other: "Score") -> None:
        for key, measure in other.measures.items():
            if isinstance(measure, Tally):
                self.tally(key).add(measure)
            elif isinstance(measure, Ratio):
                self.ratio(key).add(measure)
            else:
                self.count(key).add(measure)
        for key, counter in other.confusions.items():
            self.confusions.setdefault(key, Counter()).update(counter)
        self.details.extend(other.details)


def total(scores: Iterable[Score]) -> Score:
    result = Score()
    for score in scores:
        result.add(score)
    return result


@dataclass(frozen=True)
class Figure:
    value: float | None  # None when there is nothing to measure (no label, no prediction)
    better: Better
    numerator: int
    denominator: int | None  # None for counts

    def as_json(self) -> dict[str, object]:
        return {
            "value": None if self.value is None else round(self.value, 4),
            "better": self.better,
            "numerator": self.numerator,
            "denominator": self.denominator,
        }


def _rate(right: int, out_of: int) -> Figure:
    return Figure(right / out_of if out_of else None, "higher", right, out_of)


def figures(score: Score) -> dict[str, Figure]:
    """Every figure of a score, by key, in the scorers' order."""
    result: dict[str, Figure] = {}
    for key, m in score.measures.items():
        if isinstance(m, Tally):
            result[f"{key}.precision"] = _rate(m.tp, m.tp + m.fp)
            result[f"{key}.recall"] = _rate(m.tp, m.tp + m.fn)
        elif isinstance(m, Ratio):
            result[key] = _rate(m.right, m.total)
        else:
            result[key] = Figure(float(m.n), "lower", m.n, None)
    return result


@dataclass(frozen=True)
class Scorer(Generic[T]):
    """One field's scorer: its figures come from `score`, its matching rule is `rule`
    (Markdown, printed in docs/evaluation.md), and it only sees the items `applies` to."""

    name: str
    title: str
    rule: str
    score: Callable[[T], Score]
    applies: Callable[[T], bool] = lambda _: True

"""What several scorers share: scoring free-text items as a one-to-one match on phrase keys."""

from collections.abc import Sequence
from dataclasses import dataclass

from eval.scoring import Score
from eval.text import PhraseKey, best_phrase_match, match, phrase_key


@dataclass(frozen=True)
class Labelled:
    """A labelled item: the name shown in details and the phrase keys that name it."""

    name: str
    aliases: tuple[PhraseKey, ...]

    @classmethod
    def of(cls, name: str, also: Sequence[str] = ()) -> "Labelled":
        return cls(name, tuple(phrase_key(n) for n in (name, *also)))


def phrase_pairs(predicted: Sequence[str], labelled: Sequence[Labelled]) -> list[tuple[int, int]]:
    keys = [phrase_key(text) for text in predicted]
    return match(
        list(range(len(keys))),
        labelled,
        lambda i, lab: best_phrase_match(keys[i], lab.aliases),
    )


def tally_phrases(
    score: Score,
    key: str,
    predicted: Sequence[str],
    labelled: Sequence[Labelled],
    *,
    details: bool = True,
) -> list[tuple[int, int]]:
    """Counts `key`'s true and false positives and negatives, notes the unmatched items under
    `key` (unless another key notes them already), and returns the pairs (prediction index,
    label index)."""
    pairs = phrase_pairs(predicted, labelled)
    tally = score.tally(key)
    tally.tp += len(pairs)
    tally.fp += len(predicted) - len(pairs)
    tally.fn += len(labelled) - len(pairs)
    if not details:
        return pairs
    found = {i for i, _ in pairs}
    for i, text in enumerate(predicted):
        if i not in found:
            score.note(key, "spurious", _unmatched(text, labelled))
    named = {j for _, j in pairs}
    for j, item in enumerate(labelled):
        if j not in named:
            score.note(key, "missed", item.name)
    return pairs


def _unmatched(text: str, labelled: Sequence[Labelled]) -> str:
    """The prediction, and the label it repeats when it names one another prediction took."""
    key = phrase_key(text)
    repeated = next((lab.name for lab in labelled if best_phrase_match(key, lab.aliases)), None)
    return f"{text}: a second entry for {repeated}" if repeated else text


def rate(score: Score, key: str, right: bool) -> None:
    ratio = score.ratio(key)
    ratio.total += 1
    ratio.right += right

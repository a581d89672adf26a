"""The body site of a bare finding denied on examination: "Thyroid: no nodules" denies thyroid
nodules, "Abd soft, nontender" abdominal tenderness, "CXR: no effusion" a pleural effusion."""

import re

# Findings that say little without the part of the body they were looked for in.
_BARE = frozenset(
    (
        *("tenderness", "mass", "masses", "nodule", "nodules", "effusion", "effusions"),
        *("erythema", "exudate", "exudates", "redness", "swelling", "lump", "lumps", "lesion"),
        *("lesions", "ulcer", "ulcers", "ulceration", "drainage", "distension", "distention"),
        *("discharge", "enlargement", "bruit", "bruits", "tenting", "blood", "wbc", "rbc"),
        "protein",
    )
)
# How an examination writes the state rather than the finding: "not tender", "non-distended".
_AS_FINDING = {"tender": "tenderness", "distended": "distension"}
NON_STATE = re.compile(r"\bnon[- ]?(tender|distended)\b", re.IGNORECASE)

# Sites as written in an exam line, and the name a reader gives the finding there. Some only
# make sense for one kind of finding (a chest film's effusion is pleural, an echo's pericardial).
_Site = tuple[re.Pattern[str], str, frozenset[str] | None]


def _site(pattern: str, name: str, only: str | None = None) -> _Site:
    kinds = frozenset(only.split()) if only else None
    return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), name, kinds


_EFFUSION = "effusion effusions"
_URINE = "blood wbc rbc protein"
_SITES: tuple[_Site, ...] = (
    _site(r"abd|abdomen|abdominal", "abdominal"),
    _site(r"thyroid", "thyroid"),
    _site(r"breasts?", "breast"),
    _site(r"(?:oro)?pharynx", "pharyngeal"),
    _site(r"tonsils?", "tonsillar"),
    _site(r"feet|foot", "foot"),
    _site(r"eyes?|conjunctivae?", "eye"),
    _site(r"carotids?", "carotid"),
    _site(r"prostate", "prostate"),
    _site(r"rectal|rectum", "rectal"),
    _site(r"calf|calves", "calf"),
    _site(r"port sites?", "port site"),
    _site(r"incisions?|wounds?", "wound"),
    _site(r"testes|testicles?|testicular|scrotum|scrotal", "testicular"),
    _site(r"adnexa[el]?", "adnexal"),
    _site(r"cervix", "cervical"),
    _site(r"vagina", "vaginal"),
    _site(r"knees?", "knee"),
    _site(r"joints?", "joint"),
    _site(r"skin", "skin"),
    _site(r"chest wall", "chest wall"),
    _site(r"mastoids?", "mastoid"),
    _site(r"cxr|chest x-?ray|chest film|lungs?", "pleural", _EFFUSION),
    _site(r"echo(?:cardiogram)?|tte|tee", "pericardial", _EFFUSION),
    _site(r"tms?|tympanic membranes?", "middle ear", _EFFUSION),
    _site(r"urine|ua|urinalysis", "urine", _URINE),
)
# "Thyroid: ..." or "Diabetic foot exam: ...": a heading opens what the line says of one part.
_HEADING = re.compile(r"\b[a-z][a-z/&-]*(?: [a-z/&-]+){0,2}(?::(?!\d)| -\s)", re.IGNORECASE)
_LOOK_BACK = 200  # characters: a site is named in the sentence or the line, never far away


def as_finding(text: str) -> str:
    """A denied state as the finding it denies: "non-tender" and "not tender" -> "tenderness"."""
    state = NON_STATE.fullmatch(text.strip())
    word = state.group(1) if state else text.strip()
    return _AS_FINDING.get(word.lower(), text)


def site_of(note: str, finding: str, before: int) -> str | None:
    """The site a bare finding denied at `before` was looked for in: the first one its sentence
    names after its last heading ("Abd: soft, no HSM, no masses"), else the one the heading of
    its line names ("Rectal: black stool. No masses", "IMAGING: CXR - clear. No effusion")."""
    kind = finding.lower()
    if kind not in _BARE:
        return None
    line = max(note.rfind("\n", 0, before) + 1, before - _LOOK_BACK)
    sentence = max(line, note.rfind(". ", line, before) + 1)
    heading = _last_heading(note, sentence, before)
    found = _first_site(note, kind, heading.start() if heading else sentence, before)
    if found or sentence == line:
        return found
    heading = _last_heading(note, line, sentence)
    if heading is None:
        return None
    said = note.find(". ", heading.end(), sentence)
    return _first_site(note, kind, heading.start(), said if said >= 0 else sentence)


def _last_heading(note: str, start: int, end: int) -> re.Match[str] | None:
    headings = list(_HEADING.finditer(note, start, end))  # a line's few, within _LOOK_BACK
    return headings[-1] if headings else None


def _first_site(note: str, kind: str, start: int, end: int) -> str | None:
    best: tuple[int, str] | None = None
    for pattern, name, only in _SITES:
        if only is not None and kind not in only:
            continue
        found = pattern.search(note, start, end)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), name)
    return best[1] if best else None


def named(note: str, text: str, before: int) -> str:
    """The denied item as a finding, with its site when it is bare: "nontender" after "Abd
    soft," -> "abdominal tenderness"."""
    finding = as_finding(text)
    site = site_of(note, finding, before)
    return f"{site} {finding}" if site else finding

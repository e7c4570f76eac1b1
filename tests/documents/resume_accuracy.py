"""Field-level accuracy of the resume parser on the resume test set.

Renders every resume of ``tests/documents/resumes`` in each of its layouts, reads the bytes
with ``peoplelens.documents.resume.read_resume`` and compares the profile with what the page
says (``resume_scoring.py``). From the repository's root:

    .venv/bin/python -m tests.documents.resume_accuracy                 # held-out split
    .venv/bin/python -m tests.documents.resume_accuracy --split train --worst 15
    .venv/bin/python -m tests.documents.resume_accuracy --split all --json > accuracy.json
    .venv/bin/python -m tests.documents.resume_accuracy --reader mypkg.mod:read  # another parser

Report on ``held_out`` (the default: scores only, no detail of what was missed, which would
show the held-out pages' content); tune on ``train`` only. Metrics are micro-averaged over
documents (one document = one resume in one layout): skills and languages precision, recall
and F1 (canonical names, case-insensitive), language-level accuracy (of the languages found),
exact match of name, e-mail, phone (digits and a leading +) and LinkedIn URL, recall of the
key facts of each text field, certification and heading precision/recall, errors and time;
then the same by layout, language, split and trait, the worst resumes and the worst documents
with what they missed. Level accuracy is 0 where no expected language was found at all; a
document whose parse raised counts as found nothing (and as an error). Exit status 2 when the
parser cannot be imported (it is not on every branch).
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from peoplelens.documents.profile import LanguageSkill, ResumeProfile
from tests.documents.resume_render import render
from tests.documents.resume_scoring import CONTACTS, FACT_FIELDS, Counts, Score, failed, score
from tests.documents.resume_set import (
    LAYOUTS,
    Layout,
    Resume,
    Split,
    all_resumes,
    alternatives,
    resumes,
)

Reader = Callable[[bytes], ResumeProfile]
DEFAULT_READER = "peoplelens.documents.resume:read_resume"
# The columns of the breakdown tables.
HEADLINE = (
    "skills_f1",
    "languages_f1",
    "level_accuracy",
    "contacts_exact",
    "facts_recall",
    "sections_recall",
    "errors",
)


class ReaderMissing(Exception):
    """The parser to score cannot be imported."""


def load_reader(spec: str = DEFAULT_READER) -> Reader:
    module_name, _, attribute = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ReaderMissing(
            f"cannot import {module_name} ({exc}). The resume parser is not on this branch "
            "yet (or not installed): there is nothing to score."
        ) from exc
    reader = getattr(module, attribute or "read_resume", None)
    if not callable(reader):
        raise ReaderMissing(f"{module_name} has no function {attribute or 'read_resume'}")
    return cast(Reader, reader)


@cache
def _by_bytes() -> dict[bytes, Resume]:
    return {render(r, layout): r for r in all_resumes() for layout in r.layouts}


def perfect(data: bytes) -> ResumeProfile:
    """Answers from the expected fields of the resume these bytes were rendered from: it scores
    1.0 on every metric by construction (``--reader tests.documents.resume_accuracy:perfect``
    checks the harness, not a parser)."""
    resume = _by_bytes()[data]
    e = resume.expected
    return ResumeProfile(
        name=alternatives(e.name)[0],
        email=e.email,
        phone=e.phone,
        linkedin_url=e.linkedin_url,
        professional_summary=" ".join(e.summary),
        skills=[alternatives(skill)[0] for skill in e.skills],
        experience_summary=" ".join(e.experience),
        education_summary=" ".join(e.education),
        certifications=list(e.certifications),
        languages=[
            LanguageSkill(alternatives(lang.name)[0], lang.level and alternatives(lang.level)[0])
            for lang in e.languages
        ],
        projects_achievements=" ".join(e.projects),
        sections_found=list(resume.expected_sections),
    )


@dataclass(frozen=True)
class Outcome:
    resume: Resume
    layout: Layout
    score: Score


def evaluate(
    read: Reader, split: Split = "all", layouts: Iterable[Layout] = LAYOUTS
) -> list[Outcome]:
    """Each resume of the split in each of its layouts (among ``layouts``), read and scored.
    A parser that raises is scored as having found nothing; the run goes on."""
    wanted = set(layouts)
    outcomes = []
    for resume in resumes(split):
        for layout in resume.layouts:
            if layout not in wanted:
                continue
            data = render(resume, layout)
            started = time.perf_counter()
            try:
                profile = read(data)
            except Exception as exc:  # a failure to score, not to crash on
                result = failed(resume, f"{type(exc).__name__}: {exc}"[:200])
            else:
                if isinstance(profile, ResumeProfile):
                    result = score(resume, profile)
                else:
                    result = failed(resume, f"returned {type(profile).__name__}")
            result.seconds = time.perf_counter() - started
            outcomes.append(Outcome(resume, layout, result))
    return outcomes


def _total(outcomes: Sequence[Outcome], pick: Callable[[Score], Counts]) -> Counts:
    total = Counts()
    for outcome in outcomes:
        total += pick(outcome.score)
    return total


def metrics(outcomes: Sequence[Outcome]) -> dict[str, float]:
    """The micro-averaged metrics of these documents (an empty list gives an empty dict)."""
    if not outcomes:
        return {}
    scores = [o.score for o in outcomes]
    n = len(scores)
    skills = _total(outcomes, lambda s: s.skills)
    languages = _total(outcomes, lambda s: s.languages)
    certifications = _total(outcomes, lambda s: s.certifications)
    sections = _total(outcomes, lambda s: s.sections)
    compared = sum(s.levels_compared for s in scores)
    out = {
        "documents": float(n),
        "skills_precision": skills.precision,
        "skills_recall": skills.recall,
        "skills_f1": skills.f1,
        "languages_precision": languages.precision,
        "languages_recall": languages.recall,
        "languages_f1": languages.f1,
        "level_accuracy": sum(s.levels_right for s in scores) / compared if compared else 0.0,
    }
    for key in CONTACTS:
        out[f"{key}_exact"] = sum(s.contacts[key] for s in scores) / n
    out["contacts_exact"] = statistics.fmean(out[f"{key}_exact"] for key in CONTACTS)
    for key in FACT_FIELDS:
        total = sum(s.facts_total[key] for s in scores)
        out[f"{key}_recall"] = sum(s.facts_found[key] for s in scores) / total if total else 1.0
    facts = sum(sum(s.facts_total.values()) for s in scores)
    found = sum(sum(s.facts_found.values()) for s in scores)
    out["facts_recall"] = found / facts if facts else 1.0
    out["facts_elsewhere"] = float(sum(s.facts_elsewhere for s in scores))
    out["certifications_precision"] = certifications.precision
    out["sections_precision"] = sections.precision
    out["sections_recall"] = sections.recall
    out["errors"] = float(sum(s.error is not None for s in scores))
    out["seconds_median"] = statistics.median(s.seconds for s in scores)
    out["seconds_max"] = max(s.seconds for s in scores)
    return out


def breakdown(
    outcomes: Sequence[Outcome], key: Callable[[Outcome], Iterable[str]]
) -> dict[str, dict[str, float]]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        for group in key(outcome):
            groups[group].append(outcome)
    return {group: metrics(items) for group, items in sorted(groups.items())}


def _why(outcome: Outcome) -> str:
    s = outcome.score
    if s.error is not None:
        return f"error {s.error}"
    notes = []
    if s.skills_missing:
        notes.append("skills missing: " + ", ".join(s.skills_missing[:6]))
    if s.skills_extra:
        notes.append("extra: " + ", ".join(s.skills_extra[:6]))
    for key in CONTACTS:
        if not s.contacts[key]:
            expected = getattr(outcome.resume.expected, key)
            notes.append(f"{key} {s.contacts_got[key]!r} (expected {expected!r})")
    if s.languages_missing or s.languages_extra:
        notes.append(f"languages missing {s.languages_missing}, extra {s.languages_extra}")
    notes += s.level_errors[:3]
    if s.facts_missing:
        notes.append("facts missing: " + "; ".join(s.facts_missing[:4]))
    return " | ".join(notes) or "all right"


def _worst_resumes(outcomes: Sequence[Outcome], worst: int) -> list[dict[str, Any]]:
    """Resumes by their mean document score, with each layout's."""
    layouts: dict[str, dict[str, float]] = defaultdict(dict)
    for o in outcomes:
        layouts[o.resume.id][o.layout] = round(o.score.overall(), 3)
    means = {rid: statistics.fmean(by.values()) for rid, by in layouts.items()}
    ranked = sorted(means, key=lambda rid: (means[rid], rid))[:worst]
    return [
        {"resume": rid, "score": round(means[rid], 3), "layouts": layouts[rid]} for rid in ranked
    ]


def report(outcomes: Sequence[Outcome], worst: int = 10, details: bool = True) -> dict[str, Any]:
    """The metrics, their breakdowns and the worst documents; ``details`` adds what each of
    those missed (the expected values themselves: keep it off for held-out resumes)."""
    ranked = sorted(outcomes, key=lambda o: (o.score.overall(), o.resume.id, o.layout))
    return {
        "documents": len(outcomes),
        "resumes": len({o.resume.id for o in outcomes}),
        "overall": metrics(outcomes),
        "by_layout": breakdown(outcomes, lambda o: [o.layout]),
        "by_language": breakdown(outcomes, lambda o: [o.resume.language]),
        "by_split": breakdown(outcomes, lambda o: [o.resume.split]),
        "by_trait": breakdown(outcomes, lambda o: o.resume.tags),
        "worst_resumes": _worst_resumes(outcomes, worst),
        "worst": [
            {
                "resume": o.resume.id,
                "layout": o.layout,
                "score": round(o.score.overall(), 3),
                **({"why": _why(o)} if details else {}),
            }
            for o in ranked[:worst]
        ],
    }


def _table(groups: dict[str, dict[str, float]], title: str) -> list[str]:
    width = max([len(title), *map(len, groups)])
    lines = [f"{title:<{width}}  {'n':>4}  " + "  ".join(f"{h:>15}" for h in HEADLINE)]
    for group, values in groups.items():
        cells = "  ".join(
            f"{values[h]:>15.3f}" if h != "errors" else f"{values[h]:>15.0f}" for h in HEADLINE
        )
        lines.append(f"{group:<{width}}  {values['documents']:>4.0f}  {cells}")
    return lines


def format_report(data: dict[str, Any], title: str) -> str:
    overall: dict[str, float] = data["overall"]
    lines = [f"{title}: {data['resumes']} resumes, {data['documents']} documents", ""]
    for name, value in overall.items():
        if name != "documents":
            lines.append(f"  {name:<26} {value:8.3f}")
    for key, label in (("by_layout", "layout"), ("by_language", "language")):
        lines += ["", *_table(data[key], label)]
    for key, label in (("by_split", "split"), ("by_trait", "trait")):
        if data[key]:
            lines += ["", *_table(data[key], label)]
    lines += ["", "worst resumes (mean of their layouts):"]
    for item in data["worst_resumes"]:
        by_layout = ", ".join(f"{layout} {value:.3f}" for layout, value in item["layouts"].items())
        lines.append(f"  {item['score']:.3f}  {item['resume']} ({by_layout})")
    lines += ["", "worst documents:"]
    for item in data["worst"]:
        why = f": {item['why']}" if "why" in item else ""
        lines.append(f"  {item['score']:.3f}  {item['resume']} / {item['layout']}{why}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--split", choices=("held_out", "train", "all"), default="held_out")
    parser.add_argument("--layout", choices=LAYOUTS, action="append", help="repeatable")
    parser.add_argument("--reader", default=DEFAULT_READER, help="module:function")
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--details",
        action=argparse.BooleanOptionalAction,
        help="say what each worst document missed (default: not for held_out, whose expected "
        "values the parser's authors should not read)",
    )
    args = parser.parse_args(argv)
    try:
        read = load_reader(args.reader)
    except ReaderMissing as exc:
        print(f"resume accuracy: {exc}", file=sys.stderr)
        return 2
    outcomes = evaluate(read, args.split, args.layout or LAYOUTS)
    details = args.details if args.details is not None else args.split != "held_out"
    data = report(outcomes, args.worst, details)
    if args.json:
        print(json.dumps({"split": args.split, "reader": args.reader, **data}, indent=2))
    else:
        print(format_report(data, f"Resume parsing ({args.reader}), split {args.split}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

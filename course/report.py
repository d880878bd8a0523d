"""``course report``: the figures a designer needs, as text, Markdown, HTML or JSON.

:func:`course_report` gathers the figures into plain data (what ``--format json`` prints);
the other formats are views of that data. The HTML report is one self-contained page (no
script, no external resource) with a picture of each case (:mod:`course.case_map`).
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from typing import Any

from course.case_map import case_svg
from course.case_paths import END_OF_CASE, case_overview
from course.item_writing import (
    LONGEST_KEY_SHARE,
    NEAR_IDENTICAL_RATIO,
    SAME_POSITION_SHARE,
    near_identical,
    quiz_figures,
)
from course.model import Course, Module, WorkshopCase
from course.problems import Problem
from course.quality import module_quality
from course.readability import (
    DOUMA_MIN_WORDS,
    DOUMA_TARGET,
    LONG_WORD_SYLLABLES,
    SENTENCE_WORDS_LIMIT,
    WORDS_PER_SENTENCE_TARGET,
)

MAX_PATHS_LISTED = 20


def thresholds() -> dict[str, float]:
    return {
        "douma_at_least": DOUMA_TARGET,
        "douma_from_words": DOUMA_MIN_WORDS,
        "words_per_sentence_at_most": WORDS_PER_SENTENCE_TARGET,
        "words_in_one_sentence_at_most": SENTENCE_WORDS_LIMIT,
        "long_word_syllables": LONG_WORD_SYLLABLES,
        "longest_key_share_at_most": round(LONGEST_KEY_SHARE, 2),
        "same_key_position_share_at_most": SAME_POSITION_SHARE,
        "near_identical_prompt_ratio": NEAR_IDENTICAL_RATIO,
    }


def course_report(
    course: Course,
    module_ids: tuple[str, ...] = (),
    problems: list[Problem] | None = None,
    warnings: list[Problem] | None = None,
) -> dict[str, Any]:
    modules = [m for m in course.modules if not module_ids or m.id in module_ids]
    chosen = {m.id for m in modules}
    return {
        "course": {"id": course.id, "title": course.spec.title},
        "thresholds": thresholds(),
        "problems": [str(p) for p in problems or []],
        "warnings": [str(w) for w in warnings or []],
        "modules": [_module_report(module) for module in modules],
        "near_identical_questions": [
            {
                "question": q.id,
                "module": module_id,
                "at": str(q.at("prompt")),
                "like": other.id,
                "like_module": other_module,
                "like_at": str(other.at("prompt")),
            }
            for q, module_id, other, other_module in near_identical(course)
            if module_id in chosen or other_module in chosen
        ],
    }


def _module_report(module: Module) -> dict[str, Any]:
    quality = module_quality(module)
    taught, tested = quality.objective_teaching(), quality.objective_matrix()
    cases = [item for item in module.items if isinstance(item, WorkshopCase)]
    case_reports = [_case_report(case) for case in cases]  # the loader checked each case
    steps = sum(c["decision_steps"] for c in case_reports)
    branching = sum(len(c["branching_steps"]) for c in case_reports)
    quiz = module.quiz
    return {
        "id": module.id,
        "title": module.title,
        "screens": len(module.screens()),
        "words": quality.overall.words,
        "study_minutes_estimated": quality.study_minutes,
        "study_minutes_authored": module.spec.study_time_minutes,
        "douma": quality.overall.douma,
        "words_per_sentence": round(quality.overall.words_per_sentence, 1),
        "meets_targets": quality.overall.meets_targets(),
        "screen_readability": [
            {
                "screen": s.key,
                "at": str(s.where),
                "words": s.figures.words,
                "douma": s.figures.douma,
                "words_per_sentence": round(s.figures.words_per_sentence, 1),
                "reads_hard": bool(s.figures.words) and not s.figures.meets_targets(),
                "longest_sentences": [
                    {"at": str(where), "words": sentence.words, "text": sentence.text}
                    for where, sentence in s.longest
                ],
                "long_words": s.hard_words[:8],
            }
            for s in quality.screens
        ],
        "objectives": [
            {
                "id": objective.id,
                "text": objective.text,
                "taught_by": taught[objective.id],
                "tested_by": tested[objective.id],
            }
            for objective in module.spec.objectives
        ],
        "decision_steps": steps,
        "branching_steps": branching,
        "branching_share": round(branching / steps, 2) if steps else 0.0,
        "cases": case_reports,
        "quiz": None if quiz is None else _quiz_report(quiz),
    }


def _case_report(case: WorkshopCase) -> dict[str, Any]:
    overview = case_overview(case)
    totals = [path.points for path in overview.paths]
    titles = {ending.id: ending.title for ending in case.endings}
    return {
        "id": case.id,
        "title": case.title,
        "at": str(case.at("id")),
        "decision_steps": overview.decision_steps,
        "branching_steps": overview.branching_steps,
        "same_place_steps": overview.same_place_steps,
        "paths": len(overview.paths),
        "score_range": [min(totals), max(totals)] if totals else [0, 0],
        "endings": [
            {
                "id": e.ending,
                "title": titles.get(e.ending, "verder met de module"),
                "reached_by": e.reached_by,
                "paths": e.paths,
                "score_range": list(e.points) if e.points else None,
            }
            for e in overview.endings
        ],
        "path_list": [
            {"choices": p.label(), "ending": p.ending, "points": p.points}
            for p in overview.paths[:MAX_PATHS_LISTED]
        ],
        "svg": case_svg(case),
    }


def _quiz_report(quiz: Any) -> dict[str, Any]:
    figures = quiz_figures(quiz)
    return {
        "id": quiz.id,
        "at": str(quiz.at("id")),
        "questions": len(quiz.questions),
        "points": quiz.max_points(),
        "types": figures.types,
        "single_choice": figures.single_choice,
        "longest_option_is_key": figures.longest_is_key,
        "longest_key_share": round(figures.longest_key_share, 2),
        "key_positions": figures.key_positions,
        "shuffled": figures.shuffled,
        "absolute_words_only_in_wrong_options": figures.absolute_only_in_distractors,
        "all_or_none_of_the_above": figures.all_or_none_of_the_above,
        "asks_for_a_date": figures.asks_for_a_date,
        "feedback_starts_with_a_verdict": figures.verdict_feedback,
    }


def render(report: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2)
    if fmt == "html":
        return _html(report)
    return "\n".join(_lines(report, markdown=fmt == "md")) + "\n"


def _count(number: int, plural: str) -> str:
    return f"{number} {plural if number != 1 else plural[:-1]}"


def _targets_line(t: dict[str, float]) -> str:
    return (
        f"Targets (B1): Flesch–Douma ≥ {t['douma_at_least']:g} and ≤ "
        f"{t['words_per_sentence_at_most']:g} words per sentence for each module (an error when "
        f"missed) and each screen (a warning; Flesch–Douma from {t['douma_from_words']:g} words "
        f"on, as it says little about fewer); no sentence over "
        f"{t['words_in_one_sentence_at_most']:g} words (a warning); long words have "
        f"{t['long_word_syllables']:g}+ syllables."
    )


def _lines(report: dict[str, Any], markdown: bool) -> list[str]:
    """The text report; with ``markdown`` headings, lists and tables a Markdown viewer shows."""
    h1, h2, h3, item = ("# ", "## ", "### ", "- ") if markdown else ("", "", "  ", "    ")
    out = [f"{h1}Report: {report['course']['title']}", "", _targets_line(report["thresholds"])]
    for kind in ("problems", "warnings"):
        if report[kind]:
            out += ["", f"{h2}{_count(len(report[kind]), kind)}"]
            out += [f"{item}{line}" for line in report[kind]]
    for m in report["modules"]:
        out += ["", f"{h2}{m['title']} ({m['id']})", ""]
        out.append(
            f"{item}screens {m['screens']}, words {m['words']}, study time about "
            f"{m['study_minutes_estimated']} min (authored: {m['study_minutes_authored']} min)"
        )
        verdict = "meets the targets" if m["meets_targets"] else "MISSES the targets"
        out.append(
            f"{item}Flesch–Douma {m['douma']:.1f}, {m['words_per_sentence']:.1f} words per "
            f"sentence: {verdict}"
        )
        out += ["", f"{h3}Readability per screen"]
        if markdown:
            out += [
                "",
                "| screen | at | words | Douma | words/sentence | |",
                "|---|---|---|---|---|---|",
            ]
        for s in m["screen_readability"]:
            flag = "reads hard" if s["reads_hard"] else ""
            if markdown:
                out.append(
                    f"| {s['screen']} | {s['at']} | {s['words']} | {s['douma']:.1f} | "
                    f"{s['words_per_sentence']:.1f} | {flag} |"
                )
            else:
                out.append(
                    f"{item}{s['screen']:40} Douma {s['douma']:5.1f}  "
                    f"{s['words_per_sentence']:4.1f} w/s  {s['words']:4} words  {flag}".rstrip()
                )
        hard = [s for s in m["screen_readability"] if s["reads_hard"]]
        sentences = {
            (x["at"], x["text"]): x for s in m["screen_readability"] for x in s["longest_sentences"]
        }  # a sentence written twice on one line is listed once
        longest = sorted(sentences.values(), key=lambda x: -x["words"])[:5]
        if hard:
            out += ["", f"{h3}Screens that read hard: long words"]
            out += [
                f"{item}{s['screen']} ({s['at']}): {', '.join(s['long_words']) or '—'}"
                for s in hard
            ]
        out += ["", f"{h3}Longest sentences"]
        out += [f"{item}{x['at']}: {x['words']} words: {x['text']}" for x in longest]
        out += ["", f"{h3}Objectives: taught by, tested by"]
        for o in m["objectives"]:
            out.append(
                f"{item}{o['id']}: taught by {', '.join(o['taught_by']) or 'nothing'}; "
                f"tested by {len(o['tested_by'])} question(s) {', '.join(o['tested_by'])}".rstrip()
            )
        if m["cases"]:
            out += ["", f"{h3}Cases"]
            out.append(
                f"{item}{m['branching_steps']} of {m['decision_steps']} decision steps branch "
                f"({m['branching_share']:.0%})"
            )
            for c in m["cases"]:
                out.append(
                    f"{item}{c['title']} ({c['id']}, {c['at']}): {c['decision_steps']} steps, "
                    f"{len(c['branching_steps'])} branch, {c['paths']} path(s), score "
                    f"{c['score_range'][0]} to {c['score_range'][1]}"
                )
                if c["same_place_steps"] and len(c["branching_steps"]):
                    out.append(
                        f"{item}  steps whose choices all lead to one place: "
                        f"{', '.join(c['same_place_steps'])}"
                    )
                for e in c["endings"]:
                    score = e["score_range"]
                    scored = f", score {score[0]} to {score[1]}" if score else ""
                    label = "end of the case" if e["id"] == END_OF_CASE else f"ending {e['id']}"
                    out.append(
                        f"{item}  {label}: {e['paths']} path(s){scored}; reached by "
                        f"{', '.join(e['reached_by']) or 'no choice'}"
                    )
        q = m["quiz"]
        if q:
            out += ["", f"{h3}Quiz"]
            types = ", ".join(f"{count} {name}" for name, count in q["types"].items())
            out.append(f"{item}{q['questions']} questions, {q['points']:g} points: {types}")
            positions = ", ".join(f"{p}: {n}" for p, n in q["key_positions"].items())
            out.append(
                f"{item}right answer is the longest option in {len(q['longest_option_is_key'])} "
                f"of {q['single_choice']} single-choice questions ({q['longest_key_share']:.0%}); "
                f"position of the right answer {positions or '—'}"
                f"{' (shuffled for each attempt)' if q['shuffled'] else ''}"
            )
            for key, label in (
                ("absolute_words_only_in_wrong_options", "absolute words only in wrong options"),
                ("all_or_none_of_the_above", "an all/none of the above option"),
                ("asks_for_a_date", "asks for a year or date"),
                ("feedback_starts_with_a_verdict", "feedback starts with a verdict"),
            ):
                out.append(f"{item}{label}: {', '.join(q[key]) or 'none'}")
    if report["near_identical_questions"]:
        out += ["", f"{h2}Near-identical questions in two modules"]
        out += [
            f"{item}{n['at']} {n['question']} ({n['module']}) ≈ {n['like_at']} {n['like']} "
            f"({n['like_module']})"
            for n in report["near_identical_questions"]
        ]
    return out


_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#111}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}.hard{background:#fff3cd}
.case-map{max-width:100%;height:auto;display:block;margin:.5rem 0}code{font-size:.9em}
"""

# Where the HTML report is served (the preview), this policy allows its one style element and
# nothing else: no script, no request to any host.
HTML_POLICY = (
    "default-src 'none'; style-src 'sha256-"
    + base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
    + "'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def _html(report: dict[str, Any]) -> str:
    e = escape
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',  # no request for /favicon.ico
        f"<title>Report: {e(report['course']['title'])}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>Report: {e(report['course']['title'])}</h1>",
        f"<p>{e(_targets_line(report['thresholds']))}</p>",
    ]
    for kind in ("problems", "warnings"):
        if report[kind]:
            parts.append(f"<h2>{_count(len(report[kind]), kind)}</h2><ul>")
            parts += [f"<li><code>{e(line)}</code></li>" for line in report[kind]]
            parts.append("</ul>")
    for m in report["modules"]:
        verdict = "meets the targets" if m["meets_targets"] else "misses the targets"
        parts += [
            f"<h2>{e(m['title'])} ({e(m['id'])})</h2>",
            f"<p>{m['screens']} screens, {m['words']} words, study time about "
            f"{m['study_minutes_estimated']} min (authored: {m['study_minutes_authored']} min). "
            f"Flesch–Douma {m['douma']:.1f}, {m['words_per_sentence']:.1f} words per sentence: "
            f"{verdict}.</p>",
            "<h3>Readability per screen</h3><table><tr><th>screen</th><th>file:line</th>"
            "<th>words</th><th>Douma</th><th>words/sentence</th><th>longest sentence</th>"
            "<th>long words</th></tr>",
        ]
        for s in m["screen_readability"]:
            first = s["longest_sentences"][0] if s["longest_sentences"] else None
            sentence = f"{first['words']}: {first['text']}" if first else ""
            row = '<tr class="hard">' if s["reads_hard"] else "<tr>"
            parts.append(
                f"{row}<td>{e(s['screen'])}</td>"
                f"<td><code>{e(s['at'])}</code></td><td>{s['words']}</td><td>{s['douma']:.1f}</td>"
                f"<td>{s['words_per_sentence']:.1f}</td><td>{e(sentence)}</td>"
                f"<td>{e(', '.join(s['long_words'][:4]))}</td></tr>"
            )
        parts.append("</table><h3>Objectives</h3><table><tr><th>objective</th><th>taught by</th>")
        parts.append("<th>tested by</th></tr>")
        parts += [
            f"<tr><td>{e(o['id'])}: {e(o['text'])}</td><td>{e(', '.join(o['taught_by']))}</td>"
            f"<td>{len(o['tested_by'])}: {e(', '.join(o['tested_by']))}</td></tr>"
            for o in m["objectives"]
        ]
        parts.append("</table>")
        if m["cases"]:
            parts.append(
                f"<h3>Cases</h3><p>{m['branching_steps']} of {m['decision_steps']} decision "
                f"steps branch ({m['branching_share']:.0%}).</p>"
            )
        for c in m["cases"]:
            parts.append(
                f"<h4>{e(c['title'])} ({e(c['id'])})</h4><p>{c['decision_steps']} steps, "
                f"{len(c['branching_steps'])} branch, {c['paths']} path(s), score "
                f"{c['score_range'][0]} to {c['score_range'][1]}.</p>{c['svg']}"
                "<table><tr><th>ending</th><th>reached by</th><th>paths</th><th>score</th></tr>"
            )
            for end in c["endings"]:
                score = end["score_range"]
                parts.append(
                    f"<tr><td>{e(end['title'])}</td><td>{e(', '.join(end['reached_by']))}</td>"
                    f"<td>{end['paths']}</td><td>{f'{score[0]} to {score[1]}' if score else ''}"
                    "</td></tr>"
                )
            parts.append("</table>")
        q = m["quiz"]
        if q:
            rows = [
                ("questions", f"{q['questions']} ({q['points']:g} points)"),
                ("types", ", ".join(f"{n} {t}" for t, n in q["types"].items())),
                (
                    "right answer is the longest option",
                    f"{len(q['longest_option_is_key'])} of {q['single_choice']} "
                    f"({q['longest_key_share']:.0%}) {', '.join(q['longest_option_is_key'])}",
                ),
                (
                    "position of the right answer",
                    ", ".join(f"{p}: {n}" for p, n in q["key_positions"].items())
                    + (" (shuffled)" if q["shuffled"] else ""),
                ),
                (
                    "absolute words only in wrong options",
                    ", ".join(q["absolute_words_only_in_wrong_options"]),
                ),
                ("all/none of the above", ", ".join(q["all_or_none_of_the_above"])),
                ("asks for a year or date", ", ".join(q["asks_for_a_date"])),
                ("feedback starts with a verdict", ", ".join(q["feedback_starts_with_a_verdict"])),
            ]
            parts.append("<h3>Quiz</h3><table>")
            parts += [f"<tr><th>{e(k)}</th><td>{e(v) or 'none'}</td></tr>" for k, v in rows]
            parts.append("</table>")
    if report["near_identical_questions"]:
        parts.append("<h2>Near-identical questions in two modules</h2><ul>")
        parts += [
            f"<li><code>{e(n['at'])}</code> {e(n['question'])} ≈ <code>{e(n['like_at'])}</code> "
            f"{e(n['like'])}</li>"
            for n in report["near_identical_questions"]
        ]
        parts.append("</ul>")
    return "".join([*parts, "</body></html>\n"])

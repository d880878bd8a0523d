"""Broken authoring files give exact messages: file, line, what is wrong, how to fix it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.broken import fixture_copy, problems_of, replace_in

QUIZ = "01-basis/quiz.yaml"
MODULE = "01-basis/module.yaml"
LESSON = "01-basis/lessons/01-intro.md"
CASE = "01-basis/cases/buurman.yaml"
COURSE = "course.yaml"

Breakage = Callable[[Path], None]


def edit(file: str, old: str, new: str) -> Breakage:
    return lambda root: replace_in(root / file, old, new)


def write(file: str, content: bytes) -> Breakage:
    return lambda root: (root / file).write_bytes(content)


CASES: list[tuple[str, Breakage, list[str]]] = [
    (
        "correct answer not an option",
        edit(QUIZ, "    correct: a\n", "    correct: c\n"),
        [
            f"{QUIZ}:17: question 'definitie': correct answer 'c' is not one of its options (a, b)"
            " — use the id of one of the options"
        ],
    ),
    (
        "unknown field with a close name",
        edit(MODULE, "title: Basis", "titel: Basis"),
        [
            f"{MODULE}:1: missing required field 'title' — add 'title:' with a value",
            f"{MODULE}:2: unknown field 'titel' — did you mean 'title'? (allowed: cover_image, "
            "description, id, items, keywords, objectives, study_time_minutes, title)",
        ],
    ),
    (
        "wrong type",
        edit(QUIZ, "pass_mark: 70", "pass_mark: zeventig"),
        [f"{QUIZ}:4: field 'pass_mark': must be a whole number (got 'zeventig') — write a number"],
    ),
    (
        "pass mark out of range",
        edit(QUIZ, "pass_mark: 70", "pass_mark: 170"),
        [
            f"{QUIZ}:4: field 'pass_mark': must be at most 100 (got '170') — use a number within "
            "the allowed range"
        ],
    ),
    (
        "unknown question type",
        edit(QUIZ, "type: true_false", "type: waar_onwaar"),
        [
            f"{QUIZ}:34: question 'stelling': field 'type': unknown question type "
            "'waar_onwaar' — use one of: single_choice, multiple_choice, true_false, matching, "
            "ordering, short_text, likert"
        ],
    ),
    (
        "misspelt question type",
        edit(QUIZ, "type: multiple_choice", "type: multiple_choise"),
        [
            f"{QUIZ}:19: question 'partners': field 'type': unknown question type "
            "'multiple_choise' — did you mean 'multiple_choice'? (use one of: single_choice, "
            "multiple_choice, true_false, matching, ordering, short_text, likert)"
        ],
    ),
    (
        "question field indented under its last option",
        edit(QUIZ, "\n    correct: a\n", "\n        correct: a\n"),
        [
            f"{QUIZ}:17: option 'b': 'correct' is not a field here — check its indentation: "
            "'correct' is a field of question 'definitie'; line it up with the other fields of "
            "question 'definitie'",
            f"{QUIZ}:6: question 'definitie': missing required field 'correct' — add 'correct:' "
            "with a value",
        ],
    ),
    (
        "top-level field indented under a list item",
        edit(MODULE, "  - id: samenwerken\n", "  - id: samenwerken\n    items: []\n"),
        [
            f"{MODULE}:10: objective 'samenwerken': 'items' is not a field here — check its "
            "indentation: 'items' is a field of the whole file; start it at the beginning of the "
            "line, like 'id:'"
        ],
    ),
    (
        "invalid id",
        edit(MODULE, "- id: samenwerken", "- id: Samen Werken"),
        [
            f"{MODULE}:9: objective 'Samen Werken': field 'id': not a valid id or value "
            "(got 'Samen Werken') — use lower-case letters, digits and hyphens, starting "
            "with a letter"
        ],
    ),
    (
        "dangling objective",
        edit(QUIZ, "objectives: [samenwerken]", "objectives: [samenwerk]"),
        [
            f"{QUIZ}:20: question 'partners': objective 'samenwerk' is not defined in module.yaml —"
            " did you mean 'samenwerken'? use one of: herkennen, samenwerken, or add it to "
            "module.yaml",
            f"{MODULE}:9: objective 'samenwerken' is assessed by 1 question, fewer than 2 — "
            "list it in the 'objectives' of the questions that test it",
        ],
    ),
    (
        "duplicate question id",
        edit(QUIZ, "- id: stelling", "- id: partners"),
        [
            f"{QUIZ}:33: question id 'partners' is used twice (first at {QUIZ}:18) — give each "
            "question its own id"
        ],
    ),
    (
        "quiz without questions",
        edit(QUIZ, "questions:", "questions: []\nold_questions:"),
        [
            f"{QUIZ}:5: field 'questions': has 0 items — give at least 1 question",
            f"{QUIZ}:6: unknown field 'old_questions' — did you mean 'questions'? (allowed: "
            "attempts, id, intro, pass_mark, questions, shuffle, title)",
        ],
    ),
    (
        "invalid YAML",
        edit(CASE, "title: De buurman", "title: [De buurman"),
        [
            f"{CASE}:3: invalid YAML: did not find expected ',' or ']' — check the indentation, "
            "colons and quotes on this line or the one above"
        ],
    ),
    (
        "missing lesson file",
        edit(MODULE, "lessons/01-intro.md", "lessons/99-weg.md"),
        [f"{MODULE}:12: file '99-weg.md' does not exist — create it or correct the path"],
    ),
    (
        "file outside the module",
        edit(MODULE, "lessons/01-intro.md", "../course.yaml"),
        [
            f"{MODULE}:12: '../course.yaml' lies outside the module folder — keep the module's "
            "files inside its folder"
        ],
    ),
    (
        "missing module folder",
        edit(COURSE, "  - 01-basis", "  - 01-basis\n  - 02-weg"),
        [
            f"{COURSE}:9: module folder '02-weg' has no module.yaml — create 02-weg/module.yaml or"
            " correct the name"
        ],
    ),
    (
        "not UTF-8",
        write(CASE, "id: buurman\ntitle: Caf\xe9\n".encode("latin-1")),
        [f"{CASE}:2: byte 0xe9 is not valid UTF-8 — save the file as UTF-8"],
    ),
    (
        "lesson without front matter",
        write(LESSON, b"## Alleen een scherm\n\nTekst.\n"),
        [
            f"{LESSON}:1: the lesson has no front matter — start the file with '---', the id, "
            "title and objectives, and '---'"
        ],
    ),
    (
        "text before the first screen",
        edit(LESSON, "---\n## Onderwereld", "---\nLos.\n\n## O"),
        [
            f"{LESSON}:6: text before the first screen — start every screen with a '## Title' "
            "heading"
        ],
    ),
    (
        "duplicate screen",
        edit(LESSON, "## Samen sterk {#partners}", "## Onderwereld en bovenwereld"),
        [
            f"{LESSON}:10: screen id 'onderwereld-en-bovenwereld' is used twice (first at "
            f"{LESSON}:6) — give each screen its own id"
        ],
    ),
    (
        "item naming two files",
        edit(MODULE, "  - quiz: quiz.yaml", "  - quiz: quiz.yaml\n    case: cases/buurman.yaml"),
        [
            f"{MODULE}:14: item 3: an item names exactly one of 'lesson', 'case' or 'quiz' — "
            "correct the value"
        ],
    ),
    (
        "case choice with a number id",
        edit(CASE, "      - id: b", "      - id: 2"),
        [f"{CASE}:14: choice '2': field 'id': must be text (got '2') — write text"],
    ),
    (
        "empty file",
        write(QUIZ, b""),
        [f"{QUIZ}:1: the file is not a YAML mapping — write 'key: value' lines at the top level"],
    ),
]


@pytest.mark.parametrize(
    ("breakage", "expected"), [(b, e) for _, b, e in CASES], ids=[name for name, _, _ in CASES]
)
def test_broken_input_gives_exact_messages(
    tmp_path: Path, breakage: Breakage, expected: list[str]
) -> None:
    root = fixture_copy(tmp_path)
    breakage(root)
    assert problems_of(root) == expected


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(root / QUIZ, "    correct: a\n", "    correct: c\n")
    replace_in(root / CASE, "fictional_note: Alle", "fictional: Alle")
    problems = problems_of(root)
    assert len(problems) == 3, problems
    assert {p.split(":")[0] for p in problems} == {QUIZ, CASE}


def test_image_needs_alt_text_and_a_file_inside_the_module(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    (root / "01-basis" / "media").mkdir(exist_ok=True)
    (root / "01-basis" / "media" / "kaart.png").write_bytes(b"\x89PNG")
    replace_in(
        root / LESSON,
        "Dat heet ondermijning.",
        "Dat heet ondermijning.\n\n![](../media/kaart.png)\n\n![Kaart](../../course.yaml)"
        "\n\nZie de foto:\n![Foto](https://example.org/x.png)\n\n![Wijk](../media/kaart.png)",
    )
    # Each problem names the image's own line, also inside a paragraph of several lines.
    assert problems_of(root) == [
        f"{LESSON}:10: image '../media/kaart.png' has no alt text — describe the image between "
        "the brackets: ![what it shows](path)",
        f"{LESSON}:12: image '../../course.yaml' is not in the module's media/ folder — the "
        "module's media/ folder has: kaart.png, wijk.png; put the image there and write it as "
        "media/name.png",
        f"{LESSON}:15: image 'https://example.org/x.png' is not a file in the module; images from "
        "elsewhere are not allowed — the module's media/ folder has: kaart.png, wijk.png; put "
        "the image "
        "there and write it as media/name.png",
    ]


def test_module_that_reads_too_hard_fails(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    hard = (
        "Gemeentelijke samenwerkingsverbanden ontwikkelen geïntegreerde "
        "veiligheidsstrategieën tegen georganiseerde ondermijnende criminaliteitsvormen "
        "binnen kwetsbare stedelijke woongebieden. "
    )
    replace_in(root / LESSON, "Criminelen gebruiken **legale** diensten.", hard * 20)
    (problem,) = problems_of(root)
    # Only the missed target is named (the sentences are short enough), and the report the
    # message points to runs while the problem stands (tests/test_authoring_checks.py).
    assert problem == (
        f"{MODULE}:1: module 'basis' reads too hard: Flesch–Douma -32.0 (target ≥ 60) — shorten "
        "sentences and use shorter, common words; the warnings name each sentence over 20 words, "
        "and 'course report --module basis' lists the screens that read hardest with their "
        "longest sentences and long words"
    )


def test_fixture_course_has_no_problems(tmp_path: Path) -> None:
    assert problems_of(fixture_copy(tmp_path)) == []

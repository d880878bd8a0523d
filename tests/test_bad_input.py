"""Broken authoring input through `course build`: exact messages, and dist/ stays as it was.

Together with the table in test_loader_errors.py this covers every kind of mistake a learning
designer can make in the files, and the hostile ones (paths out of the course, symlinks,
YAML that expands without limit). Each case is also run through the real command line.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from course.cli import main
from course.sources import MAX_FILE_BYTES
from tests.support.broken import fixture_copy, replace_in
from tests.test_loader_errors import CASE, CASES, COURSE, LESSON, MODULE, QUIZ, edit, write

Breakage = Callable[[Path], None]
GLOSSARY = "glossary.yaml"
MEDIA = "01-basis/media"
FIX_IMAGE = (
    "the module's media/ folder has: kaart.png, wijk.png; put the image there and write it as "
    "media/name.png"
)


def add_image(markdown: str, file: str = "kaart.png") -> Breakage:
    """A picture in the first screen, with a real image file in media/ beside it."""

    def breakage(root: Path) -> None:
        (root / MEDIA).mkdir(exist_ok=True)
        (root / MEDIA / file).write_bytes(b"\x89PNG")
        replace_in(root / LESSON, "Dat heet ondermijning.", f"Dat heet ondermijning.\n\n{markdown}")

    return breakage


def symlink(link: str, target: str) -> Breakage:
    """``link`` (below the course) pointing at ``target`` (relative to the course's parent)."""

    def breakage(root: Path) -> None:
        (root.parent / "elders").mkdir(exist_ok=True)
        (root.parent / "elders" / "geheim.md").write_text("---\nid: geheim\n---\n## Geheim\n")
        (root.parent / "elders" / "module.yaml").write_text((root / MODULE).read_text())
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(root.parent / target, root / link)

    return breakage


def cut(file: str, start: str, end: str) -> Breakage:
    """Remove the text from ``start`` up to ``end`` (kept)."""

    def breakage(root: Path) -> None:
        text = (root / file).read_text(encoding="utf-8")
        begin = text.index(start)
        (root / file).write_text(text[:begin] + text[text.index(end, begin) :], encoding="utf-8")

    return breakage


SVG_LOGO = b"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'/>"


def theme_file(css: str) -> Breakage:
    """A course whose theme is its own tokens file, thema/gemeente.css."""

    def breakage(root: Path) -> None:
        (root / "thema").mkdir()
        (root / "thema" / "gemeente.css").write_text(css)
        replace_in(root / COURSE, "language: nl", "language: nl\ntheme: thema/gemeente.css")

    return breakage


def logo(file: str, content: bytes, alt_line: str) -> Breakage:
    def breakage(root: Path) -> None:
        (root / file).write_bytes(content)
        replace_in(
            root / COURSE, "language: nl", f"language: nl\nlogo:\n  file: {file}\n{alt_line}"
        )

    return breakage


def both(*breakages: Breakage) -> Breakage:
    def breakage(root: Path) -> None:
        for each in breakages:
            each(root)

    return breakage


MORE_CASES: list[tuple[str, Breakage, list[str]]] = [
    # --- invalid YAML and YAML that must not be accepted -------------------------------
    (
        "tab indentation",
        edit(MODULE, "  - lesson: lessons/01-intro.md", "\t- lesson: lessons/01-intro.md"),
        [
            "01-basis/module.yaml:12: invalid YAML: a tab is used for indentation — replace the "
            "tab with spaces"
        ],
    ),
    (
        "unclosed quote",
        edit(QUIZ, "title: Toets", 'title: "Toets'),
        [
            "01-basis/quiz.yaml:2: invalid YAML: a quote opened here is not closed — close it "
            'with a " at the end'
        ],
    ),
    (
        "value that starts with 's",
        edit(CASE, "situation: De bewoner ziet", "situation: 's Nachts ziet de bewoner"),
        [
            f"{CASE}:19: invalid YAML: the text starts with an apostrophe ('), which YAML reads "
            'as an opening quote — put the whole text between double quotes: "\'s Nachts …"'
        ],
    ),
    (
        "colon inside a value",
        edit(CASE, "feedback: Dat is te snel.", "feedback: Let op: dat is te snel."),
        [
            f"{CASE}:16: invalid YAML: the text has a colon followed by a space (': '), which "
            'YAML reads as a new field — put the whole text between double quotes: "Let op: …"'
        ],
    ),
    (
        "tab inside a list item",
        edit(CASE, "        next: te-snel", "      \tnext: te-snel"),
        [f"{CASE}:17: invalid YAML: a tab is used for indentation — replace the tab with spaces"],
    ),
    (
        "option field indented too little",
        edit(QUIZ, "        feedback: Dat is de kern.", "      feedback: Dat is de kern."),
        [
            "01-basis/quiz.yaml:13: invalid YAML: this line or the one above is not indented like "
            "the lines around it — indent with spaces so that each field starts exactly below "
            "the other fields of the same question, option or step"
        ],
    ),
    (
        "duplicate key",
        edit(MODULE, "title: Basis", "title: Basis\ntitle: Nogmaals"),
        [
            '01-basis/module.yaml:3: invalid YAML: found duplicate key "title" with value '
            '"Nogmaals van ondermijning" (original value: "Basis") — keep one of the two'
        ],
    ),
    (
        "alias that could expand without limit",
        edit(
            QUIZ,
            "intro: Test wat je weet over ondermijning.",
            "intro: &a Beantwoord drie vragen.\nextra: *a",
        ),
        [
            "01-basis/quiz.yaml:4: YAML alias '*a' is not allowed — write the value out in full "
            "instead of referring to an anchor"
        ],
    ),
    (
        "python tag",
        edit(COURSE, "title: Mini-cursus", "title: !!python/object:os.system ls"),
        [
            "course.yaml:2: YAML tag '!!python/object:os.system' is not allowed — remove the tag; "
            "write plain text, numbers, lists and mappings"
        ],
    ),
    (
        "control character",
        edit(CASE, "title: De buurman", "title: De \x07buurman"),
        [
            "01-basis/cases/buurman.yaml:2: invalid YAML: control character U+0007 is not allowed "
            "— remove it; it is often left behind by copying from another program"
        ],
    ),
    (
        "nesting too deep",
        edit(QUIZ, "pass_mark: 70", "pass_mark: " + "[" * 3000 + "]" * 3000),
        [
            "01-basis/quiz.yaml:4: invalid YAML: lists and mappings are nested more than 20 deep "
            "— flatten the structure; course files need only a few levels"
        ],
    ),
    (
        "invalid YAML in front matter",
        edit(LESSON, "title: Wat is", "title: [Wat is"),
        [
            "01-basis/lessons/01-intro.md:4: invalid YAML: did not find expected ',' or ']' — "
            "check the indentation, colons and quotes on this line or the one above"
        ],
    ),
    (
        "front matter not closed",
        write(LESSON, b"---\nid: intro\n## Scherm\n"),
        [
            "01-basis/lessons/01-intro.md:1: the front matter is not closed — add a line '---' "
            "after the front matter"
        ],
    ),
    (
        "front matter is a list",
        write(LESSON, b"---\n- id\n---\n## Scherm\n\nTekst.\n"),
        [
            "01-basis/lessons/01-intro.md:2: the front matter is not a YAML mapping — write "
            "'id:', 'title:' and 'objectives:' lines"
        ],
    ),
    (
        "screens in front matter",
        edit(LESSON, "id: intro", "id: intro\nscreens: []"),
        [
            "01-basis/lessons/01-intro.md:3: 'screens' cannot be set in front matter — write each "
            "screen as a '## heading' below the front matter"
        ],
    ),
    # --- unknown fields, wrong types, missing fields ------------------------------------
    (
        "unknown field in a case step",
        edit(CASE, "    situation:", "    situatie:"),
        [
            "01-basis/cases/buurman.yaml:7: step 'eerste-stap': missing required field "
            "'situation' — add 'situation:' with a value",
            "01-basis/cases/buurman.yaml:8: step 'eerste-stap': unknown field 'situatie' — did "
            "you mean 'situation'? (allowed: choices, id, question, situation, title)",
        ],
    ),
    (
        "unknown field, nothing close",
        edit(COURSE, "language: nl", "language: nl\nkleur: rood"),
        [
            "course.yaml:5: unknown field 'kleur' — remove it or correct its name (allowed: "
            "description, id, language, logo, modules, organisation, theme, title, version)"
        ],
    ),
    (
        "objectives as text",
        edit(LESSON, "objectives: [herkennen, samenwerken]", "objectives: herkennen"),
        [
            "01-basis/lessons/01-intro.md:4: field 'objectives': must be a list (got 'herkennen') "
            "— write a list ('- item' lines)"
        ],
    ),
    (
        "study time in words",
        edit(MODULE, "study_time_minutes: 10", "study_time_minutes: tien"),
        [
            "01-basis/module.yaml:5: field 'study_time_minutes': must be a whole number (got "
            "'tien') — write a number"
        ],
    ),
    (
        "true/false answer maybe",
        edit(QUIZ, "correct: true", "correct: misschien"),
        [
            "01-basis/quiz.yaml:37: question 'stelling': field 'correct': must be true or false "
            "(got 'misschien') — write true or false"
        ],
    ),
    (
        "pass mark with decimals",
        edit(QUIZ, "pass_mark: 70", "pass_mark: 70.5"),
        [
            "01-basis/quiz.yaml:4: field 'pass_mark': must be a whole number (got '70.5') — write "
            "a number without decimals"
        ],
    ),
    (
        "missing quiz title",
        edit(QUIZ, "title: Toets\n", ""),
        ["01-basis/quiz.yaml:1: missing required field 'title' — add 'title:' with a value"],
    ),
    (
        "missing fictional note",
        edit(CASE, "fictional_note: Alle personen in deze casus zijn fictief.\n", ""),
        [
            "01-basis/cases/buurman.yaml:1: missing required field 'fictional_note' — add "
            "'fictional_note:' with a value"
        ],
    ),
    (
        "question without a type",
        edit(QUIZ, "    type: single_choice\n", ""),
        [
            "01-basis/quiz.yaml:6: question 'definitie': no 'type' given — add 'type:' with one "
            "of: single_choice, multiple_choice, true_false, matching, ordering, short_text, "
            "likert"
        ],
    ),
    (
        "language not a code",
        edit(COURSE, "language: nl", "language: nederlands"),
        [
            "course.yaml:4: field 'language': not a valid id or value (got 'nederlands') — use a "
            "two-letter language code, such as nl"
        ],
    ),
    (
        "version not a number",
        edit(COURSE, "version: 1.0.0", "version: eerste"),
        [
            "course.yaml:6: field 'version': not a valid id or value (got 'eerste') — write a "
            "version number, such as 1.0.0"
        ],
    ),
    (
        "glossary term without definition",
        write(GLOSSARY, b"terms:\n  - term: Ondermijning\n"),
        [
            "glossary.yaml:2: term 1: missing required field 'definition' — add 'definition:' "
            "with a value"
        ],
    ),
    # --- duplicate ids ------------------------------------------------------------------
    (
        "duplicate objective",
        edit(MODULE, "items:", "  - id: samenwerken\n    text: Nog eens.\nitems:"),
        [
            "01-basis/module.yaml:11: objective id 'samenwerken' is used twice (first at "
            "01-basis/module.yaml:9) — give each objective its own id"
        ],
    ),
    (
        "lesson and quiz share an id",
        edit(QUIZ, "id: toets", "id: intro"),
        [
            "01-basis/quiz.yaml:1: item id 'intro' is used twice (first at "
            "01-basis/lessons/01-intro.md:2) — give each item its own id"
        ],
    ),
    (
        "duplicate choice in a case step",
        edit(CASE, "      - id: b", "      - id: a"),
        [
            "01-basis/cases/buurman.yaml:14: choice id 'a' is used twice (first at "
            "01-basis/cases/buurman.yaml:11) — give each choice its own id"
        ],
    ),
    (
        "module listed twice",
        edit(COURSE, "  - 01-basis", "  - 01-basis\n  - 01-basis"),
        ["course.yaml:9: module '01-basis' is listed twice — list it once"],
    ),
    (
        "duplicate option",
        edit(QUIZ, "      - id: b\n        text: Politie", "      - id: a\n        text: Politie"),
        [
            "01-basis/quiz.yaml:22: question 'partners': option id 'a' is used twice — give every "
            "option its own letter",
            "01-basis/quiz.yaml:32: question 'partners': correct answer 'b' is not one of its "
            "options (a, a, c) — use the id of one of the options",
        ],
    ),
    # --- dangling references ------------------------------------------------------------
    (
        "lesson names an unknown objective",
        edit(
            LESSON,
            "objectives: [herkennen, samenwerken]",
            "objectives: [herkennen, samenwerken, plannen]",
        ),
        [
            "01-basis/lessons/01-intro.md:4: lesson 'intro': objective 'plannen' is not defined "
            "in module.yaml — use one of: herkennen, samenwerken, or add it to module.yaml"
        ],
    ),
    (
        "case names an unknown objective",
        edit(CASE, "objectives: [herkennen]", "objectives: [herkenen]"),
        [
            "01-basis/cases/buurman.yaml:4: case 'buurman': objective 'herkenen' is not defined "
            "in module.yaml — did you mean 'herkennen'? use one of: herkennen, samenwerken, or "
            "add it to module.yaml"
        ],
    ),
    (
        "module folder of another name",
        edit(COURSE, "  - 01-basis", "  - 01-basic"),
        [
            "course.yaml:8: module folder '01-basic' has no module.yaml — create "
            "01-basic/module.yaml or correct the name"
        ],
    ),
    (
        "module folder with a path",
        edit(COURSE, "  - 01-basis", "  - 01-basis/lessons"),
        [
            "course.yaml:8: module 1: not a valid id or value (got '01-basis/lessons') — name a "
            "folder directly inside the course folder (letters, digits, '.', '_', '-')"
        ],
    ),
    # --- answers and quizzes ------------------------------------------------------------
    (
        "correct answers not all options",
        edit(QUIZ, "correct: [a, b]", "correct: [a, d]"),
        [
            "01-basis/quiz.yaml:32: question 'partners': correct answer 'd' is not one of its "
            "options (a, b, c) — use the id of one of the options"
        ],
    ),
    (
        "single choice with one option",
        edit(
            QUIZ,
            "      - id: b\n        text: Alleen winkeldiefstal.\n        feedback: Het gaat om "
            "meer.\n",
            "",
        ),
        [
            "01-basis/quiz.yaml:10: question 'definitie': field 'options': has 1 item — give at "
            "least 2 options"
        ],
    ),
    (
        "quiz with no questions at all",
        edit(QUIZ, "questions:", "vragen:"),
        [
            "01-basis/quiz.yaml:1: missing required field 'questions' — add 'questions:' with a "
            "value",
            "01-basis/quiz.yaml:5: unknown field 'vragen' — remove it or correct its name "
            "(allowed: attempts, id, intro, pass_mark, questions, shuffle, title)",
        ],
    ),
    (
        "pass mark zero",
        edit(QUIZ, "pass_mark: 70", "pass_mark: 0"),
        [
            "01-basis/quiz.yaml:4: field 'pass_mark': must be at least 1 (got '0') — use a number "
            "within the allowed range"
        ],
    ),
    (
        "pass mark negative",
        edit(QUIZ, "pass_mark: 70", "pass_mark: -5"),
        [
            "01-basis/quiz.yaml:4: field 'pass_mark': must be at least 1 (got '-5') — use a "
            "number within the allowed range"
        ],
    ),
    (
        "case without steps",
        edit(CASE, "steps:", "steps: []\nold_steps:"),
        [
            "01-basis/cases/buurman.yaml:6: field 'steps': has 0 items — give at least 1 step",
            "01-basis/cases/buurman.yaml:7: unknown field 'old_steps' — did you mean 'steps'? "
            "(allowed: endings, fictional_note, id, intro, objectives, score, steps, title)",
        ],
    ),
    (
        "case choice without an id",
        edit(
            CASE,
            "      - id: b\n        text: Je belt meteen aan bij de buren.\n",
            "      - text: Je belt meteen aan bij de buren.\n",
        ),
        [
            "01-basis/cases/buurman.yaml:14: choice 2: missing required field 'id' — add 'id:' "
            "with a value"
        ],
    ),
    (
        "case step with one choice",
        cut(CASE, "      - id: b\n        text: Je belt meteen", "  - id: tweede-stap"),
        [
            "01-basis/cases/buurman.yaml:10: step 'eerste-stap': field 'choices': has 1 item — "
            "give at least 2 choices"
        ],
    ),
    # --- case branches -------------------------------------------------------------------
    (
        "case choice leads to no step",
        edit(CASE, "        next: te-snel\n", "        next: te-laat\n"),
        [
            f"{CASE}:17: step 'eerste-stap', choice 'b': 'next' names 'te-laat', which is no step "
            "or ending of this case — use one of: tweede-stap, samen-verder, te-snel"
        ],
    ),
    (
        "unreachable case ending",
        edit(CASE, "        next: te-snel\n", "        next: samen-verder\n"),
        [
            f"{CASE}:35: ending 'te-snel' cannot be reached from the first step 'eerste-stap' — "
            "point a choice's 'next' to it, or remove it"
        ],
    ),
    (
        "endless case path",
        edit(
            CASE,
            "        next: samen-verder\n      - id: b",
            "        next: eerste-stap\n      - id: b",
        ),
        [
            f"{CASE}:26: step 'tweede-stap', choice 'a' leads back to step 'eerste-stap': the path "
            "eerste-stap → tweede-stap → eerste-stap can go round without end — point 'next' to a "
            "later step or an ending; a case moves forward only"
        ],
    ),
    # --- media --------------------------------------------------------------------------
    (
        "missing media file",
        add_image("![Kaart](../media/weg.png)"),
        [
            f"{LESSON}:10: image '../media/weg.png' is not in the module's media/ folder — "
            + FIX_IMAGE
        ],
    ),
    (
        "media file name misspelt",
        add_image("![Kaart](media/kaart.jpg)"),
        [
            f"{LESSON}:10: image 'media/kaart.jpg' is not in the module's media/ folder — did you "
            "mean kaart.png? The module's media/ folder has: kaart.png, wijk.png; write it as "
            "media/kaart.png"
        ],
    ),
    (
        "media path out of the module",
        add_image("![Kaart](../../../course.yaml)"),
        [
            f"{LESSON}:10: image '../../../course.yaml' is not in the module's media/ folder — "
            + FIX_IMAGE
        ],
    ),
    (
        "media path absolute",
        add_image("![Wachtwoorden](/etc/passwd)"),
        [
            f"{LESSON}:10: image '/etc/passwd' is a path from the top of the disk, not from the "
            f"module folder — {FIX_IMAGE}"
        ],
    ),
    (
        "media path through a symlink",
        both(
            add_image("![Kaart](../media/link.png)"),
            symlink(f"{MEDIA}/link.png", "course/course.yaml"),
        ),
        [
            f"{LESSON}:10: image '../media/link.png' is not in the module's media/ folder — "
            "the module's media/ folder has: kaart.png, link.png, wijk.png; put the image there "
            "and write "
            "it as media/name.png"
        ],
    ),
    (
        "media from another host",
        add_image("![Kaart](https://example.org/kaart.png)"),
        [
            f"{LESSON}:10: image 'https://example.org/kaart.png' is not a file in the module; "
            f"images from elsewhere are not allowed — {FIX_IMAGE}"
        ],
    ),
    # --- files out of place ---------------------------------------------------------------
    (
        "lesson path absolute",
        edit(MODULE, "lessons/01-intro.md", "/etc/passwd"),
        [
            "01-basis/module.yaml:12: '/etc/passwd' lies outside the module folder — keep the "
            "module's files inside its folder"
        ],
    ),
    (
        "lesson through a symlink",
        both(
            symlink("01-basis/lessons/link.md", "elders/geheim.md"),
            edit(MODULE, "lessons/01-intro.md", "lessons/link.md"),
        ),
        [
            "01-basis/module.yaml:12: 'lessons/link.md' lies outside the module folder — keep the "
            "module's files inside its folder"
        ],
    ),
    (
        "module folder through a symlink",
        both(
            symlink("02-elders", "elders"),
            edit(COURSE, "  - 01-basis", "  - 01-basis\n  - 02-elders"),
        ),
        [
            "course.yaml:9: module folder '02-elders' lies outside the course folder — move the "
            "module folder into the course folder instead of linking to it"
        ],
    ),
    (
        "lesson path is a folder",
        edit(MODULE, "case: cases/buurman.yaml", "case: cases"),
        ["01-basis/module.yaml:13: 'cases' is a folder, not a file — name a file in it"],
    ),
    (
        "NUL byte in a path",
        edit(MODULE, "lessons/01-intro.md", '"lessons/\\0.md"'),
        [
            "01-basis/module.yaml:12: file '\\x00.md' cannot be read: embedded null byte — "
            "correct the path"
        ],
    ),
    (
        "name too long",
        edit(MODULE, "lessons/01-intro.md", "lessons/" + "x" * 300 + ".md"),
        [
            "01-basis/module.yaml:12: file "
            "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' "
            "cannot be read: file name too long — correct the path"
        ],
    ),
    # --- encodings, sizes, empty things ------------------------------------------------
    (
        "lesson not UTF-8",
        write(LESSON, "---\nid: intro\ntitle: Caf\xe9\n---\n".encode("cp1252")),
        ["01-basis/lessons/01-intro.md:3: byte 0xe9 is not valid UTF-8 — save the file as UTF-8"],
    ),
    (
        "UTF-16 module file",
        write(MODULE, "id: basis\n".encode("utf-16")),
        ["01-basis/module.yaml:1: byte 0xff is not valid UTF-8 — save the file as UTF-8"],
    ),
    (
        "empty module",
        edit(
            MODULE,
            "items:\n  - lesson: lessons/01-intro.md\n  - case: cases/buurman.yaml\n  - quiz: "
            "quiz.yaml\n",
            "items: []\n",
        ),
        ["01-basis/module.yaml:11: field 'items': has 0 items — give at least 1 item"],
    ),
    (
        "empty module file",
        write(MODULE, b""),
        [
            "01-basis/module.yaml:1: the file is not a YAML mapping — write 'key: value' lines at "
            "the top level"
        ],
    ),
    (
        "lesson without screens",
        write(LESSON, b"---\nid: intro\ntitle: Intro\nobjectives: [herkennen]\n---\n"),
        ["01-basis/lessons/01-intro.md:2: field 'screens': has 0 items — give at least 1 screen"],
    ),
    (
        "huge lesson",
        write(LESSON, b"---\n" + b"x" * MAX_FILE_BYTES),
        [
            "01-basis/lessons/01-intro.md:1: file is 1,000,004 bytes, over the limit of 1,000,000 "
            "— split it into smaller lessons or files"
        ],
    ),
    (
        "heading that skips a level",
        edit(LESSON, "- gemeente", "#### Wie doen er mee?\n\n- gemeente"),
        [
            "01-basis/lessons/01-intro.md:12: screen 'partners' has a '####' heading right after "
            "'##' — use '###', one level below the heading before it"
        ],
    ),
    (
        "top-level heading inside a screen",
        edit(LESSON, "- gemeente", "# Partners\n\n- gemeente"),
        [
            "01-basis/lessons/01-intro.md:12: screen 'partners' has a '#' heading — '##' starts "
            "a screen; use '###' for a heading in one"
        ],
    ),
    (
        "language without a message catalogue",
        edit(COURSE, "language: nl", "language: fr"),
        [
            "course.yaml:4: there is no message catalogue for language 'fr' — use one of en, nl, "
            "or add scorm_builder/messages/fr.json"
        ],
    ),
    # --- theme and logo ---------------------------------------------------------------
    (
        "unknown theme",
        edit(COURSE, "language: nl", "language: nl\ntheme: den-hag"),
        [
            "course.yaml:5: there is no built-in theme 'den-hag' — did you mean 'den-haag'? use "
            "one of default, den-haag, voorbeeld, or the path of a .css tokens file in modules/"
        ],
    ),
    (
        "theme file missing",
        edit(COURSE, "language: nl", "language: nl\ntheme: thema/gemeente.css"),
        ["course.yaml:5: file 'gemeente.css' does not exist — create it or correct the path"],
    ),
    (
        "theme file outside the course",
        edit(COURSE, "language: nl", "language: nl\ntheme: ../gemeente.css"),
        [
            "course.yaml:5: theme file '../gemeente.css' lies outside modules/ — put the tokens "
            "file in modules/, e.g. modules/theme/"
        ],
    ),
    (
        "theme token that loads a file",
        theme_file(
            ":root {\n  --utrecht-link-color: #0b5394;\n"
            "  --utrecht-document-background-color: url(https://example.org/a.png);\n}\n"
        ),
        [
            "thema/gemeente.css:3: token --utrecht-document-background-color has the value "
            "'url(https://example.org/a.png)', which uses url() — use a plain value: a colour, a "
            "length, a number, a keyword or font names"
        ],
    ),
    (
        "theme token that refers to nothing",
        theme_file(".gemeente-theme {\n  --utrecht-link-color: var(--gemeente-blauw);\n}\n"),
        [
            "thema/gemeente.css:2: token --utrecht-link-color refers to --gemeente-blauw, which "
            "the file does not define — define --gemeente-blauw in the file, or write the value "
            "itself"
        ],
    ),
    (
        "theme tokens in a loop",
        theme_file(
            ":root {\n  --utrecht-link-color: var(--blauw);\n"
            "  --blauw: var(--utrecht-link-color);\n}\n"
        ),
        [
            "thema/gemeente.css:3: tokens refer to each other in a loop: --utrecht-link-color → "
            "--blauw → --utrecht-link-color — give one of these tokens a value of its own"
        ],
    ),
    (
        "theme colours that contrast too little",
        theme_file(
            "/* huisstijl */\n:root {\n"
            "  --utrecht-button-primary-action-background-color: hsl(210 63% 70%);\n}\n"
        ),
        [
            "thema/gemeente.css:3: button text (--utrecht-button-primary-action-color: #ffffff) "
            "on --utrecht-button-primary-action-background-color (hsl(210 63% 70%)) has a "
            "contrast of 2.22:1, below the 4.5:1 of WCAG 2.1 AA — make one of the two colours "
            "darker or lighter"
        ],
    ),
    (
        "logo without alt text",
        logo("logo.svg", SVG_LOGO, ""),
        ["course.yaml:5: missing required field 'alt' — add 'alt:' with a value"],
    ),
    (
        "logo missing",
        edit(
            COURSE, "language: nl", "language: nl\nlogo:\n  file: media/logo.png\n  alt: Gemeente"
        ),
        [
            "course.yaml:6: logo 'media/logo.png' does not exist — check the path; it is relative "
            "to modules/"
        ],
    ),
    (
        "logo neither SVG nor PNG",
        logo("logo.gif", b"GIF89a", "  alt: Gemeente\n"),
        ["course.yaml:6: logo 'logo.gif' is not an SVG or PNG file — use a .svg or .png file"],
    ),
    (
        "logo that is not what its name says",
        logo("logo.png", b"<html>", "  alt: Gemeente\n"),
        [
            "course.yaml:6: logo 'logo.png' does not hold what its name says — save it again as "
            "SVG or PNG"
        ],
    ),
    (
        "invalid screen id",
        edit(LESSON, "{#partners}", "{#Samen Sterk}"),
        [
            "01-basis/lessons/01-intro.md:10: screen 'Samen Sterk': field 'id': not a valid id or "
            "value (got 'Samen Sterk') — use lower-case letters, digits and hyphens, starting "
            "with a letter"
        ],
    ),
]


ALL_CASES = CASES + MORE_CASES


@pytest.fixture(scope="module")
def built_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dist/ as a good build left it, cache file included."""
    tmp = tmp_path_factory.mktemp("good")
    out = tmp / "dist"
    result = CliRunner().invoke(
        main, ["build", "--root", str(fixture_copy(tmp)), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [(b, e) for _, b, e in ALL_CASES],
    ids=[name for name, _, _ in ALL_CASES],
)
def test_build_of_broken_input_fails_and_leaves_dist_alone(
    tmp_path: Path, built_dist: Path, breakage: Breakage, expected: list[str]
) -> None:
    root = fixture_copy(tmp_path)
    out = tmp_path / "dist"
    shutil.copytree(built_dist, out)
    before = snapshot(out)
    breakage(root)
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert snapshot(out) == before
    *problems, summary = result.output.replace(f"{root}/", "").splitlines()
    assert problems == expected
    count = len(expected)
    assert summary == f"{count} problem{'s' if count != 1 else ''} found; nothing was built."
    # course check finds the same, so an author learns it before building.
    checked = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert checked.exit_code == 1, checked.output
    assert checked.output.replace(f"{root}/", "").splitlines()[:-1] == expected


def test_there_are_at_least_forty_broken_inputs() -> None:
    assert len(ALL_CASES) >= 40

"""Warnings for the designer: each fires on a planted defect with its exact text, and the clean
fixture does not give it. Also `course check`'s summary and `course report` in every format."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from course.case_map import case_svg
from course.case_paths import END_OF_CASE, case_overview
from course.cli import main
from course.loader import load_course
from course.model import Course, WorkshopCase
from course.quality import learner_texts_of, quality_warnings, sentences_per_screen
from course.readability import DOUMA_MIN_WORDS, measure, sentences
from course.sources import SourceProblem, parse_yaml
from tests.support.broken import fixture_copy, replace_in

MODULE = "01-basis/module.yaml"
LESSON = "01-basis/lessons/01-intro.md"
CASE = "01-basis/cases/buurman.yaml"
QUIZ = "01-basis/quiz.yaml"

LONG_SENTENCE = (
    "Als je als ambtenaar bij de gemeente een aanvraag voor een vergunning krijgt van een "
    "ondernemer die je niet kent en die contant wil betalen voor een pand in een straat waar "
    "al veel leegstand is, dan is het verstandig om eerst met je collega's van het team "
    "ondermijning te overleggen voordat je verder gaat met de aanvraag of de ondernemer belt."
)


def warnings_of(root: Path) -> list[str]:
    return [str(w).replace(f"{root}/", "") for w in quality_warnings(load_course(root))]


def matching(root: Path, pattern: str) -> list[str]:
    return [w for w in warnings_of(root) if re.search(pattern, w)]


def single_choice(question_id: str, prompt: str, options: list[str], correct: str) -> str:
    """A single-choice question in the fixture quiz's layout."""
    lines = [
        f"  - id: {question_id}",
        "    type: single_choice",
        "    objectives: [herkennen]",
        f"    prompt: {prompt}",
        "    options:",
    ]
    for letter, text in zip("abcd", options, strict=False):
        lines += [f"      - id: {letter}", f"        text: {text}", "        feedback: Uitleg."]
    return "\n".join([*lines, f"    correct: {correct}", ""])


def add_questions(root: Path, *questions: str) -> None:
    replace_in(root / QUIZ, "shuffle: true\n", "".join(questions) + "shuffle: true\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "also:\n  - 's-Hertogenbosch\n  - Den Bosch\n",
            "f.yaml:2: invalid YAML: the text starts with an apostrophe ('), which YAML reads as "
            'an opening quote — put the whole text between double quotes: "\'s-Hertogenbosch"',
        ),
        (
            "items:\n  - {id: a, text: Let op: zo}\n",
            "f.yaml:2: invalid YAML: a text inside {…} has a colon followed by a space (': '), "
            "which YAML reads as a new field — put that text between double quotes: "
            '{id: a, text: "Let op: …"}',
        ),
        (
            "a:\n  - b: 1\n      c: 2\n",
            "f.yaml:3: invalid YAML: this line or the one above is not indented like the lines "
            "around it — indent with spaces so that each field starts exactly below the other "
            "fields of the same question, option or step",
        ),
        (
            'steps:\n  - id: a\n    situation: "Een\n      lange tekst"\n    question: x\n'
            "   choices: []\n",
            "f.yaml:6: invalid YAML: this line or the one above is not indented like the lines "
            "around it — indent with spaces so that each field starts exactly below the other "
            "fields of the same question, option or step",
        ),
        (
            'title: "Toets" # uitleg\nintro: x\n- a\n',
            "f.yaml:3: invalid YAML: this line or the one above is not indented like the lines "
            "around it — indent with spaces so that each field starts exactly below the other "
            "fields of the same question, option or step",
        ),
        (
            "title: a\tb: c\n",
            "f.yaml:1: invalid YAML: the text has a colon followed by a space (': '), which YAML "
            'reads as a new field — put the whole text between double quotes: "a b: …"',
        ),
    ],
    ids=[
        "list item starting with 's",
        "colon inside {…}",
        "key indented too far",
        "a quoted text over two lines is no open quote",
        "a comment after a quoted text is no open quote",
        "a tab inside a text is no tab indentation",
    ],
)
def test_yaml_mistakes_in_plain_words(text: str, message: str) -> None:
    with pytest.raises(SourceProblem) as raised:
        parse_yaml(text, Path("f.yaml"))
    assert str(raised.value) == message


# --- readability ---------------------------------------------------------------------------


def test_a_long_sentence_beside_a_list_is_a_warning_with_its_line_and_first_words(
    tmp_path: Path,
) -> None:
    # The trial's second variant: a per-screen average of short list items hid this sentence.
    root = fixture_copy(tmp_path)
    replace_in(root / LESSON, "- gemeente\n", f"{LONG_SENTENCE}\n\n- gemeente\n")
    assert matching(root, "sentence of") == [
        f"{LESSON}:12: sentence of 62 words: 'Als je als ambtenaar bij de …' — split it into "
        "sentences of at most 20 words (B1)"
    ]


def test_a_long_sentence_in_a_case_names_the_line_of_its_field(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(root / CASE, "feedback: Dat is te snel.", f"feedback: {LONG_SENTENCE}")
    assert matching(root, "sentence of") == [
        f"{CASE}:16: sentence of 62 words: 'Als je als ambtenaar bij de …' — split it into "
        "sentences of at most 20 words (B1)"
    ]


@pytest.mark.parametrize("sentences", [7, 8])
def test_flesch_douma_of_a_screen_counts_from_30_words(tmp_path: Path, sentences: int) -> None:
    # Short sentences of long words: fine on a short screen, reads hard once there is enough
    # text for the formula to mean something.
    hard = "Het netwerk bespreekt signalen. " * sentences  # Flesch–Douma 49.1
    words = measure(hard).words
    root = fixture_copy(tmp_path)
    replace_in(root / LESSON, "- gemeente\n- politie\n- school\n", f"{hard}\n")
    warnings = matching(root, "'intro/partners' reads hard")
    if words < DOUMA_MIN_WORDS:
        assert warnings == []
    else:
        assert warnings == [
            f"{LESSON}:10: screen 'intro/partners' reads hard: Flesch–Douma "
            f"{measure(hard).douma:.1f} (target ≥ 60) — use shorter sentences and common words; "
            "'course report --module basis' shows its longest sentences"
        ]


def test_the_clean_fixture_has_no_long_sentence(tmp_path: Path) -> None:
    assert matching(fixture_copy(tmp_path), "sentence of") == []


def test_report_runs_while_a_module_reads_too_hard(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(root / LESSON, "Criminelen gebruiken **legale** diensten.", f"{LONG_SENTENCE} " * 20)
    result = CliRunner().invoke(main, ["report", "--root", str(root), "--module", "basis"])
    assert result.exit_code == 1
    output = result.output.replace(f"{root}/", "")
    problem = (
        f"{MODULE}:1: module 'basis' reads too hard: 18.7 words per sentence (target ≤ 15) — "
        "shorten sentences and use shorter, common words; the warnings name each sentence over "
        "20 words, and 'course report --module basis' lists the screens that read hardest with "
        "their longest sentences and long words"
    )
    assert output.index(problem) < output.index("Basis van ondermijning (basis)")
    assert re.search(
        r"intro/onderwereld-en-bovenwereld +Douma +\S+ +59\.2 w/s .*reads hard", output
    )
    assert f"{LESSON}:8: 62 words: Als je als ambtenaar" in output
    assert output.endswith(
        "1 problem found (listed at the top); the report covers the modules that loaded.\n"
    )


# --- the course and its files --------------------------------------------------------------


def test_a_module_folder_missing_from_course_yaml_is_a_warning(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    shutil.copytree(root / "01-basis", root / "02-vergunningen")
    assert matching(root, "not listed") == [
        "course.yaml:7: module folder '02-vergunningen' is not listed in course.yaml, so it is "
        "not in the course — add the line '  - 02-vergunningen' under 'modules:' where it "
        "belongs in the course order, or move the folder out of modules/"
    ]
    assert matching(fixture_copy(tmp_path / "clean"), "not listed") == []


def test_check_reports_problems_without_speaking_of_a_build(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(root / QUIZ, "    correct: a\n", "    correct: c\n")
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "1 problem found; fix it and check again."
    assert "built" not in result.output


def test_warnings_do_not_fail_check_or_build(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(root / QUIZ, "feedback: Dat is de kern.", "feedback: Juist. Dat is de kern.")
    for command in (["check"], ["build", "--out", str(tmp_path / "dist")]):
        result = CliRunner().invoke(main, [*command, "--root", str(root)])
        assert result.exit_code == 0, result.output


def test_glossary_and_study_time_warnings_name_their_line(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    (root / "glossary.yaml").write_text(
        "terms:\n  - term: Bibob\n    definition: Een wet.\n", encoding="utf-8"
    )
    replace_in(root / MODULE, "study_time_minutes: 10", "study_time_minutes: 90")
    assert matching(root, "glossary|study_time") == [
        f"{MODULE}:5: study_time_minutes is 90, but the text and questions suggest about 7 "
        "minutes — write study_time_minutes: 7, or change the module's length",
        "glossary.yaml:2: glossary term 'Bibob' is used in no module — use it in a lesson (or "
        "add the form that is used under 'also:'), or remove it",
    ]
    assert matching(fixture_copy(tmp_path / "clean"), "glossary|study_time") == []


# --- quiz: what the player already says ----------------------------------------------------


def test_feedback_that_starts_with_a_verdict_is_a_warning(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(root / QUIZ, "feedback: Dat is de kern.", "feedback: Juist. Dat is de kern.")
    replace_in(
        root / QUIZ, "feedback: Het gaat om meer.", "feedback: Niet juist. Het gaat om meer."
    )
    replace_in(root / QUIZ, "feedback_true: Denk", "feedback_true: Klopt, denk")
    assert matching(root, "verdict") == [
        f"{QUIZ}:13: question 'definitie': feedback starts with a verdict (Juist., Niet juist.) "
        "in options a, b — the player already shows Juist or Onjuist above it; start with the "
        "reason",
        f"{QUIZ}:38: question 'stelling': feedback starts with a verdict (Klopt,) in "
        "feedback_true — the player already shows Juist or Onjuist above it; start with the "
        "reason",
    ]
    assert matching(fixture_copy(tmp_path / "clean"), "verdict") == []


def test_a_quiz_intro_that_repeats_the_players_own_is_a_warning(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(
        root / QUIZ,
        "intro: Test wat je weet over ondermijning.",
        "intro: Deze toets heeft 7 vragen. Je slaagt met 70 procent goed.",
    )
    assert matching(root, "the intro says") == [
        f"{QUIZ}:3: quiz 'toets': the intro says how many questions there are or what the pass "
        "mark is, which the player already shows above it — leave that out and say what the "
        "quiz is about, or remove the intro"
    ]
    assert matching(fixture_copy(tmp_path / "clean"), "the intro says") == []


# --- item writing --------------------------------------------------------------------------

LONG_KEY = [
    single_choice(
        "q1", "Wat doet de wijkagent?", ["Hij luistert goed naar bewoners.", "Niets."], "a"
    ),
    single_choice("q2", "Wat doet de school?", ["Ze praat met ouders en de wijk.", "Niets."], "a"),
    single_choice(
        "q3", "Wat doet de gemeente?", ["Ze sluit een pand als het moet.", "Niets."], "a"
    ),
]


def test_keyed_answer_longest_and_in_one_position_are_warnings(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    add_questions(root, *LONG_KEY)
    replace_in(root / QUIZ, "shuffle: true", "shuffle: false")
    assert matching(root, "longest option|right answer is option") == [
        f"{QUIZ}:5: quiz 'toets': in 4 of 4 single-choice questions the right answer is the "
        "longest option (definitie, q1, q2, q3) — learners learn to pick the longest option; "
        "make a wrong option as long and as precise, or shorten the right one",
        f"{QUIZ}:5: quiz 'toets': the right answer is option 1 in 4 of 4 single-choice "
        "questions — vary where the right answer stands, or write 'shuffle: true'",
    ]


def test_balanced_keys_give_no_pattern_warning(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    add_questions(
        root,
        single_choice("q1", "Wie helpt?", ["De wijkagent.", "De buurman van de overkant."], "a"),
        single_choice("q2", "Wie sluit?", ["De politie van de wijk.", "De burgemeester."], "b"),
        single_choice("q3", "Wie praat?", ["De mentor van de klas.", "De conciërge."], "b"),
    )
    replace_in(root / QUIZ, "shuffle: true", "shuffle: false")
    assert matching(root, "longest option|right answer is option") == []
    # Shuffled options stand in a new order for each learner: the position does not matter.
    root = fixture_copy(tmp_path / "shuffled")
    add_questions(root, *LONG_KEY)
    assert matching(root, "right answer is option") == []


def test_absolute_words_only_in_wrong_options_are_a_warning(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(root / QUIZ, "text: Alleen winkeldiefstal.", "text: Het is altijd winkeldiefstal.")
    assert matching(root, "only wrong options") == [
        f"{QUIZ}:15: question 'definitie': only wrong options say altijd (b) — test-wise "
        "learners rule such options out; use these words in a right answer too, or write the "
        "wrong options without them"
    ]
    # The same word in the right answer too: no hint left to use.
    replace_in(root / QUIZ, "text: Vermenging", "text: Altijd vermenging")
    assert matching(root, "only wrong options") == []
    assert matching(fixture_copy(tmp_path / "clean"), "only wrong options") == []


def test_all_or_none_of_the_above_is_a_warning(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(root / QUIZ, "text: Een willekeurige webwinkel", "text: Alle bovenstaande")
    assert matching(root, "all/none") == [
        f"{QUIZ}:30: question 'partners': option 'c' is an 'all/none of the above' answer — "
        "write a full answer instead: options can be shuffled, and a learner who knows two "
        "options can pick it without knowing the rest"
    ]
    assert matching(fixture_copy(tmp_path / "clean"), "all/none") == []


def test_a_prompt_that_asks_for_a_year_is_a_warning(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(
        root / QUIZ, "prompt: Wat is ondermijning?", "prompt: In welk jaar kwam de Wet Bibob?"
    )
    assert matching(root, "year or date") == [
        f"{QUIZ}:9: question 'definitie': the prompt asks for a year or date — ask what "
        "happened, changed or matters instead; dates are rarely a learning objective"
    ]
    assert matching(fixture_copy(tmp_path / "clean"), "year or date") == []


def test_near_identical_questions_in_two_modules_are_a_warning(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    shutil.copytree(root / "01-basis", root / "02-tweede")
    replace_in(root / "02-tweede/module.yaml", "id: basis", "id: tweede")
    replace_in(root / "course.yaml", "  - 01-basis\n", "  - 01-basis\n  - 02-tweede\n")
    replace_in(
        root / "02-tweede/quiz.yaml",
        "prompt: Wat is ondermijning?",
        "prompt: Wat is ondermijning nu?",
    )
    found = matching(root, "nearly the same")
    assert found[0] == (
        "02-tweede/quiz.yaml:9: question 'definitie' is nearly the same as question 'definitie' "
        f"of module 'basis' ({root}/{QUIZ}:9) — ask something this module adds, or test the "
        "point in one module only"
    ).replace(f"{root}/", "")
    assert len(found) == 7  # every question of the copied quiz
    assert matching(fixture_copy(tmp_path / "clean"), "nearly the same") == []


# --- cases ---------------------------------------------------------------------------------


def test_a_step_whose_choices_all_lead_to_one_place_is_a_warning(tmp_path: Path) -> None:
    # In the fixture both choices of 'tweede-stap' lead to 'samen-verder'; 'eerste-stap'
    # branches and is not reported.
    assert matching(fixture_copy(tmp_path), "does not change the path") == [
        f"{CASE}:21: case 'buurman', step 'tweede-stap': every choice leads to 'samen-verder', "
        "so the decision does not change the path — point a choice's 'next' to another step "
        "or ending if the decision should matter (fine when only the feedback should differ)"
    ]
    # A linear case (no 'next', no endings) is one by design: no warning.
    root = fixture_copy(tmp_path / "linear")
    text = (root / CASE).read_text(encoding="utf-8")
    text = re.sub(r"\n +next: \S+", "", text).split("endings:")[0] + "score: {min: 0, max: 2}\n"
    (root / CASE).write_text(text, encoding="utf-8")
    assert matching(root, "does not change the path") == []


def test_case_overview_lists_paths_endings_and_scores(tmp_path: Path) -> None:
    course = load_course(fixture_copy(tmp_path))
    case = next(i for i in course.modules[0].items if isinstance(i, WorkshopCase))
    overview = case_overview(case)
    assert [(p.label(), p.ending, p.points) for p in overview.paths] == [
        ("eerste-stap a → tweede-stap a", "samen-verder", 2),
        ("eerste-stap a → tweede-stap b", "samen-verder", 0),
        ("eerste-stap b", "te-snel", 0),
    ]
    assert overview.branching_steps == ["eerste-stap"]
    assert overview.same_place_steps == ["tweede-stap"]
    assert [(e.ending, e.reached_by, e.paths, e.points) for e in overview.endings] == [
        ("samen-verder", ["tweede-stap a", "tweede-stap b"], 2, (0, 2)),
        ("te-snel", ["eerste-stap b"], 1, (0, 0)),
    ]
    assert END_OF_CASE not in [e.ending for e in overview.endings]


def test_case_picture_shows_steps_endings_and_labelled_choices(tmp_path: Path) -> None:
    course = load_course(fixture_copy(tmp_path))
    case = next(i for i in course.modules[0].items if isinstance(i, WorkshopCase))
    svg = case_svg(case)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="case-map" role="img"')
    for text in (
        "eerste-stap",
        "tweede-stap",
        "Samen verder",
        "Te snel",
        ">a<",
        ">b<",
        "a (+2), b",
    ):
        assert text in svg, text
    assert svg.count("marker-end") == 3  # eerste→tweede, eerste→te-snel, tweede→samen-verder
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")


# --- the report ----------------------------------------------------------------------------


def test_report_formats(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)

    def report(fmt: str) -> str:
        result = CliRunner().invoke(main, ["report", "--root", str(root), "--format", fmt])
        assert result.exit_code == 0, result.output
        return result.output

    data = json.loads(report("json"))
    (module,) = data["modules"]
    assert data["thresholds"]["words_in_one_sentence_at_most"] == 20
    assert module["objectives"][0] == {
        "id": "herkennen",
        "text": "Je herkent ondermijning in de wijk.",
        "taught_by": ["lesson intro", "case buurman"],
        "tested_by": ["definitie", "stelling", "koppelen", "volgorde", "begrip", "mening"],
    }
    (case,) = module["cases"]
    assert (case["paths"], case["score_range"], case["branching_steps"]) == (
        3,
        [0, 2],
        ["eerste-stap"],
    )
    assert module["branching_share"] == 0.5
    assert module["quiz"]["types"]["single_choice"] == 1
    markdown = report("md")
    assert markdown.startswith("# Report: Mini-cursus\n")
    assert "## Basis van ondermijning (basis)" in markdown
    assert "| screen | at | words | Douma | words/sentence | |" in markdown
    html = report("html")
    assert html.startswith("<!doctype html>") and html.count("<svg") == 1
    # Nothing to load: no script, and no link but the empty icon (which spares a favicon request).
    assert "<script" not in html
    assert "<link" not in html.replace('<link rel="icon" href="data:,">', "")
    text = report("text")
    assert "Targets (B1): Flesch–Douma ≥ 60 and ≤ 15 words per sentence" in text
    assert "ending te-snel: 1 path(s), score 0 to 0; reached by eerste-stap b" in text


def test_report_of_one_module(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    result = CliRunner().invoke(main, ["report", "--root", str(root), "--module", "nergens"])
    assert result.exit_code == 2
    assert "no module nergens; known: basis" in result.output


def test_the_sentence_checks_read_every_text_the_readability_measure_reads(
    real_course: Course, fixture_course: Course
) -> None:
    """Sentences are found per YAML field (for their line), readability per screen: both must
    see the same texts, so a question type with a new text field is checked sentence by
    sentence too."""
    for course in (real_course, fixture_course):
        for item in (item for module in course.modules for item in module.items):
            screens = zip(learner_texts_of(item), sentences_per_screen(item), strict=True)
            for text, located in screens:
                found = sorted(sentence.text for _, sentence in located)
                assert found == sorted(s.text for s in sentences(text.text)), text.key

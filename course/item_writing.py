"""Item-writing checks: what an experienced test editor looks for in a quiz by hand.

Each check gives warnings for ``course check`` (``file:line: what — how to fix``) and
figures for ``course report`` (:func:`quiz_figures`). None of them fails the check: the
designer weighs them.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from course.model import Course, Quiz
from course.problems import Problem
from quizzes.authoring import Location
from quizzes.choice import ChoiceOptions, Option
from quizzes.question import Question
from quizzes.single_choice import SingleChoiceQuestion
from quizzes.true_false import TrueFalseQuestion

# The player itself says "Juist" or "Onjuist" above the feedback, so feedback that starts with
# a verdict makes the learner read it twice ("Onjuist. Niet juist.").
VERDICT = re.compile(
    r"^\s*(?:(?:dat\s+)?(?:is\s+)?(?:niet\s+)?(?:juist|onjuist|goed|fout|correct|incorrect)"
    r"|(?:dat\s+)?klopt(?:\s+niet)?|helaas|nee|ja|precies|mis)\s*[.!,:;]",
    re.IGNORECASE,
)
# The player's own quiz intro says how many questions there are and what the pass mark is.
INTRO_REPEATS = re.compile(
    r"\b(?:\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|vijftien|twintig)"
    r"\s+vragen\b|\d+\s*(?:%|procent)|\bslaag|\bslagen\b|\bgeslaagd\b",
    re.IGNORECASE,
)
ABSOLUTE_WORDS = re.compile(
    r"\b(?:altijd|nooit|alle|allemaal|geen enkele|niemand|iedereen|alleen maar)\b", re.IGNORECASE
)
ALL_OR_NONE_OF_THE_ABOVE = re.compile(
    r"\b(?:alle|geen van (?:de )?)\s*(?:bovenstaande|bovengenoemde|voorgaande|hierboven)"
    r"|\balle antwoorden\b|\bgeen van (?:de )?antwoorden\b|\bgeen van beide\b",
    re.IGNORECASE,
)
ASKS_FOR_A_DATE = re.compile(
    r"\bin welk jaar\b|\bwelk jaartal\b|\bwanneer\b|\bop welke datum\b|\bin welke maand\b"
    r"|\bsinds wanneer\b|\bhoe lang geleden\b",
    re.IGNORECASE,
)
# Share of single-choice questions whose right answer is the longest option, above which the
# check warns; and prompts this alike (difflib ratio) in two modules count as near-identical.
LONGEST_KEY_SHARE = 1 / 3
SAME_POSITION_SHARE = 0.5
MIN_QUESTIONS_FOR_PATTERNS = 3
NEAR_IDENTICAL_RATIO = 0.9


@dataclass(frozen=True)
class QuizFigures:
    """Item-writing figures of one quiz, for ``course report``."""

    single_choice: int
    longest_is_key: list[str]  # question ids
    key_positions: dict[int, int]  # position (1 = first option) → number of keys there
    shuffled: bool
    absolute_only_in_distractors: list[str]
    all_or_none_of_the_above: list[str]
    asks_for_a_date: list[str]
    verdict_feedback: list[str]
    types: dict[str, int]

    @property
    def longest_key_share(self) -> float:
        return len(self.longest_is_key) / self.single_choice if self.single_choice else 0.0


def quiz_figures(quiz: Quiz) -> QuizFigures:
    singles = [q for q in quiz.questions if isinstance(q, SingleChoiceQuestion)]
    return QuizFigures(
        single_choice=len(singles),
        longest_is_key=[q.id for q in singles if _key_is_longest(q)],
        key_positions=dict(
            sorted(Counter(q.option_ids().index(q.correct) + 1 for q in singles).items())
        ),
        shuffled=quiz.shuffle,
        absolute_only_in_distractors=[q.id for q in quiz.questions if _absolute_in_distractors(q)],
        all_or_none_of_the_above=[q.id for q in quiz.questions if _all_or_none_options(q)],
        asks_for_a_date=[q.id for q in quiz.questions if ASKS_FOR_A_DATE.search(q.prompt)],
        verdict_feedback=[q.id for q in quiz.questions if _verdict_feedback(q)],
        types=dict(Counter(q.type_name for q in quiz.questions)),
    )


def _key_is_longest(question: SingleChoiceQuestion) -> bool:
    lengths = {option.id: len(option.text) for option in question.options}
    key = lengths.pop(question.correct, 0)
    return bool(lengths) and key > max(lengths.values())


def _distractors(question: Question) -> tuple[list[Option], list[Option]]:
    """(keyed options, wrong options) of a choice question; ([], []) for other types."""
    if not isinstance(question, ChoiceOptions):
        return [], []
    keys = set(question.correct_ids())
    return (
        [o for o in question.options if o.id in keys],
        [o for o in question.options if o.id not in keys],
    )


def _absolute_in_distractors(question: Question) -> list[Option]:
    """Wrong options with an absolute word, when no keyed option has one."""
    keyed, wrong = _distractors(question)
    if any(ABSOLUTE_WORDS.search(option.text) for option in keyed):
        return []
    return [option for option in wrong if ABSOLUTE_WORDS.search(option.text)]


def _all_or_none_options(question: Question) -> list[Option]:
    keyed, wrong = _distractors(question)
    return [o for o in [*keyed, *wrong] if ALL_OR_NONE_OF_THE_ABOVE.search(o.text)]


def _verdict_feedback(question: Question) -> list[tuple[str, str, Location]]:
    """(where in the question, the feedback, its line) for feedback that starts with a
    verdict word."""
    feedback: list[tuple[str, str, Location]] = []
    if isinstance(question, ChoiceOptions):
        feedback += [(f"option {o.id}", o.feedback, o.at("feedback")) for o in question.options]
    if isinstance(question, TrueFalseQuestion):
        for name in ("feedback_true", "feedback_false"):
            feedback.append((name, getattr(question, name), question.at(name)))
    if question.feedback and question.scored:
        feedback.append(("feedback", question.feedback, question.at("feedback")))
    return [entry for entry in feedback if VERDICT.match(entry[1])]


def item_writing_warnings(course: Course) -> list[Problem]:
    warnings: list[Problem] = []
    for module in course.modules:
        quiz = module.quiz
        if quiz is None:
            continue
        warnings += _quiz_warnings(quiz)
        for question in quiz.questions:
            warnings += _question_warnings(question)
    return warnings + _near_identical(course)


def _quiz_warnings(quiz: Quiz) -> list[Problem]:
    warnings = []
    if INTRO_REPEATS.search(quiz.intro):
        warnings.append(
            Problem(
                quiz.at("intro"),
                f"quiz '{quiz.id}': the intro says how many questions there are or what the pass "
                "mark is, which the player already shows above it",
                "leave that out and say what the quiz is about, or remove the intro",
            )
        )
    figures = quiz_figures(quiz)
    if figures.single_choice >= MIN_QUESTIONS_FOR_PATTERNS:
        if figures.longest_key_share > LONGEST_KEY_SHARE:
            warnings.append(
                Problem(
                    quiz.at("questions"),
                    f"quiz '{quiz.id}': in {len(figures.longest_is_key)} of "
                    f"{figures.single_choice} single-choice questions the right answer is the "
                    f"longest option ({', '.join(figures.longest_is_key)})",
                    "learners learn to pick the longest option; make a wrong option as long and "
                    "as precise, or shorten the right one",
                )
            )
        position, count = max(figures.key_positions.items(), key=lambda pair: pair[1])
        if not quiz.shuffle and count / figures.single_choice > SAME_POSITION_SHARE:
            warnings.append(
                Problem(
                    quiz.at("questions"),
                    f"quiz '{quiz.id}': the right answer is option {position} in {count} of "
                    f"{figures.single_choice} single-choice questions",
                    "vary where the right answer stands, or write 'shuffle: true'",
                )
            )
    return warnings


def _question_warnings(question: Question) -> list[Problem]:
    warnings = []
    verdicts = _verdict_feedback(question)
    if verdicts:
        starts = ", ".join(
            sorted(
                {
                    " ".join(m.group(0).split())
                    for _, text, _ in verdicts
                    if (m := VERDICT.match(text))
                }
            )
        )
        options = [name.removeprefix("option ") for name, _, _ in verdicts if " " in name]
        names = [name for name, _, _ in verdicts if " " not in name]
        if options:
            names.insert(0, f"option{'s' * (len(options) > 1)} {', '.join(options)}")
        warnings.append(
            Problem(
                verdicts[0][2],
                f"question '{question.id}': feedback starts with a verdict ({starts}) in "
                f"{', '.join(names)}",
                "the player already shows Juist or Onjuist above it; start with the reason",
            )
        )
    absolute = _absolute_in_distractors(question)
    if absolute:
        words = sorted({m.lower() for o in absolute for m in ABSOLUTE_WORDS.findall(o.text)})
        warnings.append(
            Problem(
                absolute[0].at("text"),
                f"question '{question.id}': only wrong options say "
                f"{' / '.join(words)} ({', '.join(o.id for o in absolute)})",
                "test-wise learners rule such options out; use these words in a right answer "
                "too, or write the wrong options without them",
            )
        )
    for option in _all_or_none_options(question):
        warnings.append(
            Problem(
                option.at("text"),
                f"question '{question.id}': option '{option.id}' is an 'all/none of the above' "
                "answer",
                "write a full answer instead: options can be shuffled, and a learner who knows "
                "two options can pick it without knowing the rest",
            )
        )
    if ASKS_FOR_A_DATE.search(question.prompt):
        warnings.append(
            Problem(
                question.at("prompt"),
                f"question '{question.id}': the prompt asks for a year or date",
                "ask what happened, changed or matters instead; dates are rarely a learning "
                "objective",
            )
        )
    return warnings


def _normalised(prompt: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", prompt.lower()).split())


def near_identical(course: Course) -> list[tuple[Question, str, Question, str]]:
    """Pairs of questions in two modules whose prompts are nearly the same:
    (question, its module id, the earlier question, its module id)."""
    seen: list[tuple[str, Question, str]] = []
    pairs: list[tuple[Question, str, Question, str]] = []
    for module in course.modules:
        questions = module.quiz.questions if module.quiz else []
        for question in questions:
            prompt = _normalised(question.prompt)
            matcher = difflib.SequenceMatcher(None, "", prompt, autojunk=False)
            for other_prompt, other, other_module in seen:
                if other_module == module.id:
                    continue
                matcher.set_seq1(other_prompt)
                if (
                    matcher.real_quick_ratio() >= NEAR_IDENTICAL_RATIO
                    and matcher.quick_ratio() >= NEAR_IDENTICAL_RATIO
                    and matcher.ratio() >= NEAR_IDENTICAL_RATIO
                ):
                    pairs.append((question, module.id, other, other_module))
                    break
        seen += [(_normalised(q.prompt), q, module.id) for q in questions]
    return pairs


def _near_identical(course: Course) -> list[Problem]:
    return [
        Problem(
            question.at("prompt"),
            f"question '{question.id}' is nearly the same as question '{other.id}' of module "
            f"'{other_module}' ({other.at('prompt')})",
            "ask something this module adds, or test the point in one module only",
        )
        for question, _, other, other_module in near_identical(course)
    ]

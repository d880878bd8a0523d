"""Synthetic courses of any size, written as authored files so that loading is measured too.

Each module has the shape of a real masterclass: ten lessons of five screens, three
workshop cases of three decisions and a quiz of fifteen questions of all three types. The
text is plain B1 Dutch, so the readability checks pass as they do for the real course.
"""

from __future__ import annotations

from pathlib import Path

LESSONS_PER_MODULE = 10
SCREENS_PER_LESSON = 5
CASES_PER_MODULE = 3
STEPS_PER_CASE = 3
QUESTIONS_PER_MODULE = 15
OBJECTIVES = ("herkennen", "samenwerken")

SENTENCES = (
    "De gemeente werkt samen met de politie.",
    "Een wijk is meer dan een rij huizen.",
    "Bewoners zien vaak als eerste wat er mis is.",
    "Criminelen gebruiken gewone bedrijven voor hun werk.",
    "Een school merkt het als een leerling ineens veel geld heeft.",
    "Praat met elkaar en deel wat je ziet.",
    "Zo houd je de wijk samen veilig.",
    "Een melding helpt de politie op weg.",
)


def paragraph(seed: int, sentences: int = 4) -> str:
    return " ".join(SENTENCES[(seed + i) % len(SENTENCES)] for i in range(sentences))


def lesson(number: int) -> str:
    screens = "".join(
        f"## Scherm {number}.{screen}\n\n{paragraph(number + screen)}\n\n"
        f"- {SENTENCES[screen % len(SENTENCES)]}\n- {SENTENCES[(screen + 3) % len(SENTENCES)]}\n\n"
        f"{paragraph(number * 3 + screen, 5)}\n\n"
        for screen in range(1, SCREENS_PER_LESSON + 1)
    )
    objective = OBJECTIVES[number % len(OBJECTIVES)]
    return f"---\nid: les-{number}\ntitle: Les {number}\nobjectives: [{objective}]\n---\n{screens}"


def case(number: int) -> str:
    steps = "".join(
        f"  - id: stap-{step}\n"
        f"    situation: {paragraph(number + step, 2)}\n"
        f"    question: Wat doe je nu?\n"
        f"    choices:\n"
        f"      - id: a\n        text: Je praat met de bewoner.\n"
        f"        feedback: Goed. Zo weet je meer.\n"
        f"      - id: b\n        text: Je doet niets.\n"
        f"        feedback: Dat is jammer. Zo blijft het probleem.\n"
        for step in range(1, STEPS_PER_CASE + 1)
    )
    return (
        f"id: casus-{number}\ntitle: Casus {number}\n"
        f"fictional_note: Alle personen in deze casus zijn fictief.\n"
        f"objectives: [{OBJECTIVES[number % len(OBJECTIVES)]}]\n"
        f"intro: {paragraph(number, 3)}\nsteps:\n{steps}"
    )


def question(number: int) -> str:
    head = (
        f"  - id: vraag-{number}\n"
        f"    objectives: [{OBJECTIVES[number % len(OBJECTIVES)]}]\n"
        f"    prompt: Wat past het best bij de aanpak in de wijk? ({number})\n"
    )
    options = (
        "    options:\n"
        "      - id: a\n        text: Samenwerken met partners.\n        feedback: Juist.\n"
        "      - id: b\n        text: De politie alles laten doen.\n"
        "        feedback: Nee, het is werk voor iedereen.\n"
        "      - id: c\n        text: Delen wat je ziet.\n        feedback: Juist.\n"
    )
    kind = number % 3
    if kind == 0:
        return f"{head}    type: single_choice\n{options}    correct: a\n"
    if kind == 1:
        return f"{head}    type: multiple_choice\n{options}    correct: [a, c]\n"
    return (
        f"{head}    type: true_false\n    correct: true\n"
        f"    feedback_true: Klopt.\n    feedback_false: Toch wel.\n"
    )


def module_yaml(number: int) -> str:
    objectives = "".join(f"  - id: {o}\n    text: Je kunt {o} in de wijk.\n" for o in OBJECTIVES)
    items = "".join(
        f"  - lesson: lessons/les-{i}.md\n" for i in range(1, LESSONS_PER_MODULE + 1)
    ) + "".join(f"  - case: cases/casus-{i}.yaml\n" for i in range(1, CASES_PER_MODULE + 1))
    return (
        f"id: module-{number}\ntitle: Module {number}\n"
        f"description: Een gemaakte module om de bouwstraat te meten.\n"
        f"study_time_minutes: 60\nobjectives:\n{objectives}items:\n{items}  - quiz: quiz.yaml\n"
    )


def quiz_yaml() -> str:
    questions = "".join(question(i) for i in range(1, QUESTIONS_PER_MODULE + 1))
    return f"id: toets\ntitle: Toets\npass_mark: 70\nquestions:\n{questions}"


def write_course(root: Path, lessons: int) -> Path:
    """A course of ``lessons`` lessons (a multiple of ten) in ``root``; returns ``root``."""
    modules = max(1, lessons // LESSONS_PER_MODULE)
    folders = [f"{number:03d}-module" for number in range(1, modules + 1)]
    for number, folder in enumerate(folders, start=1):
        module = root / folder
        (module / "lessons").mkdir(parents=True)
        (module / "cases").mkdir()
        (module / "module.yaml").write_text(module_yaml(number), encoding="utf-8")
        (module / "quiz.yaml").write_text(quiz_yaml(), encoding="utf-8")
        for i in range(1, LESSONS_PER_MODULE + 1):
            (module / "lessons" / f"les-{i}.md").write_text(lesson(i), encoding="utf-8")
        for i in range(1, CASES_PER_MODULE + 1):
            (module / "cases" / f"casus-{i}.yaml").write_text(case(i), encoding="utf-8")
    listing = "".join(f"  - {folder}\n" for folder in folders)
    (root / "course.yaml").write_text(
        f"id: synthetisch\ntitle: Synthetische cursus\n"
        f"description: Een gemaakte cursus van {lessons} lessen.\nlanguage: nl\n"
        f"organisation: Benchmark\nversion: 1.0.0\nmodules:\n{listing}",
        encoding="utf-8",
    )
    return root

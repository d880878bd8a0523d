"""``course new module``: a module folder with one of everything, ready to be filled in.

The placeholder text is short, plain Dutch so that the new module passes ``course check``
(readability included) as soon as it is listed in course.yaml. The course glossary is one
file for the whole course (``modules/glossary.yaml``), so a module gets none of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

from course.schema import link_schema

MODULE_YAML = """\
id: {slug}
title: Nieuwe module
description: Beschrijf in een of twee zinnen wat de deelnemer in deze module leert.
keywords: [ondermijning]
study_time_minutes: 3
objectives:
  - id: eerste-doel
    text: Je noemt een signaal van ondermijning in de wijk.
items:
  - lesson: lessons/01-inleiding.md
  - case: cases/eerste-casus.yaml
  - quiz: quiz.yaml
"""

LESSON_MD = """\
---
id: inleiding
title: Inleiding
objectives: [eerste-doel]
---
## Waar gaat deze module over? {#waarover}

Schrijf hier de eerste tekst. Gebruik korte zinnen. Elke kop met twee hekjes is een nieuw scherm.

## Wat leer je? {#wat-leer-je}

Je leert een signaal van ondermijning te zien. Dat helpt je in je werk in de wijk.
"""

CASE_YAML = """\
id: eerste-casus
title: Eerste casus
fictional_note: Alle personen in deze casus zijn fictief.
objectives: [eerste-doel]
intro: Je werkt in de wijk. Een bewoner vertelt je iets.
steps:
  - id: eerste-keuze
    situation: De bewoner ziet elke nacht veel bezoek bij een garage.
    question: Wat doe je?
    choices:
      - id: a
        text: Je luistert en vraagt door.
        feedback: Goed. Zo weet je meer.
      - id: b
        text: Je doet niets.
        feedback: Jammer. Zo mis je een signaal.
"""

QUIZ_YAML = """\
id: eindtoets
title: Eindtoets
intro: Test wat je weet over signalen in de wijk.
pass_mark: 70
questions:
  - id: eerste-vraag
    type: true_false
    objectives: [eerste-doel]
    prompt: Veel bezoek 's nachts bij een garage kan een signaal zijn.
    correct: true
    feedback_true: Het kan een signaal zijn.
    feedback_false: Het kan wel een signaal zijn.
  - id: tweede-vraag
    type: single_choice
    objectives: [eerste-doel]
    prompt: Wat doe je als eerste bij een signaal?
    options:
      - id: a
        text: Je vraagt door en schrijft op wat je weet.
        feedback: Zo heb je meer informatie.
      - id: b
        text: Je zegt niets tegen je team.
        feedback: Bespreek het juist met je team.
    correct: a
"""

FILES = {
    "module.yaml": (MODULE_YAML, "module"),
    "lessons/01-inleiding.md": (LESSON_MD, None),
    "cases/eerste-casus.yaml": (CASE_YAML, "case"),
    "quiz.yaml": (QUIZ_YAML, "quiz"),
}


def folder_name(root: Path, slug: str) -> str:
    """``NN-slug``, numbered after the module folders already there, as the others are."""
    numbers = [int(m[1]) for p in root.iterdir() if (m := re.match(r"(\d+)-", p.name))]
    return f"{max(numbers, default=0) + 1:02d}-{slug}"


def new_module(root: Path, slug: str) -> Path:
    """Write the new module's folder below ``root``; FileExistsError if it is there."""
    folder = root / folder_name(root, slug)
    folder.mkdir()
    (folder / "media").mkdir()  # where the module's images go
    for name, (text, kind) in FILES.items():
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text.replace("{slug}", slug), "utf-8")
        if kind:
            link_schema(path, root, kind)
    return folder

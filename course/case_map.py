"""A picture of a case: steps as boxes in layers, arrows labelled with the choices.

``case_svg(case)`` returns one self-contained ``<svg>`` element (no script, no external
resource) for the HTML report and the preview. Steps stand in rows by their distance from the
first step along the longest path, so every arrow points down; within a row they keep the
order in which a breadth-first walk meets them. Endings form the last row.
"""

from __future__ import annotations

from collections import deque
from html import escape

from course.case_paths import END_OF_CASE, targets
from course.model import WorkshopCase

BOX_WIDTH = 170
BOX_HEIGHT = 46
COLUMN = BOX_WIDTH + 40
ROW = BOX_HEIGHT + 64
MARGIN = 20
TEXT_CHARS = 24  # a box's text is cut to this many characters


def _rows(case: WorkshopCase) -> list[list[str]]:
    """Steps in rows (longest distance from the first step), then one row of endings."""
    steps = {step.id: step for step in case.steps}
    order: list[str] = []  # breadth-first order of the steps
    queue = deque([case.steps[0].id])
    while queue:
        step_id = queue.popleft()
        if step_id in order:
            continue
        order.append(step_id)
        queue.extend(t for t in targets(case, steps[step_id]) if t in steps)
    depth = dict.fromkeys(order, 0)
    for _ in order:  # a longest path has fewer edges than there are steps (no loops)
        for step_id in order:
            for target in targets(case, steps[step_id]):
                if target in steps and depth[target] <= depth[step_id]:
                    depth[target] = depth[step_id] + 1
    rows: list[list[str]] = [[] for _ in range(max(depth.values(), default=0) + 1)]
    for step_id in order:
        rows[depth[step_id]].append(step_id)
    endings = [ending.id for ending in case.endings]
    if any(END_OF_CASE in targets(case, step) for step in case.steps):
        endings.append(END_OF_CASE)
    return [*rows, endings] if endings else rows


def _cut(text: str) -> str:
    return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1].rstrip() + "…"


def case_svg(case: WorkshopCase) -> str:
    """The case as an SVG picture: boxes for steps and endings, arrows labelled with choices."""
    rows = _rows(case)
    width = max(len(row) for row in rows) * COLUMN + 2 * MARGIN
    height = len(rows) * ROW - (ROW - BOX_HEIGHT) + 2 * MARGIN
    centre: dict[str, tuple[float, float]] = {}
    for r, row in enumerate(rows):
        offset = (width - len(row) * COLUMN) / 2
        for c, node in enumerate(row):
            centre[node] = (offset + c * COLUMN + COLUMN / 2, MARGIN + r * ROW + BOX_HEIGHT / 2)
    titles = {ending.id: ending.title for ending in case.endings}
    titles[END_OF_CASE] = "verder met de module"
    arrow = escape(f"arrow-{case.id}")  # one page shows every case: each marker id is its own
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="case-map" role="img" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'aria-label="{escape(f"Casus {case.title}: stappen, keuzes en afloop")}">',
        f"<title>{escape(case.title)}</title>",
        f'<defs><marker id="{arrow}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#444"/></marker></defs>',
    ]
    labels = []
    for step in case.steps:
        x1, y1 = centre[step.id]
        grouped: dict[str, list[str]] = {}
        for choice, target in zip(step.choices, targets(case, step), strict=True):
            points = f" ({choice.points:+d})" if choice.points else ""
            grouped.setdefault(target, []).append(choice.id + points)
        for target in grouped:
            x2, y2 = centre[target]
            start, end = (x1, y1 + BOX_HEIGHT / 2), (x2, y2 - BOX_HEIGHT / 2 - 2)
            if y2 - y1 > ROW:  # past other rows: bend out to the side, around their boxes
                bend = x1 + (COLUMN * 0.75 if x2 >= x1 else -COLUMN * 0.75)
                shape = (
                    f'<path d="M{start[0]:.0f},{start[1]:.0f} C{bend:.0f},{start[1] + ROW:.0f} '
                    f'{bend:.0f},{end[1] - ROW:.0f} {end[0]:.0f},{end[1]:.0f}" fill="none" '
                )
            else:
                shape = (
                    f'<line x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" '
                    f'y2="{end[1]:.0f}" '
                )
            parts.append(f'{shape}stroke="#444" stroke-width="1.5" marker-end="url(#{arrow})"/>')
        # The labels of a step stand in a row just below it, where no other box is, in the
        # order of the boxes they lead to.
        texts = [", ".join(grouped[t]) for t in sorted(grouped, key=lambda t: centre[t][0])]
        widths = [7 * len(text) + 8 for text in texts]
        left = x1 - (sum(widths) + 4 * (len(widths) - 1)) / 2
        for text, box in zip(texts, widths, strict=True):
            ly = y1 + BOX_HEIGHT / 2 + 16
            labels.append(
                f'<rect x="{left:.0f}" y="{ly - 9:.0f}" width="{box}" height="18" rx="3" '
                f'fill="#fff" stroke="#888"/><text x="{left + box / 2:.0f}" y="{ly + 4:.0f}" '
                f'text-anchor="middle" font-size="12">{escape(text)}</text>'
            )
            left += box + 4
    for node, (x, y) in centre.items():
        ending = node in titles
        text = titles[node] if ending else node
        fill, stroke = ("#eef6ee", "#2e7d32") if ending else ("#eef2fb", "#1f4e9c")
        parts.append(
            f'<rect x="{x - BOX_WIDTH / 2:.0f}" y="{y - BOX_HEIGHT / 2:.0f}" '
            f'width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="{16 if ending else 4}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
            f'<text x="{x:.0f}" y="{y + 5:.0f}" text-anchor="middle" font-size="13" '
            f'fill="#111"><title>{escape(text)}</title>{escape(_cut(text))}</text>'
        )
    return "".join([*parts, *labels, "</svg>"])

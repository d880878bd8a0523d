"""Write the built-in themes from the NL Design System token packages in node_modules/.

Run by hand after updating a token package (``npm install --save-dev <package>@<version>``):

    .venv/bin/python -m scorm_builder.themes.extract

For each theme it reads the package's CSS, takes the tokens of the runtime's contract
(``runtime/tokens.css``) that the package sets, resolves them to plain values and writes
``themes/<name>.css``. A package names most of them itself (``--utrecht-*`` component tokens);
for the others a theme below points at the package's own brand tokens. A token that neither
gives keeps the default theme's value. The build reads only the files written here.
"""

from __future__ import annotations

import json
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from scorm_builder.theme import (
    DEFAULT_TOKENS,
    THEMES,
    Declaration,
    is_themeable,
    read_custom_properties,
    resolve,
)

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
MAPPED = " /* mapped in extract.py */"


@dataclass(frozen=True)
class Source:
    """A theme's token package: its CSS file, and runtime tokens it lacks, as its own tokens."""

    title: str
    package: str
    css: str
    aliases: dict[str, str] = field(default_factory=dict)


SOURCES = {
    "den-haag": Source(
        "Gemeente Den Haag",
        "@gemeente-denhaag/design-tokens-components",
        "dist/index.css",
        {
            "--utrecht-pre-heading-color": "var(--denhaag-color-grey-4)",
            "--utrecht-figure-caption-color": "var(--denhaag-color-grey-4)",
            "--utrecht-page-header-content-background-color": "var(--denhaag-color-white)",
            "--utrecht-page-header-content-color": "var(--denhaag-color-grey-5)",
            "--utrecht-surface-background-color": "var(--denhaag-color-grey-1)",
            "--utrecht-button-primary-action-border-color": "var(--denhaag-color-green-3)",
            "--utrecht-button-primary-action-color": "var(--denhaag-button-primary-action-color)",
            "--utrecht-form-field-description-valid-color": "var(--denhaag-color-green-4)",
            # Its red-3 reads 4.2:1 on the pink of a wrong answer; red-4 is Den Haag's darker red.
            "--utrecht-form-field-description-invalid-color": "var(--denhaag-color-red-4)",
            "--utrecht-alert-ok-border-color": "var(--denhaag-color-green-3)",
            "--utrecht-alert-error-border-color": "var(--denhaag-color-red-3)",
            "--utrecht-alert-info-background-color": "var(--denhaag-color-blue-1)",
            "--utrecht-alert-info-border-color": "var(--denhaag-color-blue-3)",
            "--utrecht-alert-warning-border-color": "var(--denhaag-color-orange-4)",
            "--utrecht-spotlight-section-background-color": "var(--denhaag-color-grey-1)",
            "--utrecht-spotlight-section-border-color": "var(--denhaag-color-grey-2)",
            "--utrecht-accordion-button-color": "var(--denhaag-color-grey-5)",
            "--utrecht-accordion-panel-border-color": "var(--denhaag-color-grey-2)",
        },
    ),
    "voorbeeld": Source(
        "NL Design System, voorbeeldthema",
        "@nl-design-system-unstable/voorbeeld-design-tokens",
        "dist/theme.css",
        {
            "--utrecht-document-font-family": "var(--basis-text-font-family-default)",
            "--utrecht-document-color": "var(--basis-color-default-color-document)",
            "--utrecht-document-background-color": "var(--basis-color-default-bg-document)",
            "--utrecht-heading-font-family": "var(--basis-heading-font-family)",
            "--utrecht-heading-font-weight": "var(--basis-heading-font-weight)",
            "--utrecht-heading-color": "var(--basis-heading-color)",
            "--utrecht-focus-outline-color": "var(--basis-focus-outline-color)",
            "--utrecht-page-header-content-background-color": (
                "var(--basis-color-default-bg-document)"
            ),
            "--utrecht-page-header-content-color": "var(--basis-color-default-color-document)",
            "--utrecht-surface-background-color": "var(--basis-color-default-bg-subtle)",
            "--utrecht-form-control-border-color": "var(--basis-form-control-border-color)",
            # It draws a chosen radio without a border; a chosen option needs its outline.
            "--utrecht-radio-button-checked-border-color": "var(--basis-form-control-accent-color)",
            "--utrecht-form-field-description-valid-color": (
                "var(--basis-color-positive-color-default)"
            ),
            "--utrecht-form-field-description-invalid-color": (
                "var(--basis-color-negative-color-default)"
            ),
        },
    ),
}


def version_of(source: Source) -> str:
    manifest = json.loads((NODE_MODULES / source.package / "package.json").read_text())
    return f"{manifest['version']} ({manifest['license']})"


def extract(source: Source) -> str:
    """The theme file's text: the package's value of each themeable token of the contract."""
    css = NODE_MODULES / source.package / source.css
    declared = read_custom_properties(css.read_text(encoding="utf-8"))
    contract = [t for t in read_custom_properties(DEFAULT_TOKENS.read_text()) if is_themeable(t)]
    if stray := sorted(set(source.aliases) - set(contract)):
        raise ValueError(f"{source.package}: aliases for tokens the runtime does not use: {stray}")
    declared.update({token: Declaration(value, 0) for token, value in source.aliases.items()})
    lines = [
        f"  {token}: {resolve(declared, token)};{MAPPED if token in source.aliases else ''}"
        for token in contract
        if token in declared
    ]
    kept = [token for token in contract if token not in declared]
    header = (
        f"{source.title}: the design tokens of {source.package} {version_of(source)} that the "
        "learner runtime uses, resolved to plain values. Written by `python -m "
        "scorm_builder.themes.extract`; do not edit. Sizes keep the runtime's type scale"
        + (f"; the default theme's value is kept for {', '.join(kept)}." if kept else ".")
    )
    comment = textwrap.fill(header, 96, initial_indent="/* ", subsequent_indent="   ")
    return "\n".join([f"{comment} */", ":root {", *lines, "}", ""])


def main() -> None:
    missing = [s.package for s in SOURCES.values() if not (NODE_MODULES / s.package).is_dir()]
    if missing:
        sys.exit(f"not in node_modules/: {', '.join(missing)} — run `npm ci` first")
    for name, source in SOURCES.items():
        path = THEMES / f"{name}.css"
        path.write_text(extract(source))
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


if __name__ == "__main__":
    main()

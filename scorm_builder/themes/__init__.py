"""Built-in themes: NL Design System token values, a CSS file per organisation (extract.py)."""

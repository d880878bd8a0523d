"""Render a loaded course into SCORM packages: HTML, manifests per target, deterministic zips."""

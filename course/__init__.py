"""The course domain: authored modules loaded into checked pydantic models, and the CLI."""

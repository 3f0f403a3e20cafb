"""Where a user's loss lives: "package.module:attribute" or "path/to/file.py:attribute" (attribute may be
dotted). Parsed without importing anything, so the CLI can check a target before any backend starts."""

from pathlib import Path


def split_ref(ref):
    """(module name or None, file path or None, attribute); ValueError for a malformed ref or a missing file."""
    if ":" not in ref:
        raise ValueError(f"target {ref!r} must be package.module:attribute or path/to/file.py:attribute")
    where, attribute = ref.rsplit(":", 1)
    if not where.endswith(".py"):
        return where, None, attribute
    path = Path(where)
    if not path.is_file():
        raise ValueError(f"no such file: {where}")
    return None, path, attribute


def no_attribute(ref):
    where, attribute = ref.rsplit(":", 1)
    return ValueError(f"{where} has no attribute {attribute!r}")

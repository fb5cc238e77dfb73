"""The Vorlage itself: models, rules, project file, PDF, import/export and CLI.

Nothing in this package imports Qt; `desktop/` binds widgets to these models.
"""

from __future__ import annotations

PACKAGE = "vorlagen-assistent"


def __getattr__(name: str) -> str:
    # `forms.__version__` comes from the installed metadata, i.e. pyproject.toml (the frozen
    # bundle carries it via copy_metadata in build.spec); looked up on first use only, since
    # importlib.metadata scans sys.path.
    if name == "__version__":
        from importlib import metadata

        try:
            return metadata.version(PACKAGE)
        except metadata.PackageNotFoundError:
            return "unbekannt"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

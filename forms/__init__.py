"""The Vorlage itself: models, rules, project file, PDF, import/export and CLI.

Nothing in this package imports Qt; `desktop/` binds widgets to these models.
"""

__version__ = "1.0.0"

"""The PySide6 wizard: thin widgets bound to the `forms` model."""

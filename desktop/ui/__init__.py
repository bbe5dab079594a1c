"""The only PySide6 code: screens over the services."""

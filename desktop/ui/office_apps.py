"""What the PC has and does for the documents: its fonts, and Word or WPS to open and print a
.docx, the file manager to show a folder.  Printing goes through the system's "print" action (DOCUMENTS §4),
which Windows offers for a .docx when Word or WPS is installed."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase

from desktop.services import document_setup


def open_path(path: Path) -> bool:
    """Opens a file for editing in its program, or a folder in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def can_print_directly() -> bool:
    return sys.platform == "win32"


def print_paths(paths: list[Path]) -> int:
    """Sends each file to the default printer through its program; returns how many were sent.
    Elsewhere than Windows there is no such action: the files are opened to print by hand."""
    sent = 0
    for path in paths:
        if can_print_directly():
            os.startfile(str(path), "print")  # type: ignore[attr-defined]
        else:
            open_path(path)
        sent += 1
    return sent


def font_warning() -> str:
    """One line naming the document fonts this PC lacks; empty when it has them all."""
    return document_setup.font_warning(QFontDatabase.families())


def font_notice() -> str:
    """The short form, for the status bar at start."""
    return document_setup.font_notice(QFontDatabase.families())

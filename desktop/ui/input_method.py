"""Chinese input on Linux.  Qt from PyPI (and so the bundle) has no fcitx plugin, but fcitx 5
also answers Qt's own ibus plugin (the fcitx maintainers' advice for such programs): a session
that asks for fcitx is pointed at ibus, or a clerk could not type Chinese at all.  fcitx 4
(Kylin V10's default) does not answer ibus; there the office installs fcitx 5 or ibus."""
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QLibraryInfo

FCITX = {"fcitx", "fcitx5"}


def input_module(environ: Mapping[str, str], plugins: Path,
                 platform: str = sys.platform) -> str | None:
    """The QT_IM_MODULE to use instead of the session's, or None to keep the session's."""
    if not platform.startswith("linux") or environ.get("QT_IM_MODULES"):
        return None  # a list (Qt 6.7+): Qt itself goes on to the next one it has
    asked = environ.get("QT_IM_MODULE", "")
    if not asked and "fcitx" in environ.get("XMODIFIERS", ""):
        asked = "fcitx"
    if asked not in FCITX or any((plugins / "platforminputcontexts").glob("*fcitx*")):
        return None
    return "ibus"


def choose_input_module() -> None:
    """Before the QApplication exists: Qt reads QT_IM_MODULE once."""
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    module = input_module(os.environ, plugins)
    if module:
        os.environ["QT_IM_MODULE"] = module

"""Chinese input on Linux.  Qt from PyPI (and so the bundle) has no fcitx plugin, but fcitx 5
also answers Qt's own ibus plugin (the fcitx maintainers' advice for such programs): a session
that asks for fcitx is pointed at ibus, or a clerk could not type Chinese at all.  Qt's ibus
plugin gives up unless an ibus-daemon program is installed or it may use the IBus portal on the
session bus, which fcitx 5 also serves: so the portal.  fcitx 4 (Kylin V10's default) answers
neither; there the office installs fcitx 5 or ibus."""
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QLibraryInfo

FCITX = {"fcitx", "fcitx5"}


def input_method_environment(environ: Mapping[str, str], plugins: Path,
                             platform: str = sys.platform) -> dict[str, str]:
    """What to set in the environment instead of the session's choice (nothing to keep it)."""
    if not platform.startswith("linux") or environ.get("QT_IM_MODULES"):
        return {}  # a list (Qt 6.7+): Qt itself goes on to the next one it has
    asked = environ.get("QT_IM_MODULE", "")
    if not asked and "fcitx" in environ.get("XMODIFIERS", ""):
        asked = "fcitx"
    if asked not in FCITX or any((plugins / "platforminputcontexts").glob("*fcitx*")):
        return {}
    return {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}


def choose_input_module() -> None:
    """Before the QApplication exists: Qt reads these once."""
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    os.environ.update(input_method_environment(os.environ, plugins))

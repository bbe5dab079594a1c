"""Chinese input on Linux: a fcitx session still types Chinese in the program."""
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo

from desktop.ui.input_method import input_method_environment


THROUGH_IBUS = {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}


@pytest.fixture
def qt_plugins(tmp_path: Path) -> Path:
    """Qt's plugin folder as PyPI's Qt has it: ibus and compose, no fcitx."""
    contexts = tmp_path / "platforminputcontexts"
    contexts.mkdir()
    (contexts / "libibusplatforminputcontextplugin.so").touch()
    (contexts / "libcomposeplatforminputcontextplugin.so").touch()
    return tmp_path


@pytest.mark.parametrize("session", ["fcitx", "fcitx5"])
def test_fcitx_session_types_through_ibus(qt_plugins: Path, session: str) -> None:
    assert input_method_environment({"QT_IM_MODULE": session}, qt_plugins, "linux") == THROUGH_IBUS


def test_session_that_names_fcitx_only_in_xmodifiers_types_through_ibus(qt_plugins: Path) -> None:
    assert input_method_environment({"XMODIFIERS": "@im=fcitx"}, qt_plugins, "linux") == THROUGH_IBUS


def test_fcitx_plugin_beside_qt_is_used(qt_plugins: Path) -> None:
    (qt_plugins / "platforminputcontexts" / "libfcitx5platforminputcontextplugin.so").touch()
    assert input_method_environment({"QT_IM_MODULE": "fcitx"}, qt_plugins, "linux") == {}


@pytest.mark.parametrize("environ", [{"QT_IM_MODULE": "ibus"}, {}, {"XMODIFIERS": "@im=ibus"},
                                     {"QT_IM_MODULES": "wayland;fcitx;ibus",
                                      "QT_IM_MODULE": "fcitx"}])
def test_other_sessions_keep_their_input_method(qt_plugins: Path, environ: dict) -> None:
    assert input_method_environment(environ, qt_plugins, "linux") == {}


def test_windows_keeps_its_input_method(qt_plugins: Path) -> None:
    assert input_method_environment({"QT_IM_MODULE": "fcitx"}, qt_plugins, "win32") == {}


def test_the_qt_this_program_runs_on_needs_the_ibus_route() -> None:
    """PyPI's Qt (what the bundle carries) has the ibus plugin and no fcitx one."""
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    assert list((plugins / "platforminputcontexts").glob("*ibus*"))
    assert input_method_environment({"QT_IM_MODULE": "fcitx"}, plugins, "linux") == THROUGH_IBUS

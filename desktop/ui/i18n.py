"""Chinese for Qt's own dialogs (确定/取消, file dialogs) from the qtbase_zh_CN catalogue."""
from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.local.paths import resources_dir


def install_chinese(app: QApplication) -> list[QTranslator]:
    """Load qtbase_zh_CN (Qt's bundle first, then resources/translations); returns the loaded."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    loaded = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        for folder in (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
                       str(resources_dir() / "translations")):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                loaded.append(translator)
                break
    return loaded

"""文书设置: the locality's details of the printed papers, the office's own templates, and which
of the documents' fonts this PC has.

A template the office chooses is checked (every named style present) and copied into the data
folder, so it stays when the USB stick it came on is gone."""
from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.actor import Actor
from desktop.domain.errors import InvalidInput
from desktop.domain.office import DocumentSettings
from desktop.domain.permissions import Action, require
from desktop.exporters import fonts, templates
from desktop.local.files import write_atomically
from desktop.store.models import Unit

from .base_data import update_settings
from .exports import template_names

TEMPLATES_FOLDER = "templates"  # in the data folder, beside the database


def unit_numbers(session: Session, text: str) -> dict[str, str]:
    """Lines of 单位名称＝发文字号格式 (full or half-width =) into {unit name: pattern}; a unit
    the office does not have is refused, naming it."""
    names = {n for n, in session.execute(select(Unit.name))}
    shorts = dict(session.execute(select(Unit.short_name, Unit.name)).all())
    out = {}
    for line in text.splitlines():
        line = line.strip().replace("＝", "=")
        if not line:
            continue
        unit, sep, pattern = line.partition("=")
        unit, pattern = unit.strip(), pattern.strip()
        if not sep or not pattern:
            raise InvalidInput("unit_number_line_invalid", line=line)
        unit = unit if unit in names else shorts.get(unit, "")
        if not unit:
            raise InvalidInput("unit_not_found", unit=line.partition("=")[0].strip())
        out[unit] = pattern
    return out


def category_names(text: str) -> dict[str, str]:
    """Lines of 类别＝名称 (C＝留作参考): the locality's names of the reply categories."""
    out = {}
    for line in text.splitlines():
        line = line.strip().replace("＝", "=")
        if not line:
            continue
        letter, sep, name = (part.strip() for part in line.partition("="))
        letter = letter.upper().removesuffix("类")
        if not sep or not name or letter not in ("A", "B", "C", "D"):
            raise InvalidInput("category_name_line_invalid", line=line)
        out[letter] = name
    return out


def unit_numbers_text(settings: DocumentSettings) -> str:
    return "\n".join(f"{unit}＝{pattern}" for unit, pattern in
                     settings.doc_numbers_by_unit.items())


def update_documents(session: Session, actor: Actor, documents: DocumentSettings) -> None:
    update_settings(session, actor, documents=documents)


@dataclass(frozen=True)
class TemplateState:
    kind: str  # 答复函, 交办通知 …
    own: bool  # the office's own template is in use


def templates_folder(data_dir: Path) -> Path:
    """Where the office's own templates are kept, so they move with the database."""
    return data_dir / TEMPLATES_FOLDER


def template_states(folder: Path) -> list[TemplateState]:
    return [TemplateState(kind, (folder / f"{kind}.docx").exists()) for kind in template_names()]


def install_template(actor: Actor, folder: Path, kind: str, source: Path) -> Path:
    """Checked first (a missing style is refused by name), then copied whole into place."""
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    templates.load(kind, source)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{kind}.docx"
    with write_atomically(target) as part:
        shutil.copyfile(source, part)
    return target


def remove_template(actor: Actor, folder: Path, kind: str) -> None:
    """Back to the program's own reference for ``kind``."""
    require(Action.MANAGE_BASE_DATA, None, actor.role)
    (folder / f"{kind}.docx").unlink(missing_ok=True)



def font_checks(installed: Iterable[str]) -> list[fonts.FontCheck]:
    """The documents' fonts against ``installed`` (the screens ask Qt which the PC has)."""
    return fonts.check_fonts(installed)


def font_warning(installed: Iterable[str]) -> str:
    """One line for the export dialog and the print question; empty when every font is there."""
    return fonts.missing_summary(fonts.check_fonts(installed))


def font_notice(installed: Iterable[str]) -> str:
    """The short form, for the status bar at start."""
    return fonts.missing_notice(fonts.check_fonts(installed))

"""An office's own Word template: its pictures bounded, so no letter is made slow or huge by it."""
from __future__ import annotations

import os

import pytest

from desktop.domain.actor import Actor
from desktop.domain.errors import InvalidInput
from desktop.exporters.templates import REFERENCE_DIR
from desktop.gate import admit_document
from desktop.services import document_setup

from . import hostile

REFERENCE = REFERENCE_DIR / "答复函.docx"


def _install(tmp_path, picture: bytes):
    template = hostile.template_with_picture(REFERENCE, tmp_path / "县政协答复函.docx", picture)
    folder = tmp_path / "templates"
    document_setup.install_template(Actor.system(), folder, "答复函", template)
    return folder


def test_a_template_with_a_letterhead_picture_is_taken(tmp_path):
    folder = _install(tmp_path, hostile.png(1200, 300))
    assert (folder / "答复函.docx").is_file()


@pytest.mark.parametrize(("picture", "code"), [
    (hostile.png(64, 64, os.urandom(6 * 1024 * 1024)), "document_image_too_big"),
    (hostile.png(20_000, 20_000), "document_image_too_large"),
], ids=["six_megabytes", "twenty_thousand_pixels_square"])
def test_a_template_with_an_outsized_picture_is_refused_and_not_installed(tmp_path, picture, code):
    with pytest.raises(InvalidInput) as refused:
        _install(tmp_path, picture)
    assert refused.value.code == code
    assert refused.value.params["path"] == "县政协答复函.docx"
    assert not (tmp_path / "templates" / "答复函.docx").exists()


def test_a_workbook_renamed_docx_is_not_a_template(tmp_path):
    path = hostile.raw_workbook(tmp_path / "模板.docx", hostile.roster_rows(1))
    with pytest.raises(InvalidInput) as refused:
        admit_document(path)
    assert refused.value.code == "document_not_word"

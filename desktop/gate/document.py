"""Word files from outside (the office's own templates): bounded, images included, then read.

A template's pictures (a red letterhead, a seal) are drawn on every letter made from it: a 1 GB
image made each letter take 16 s and 2 GB, so pictures are bounded in bytes and in pixels."""
from __future__ import annotations

from pathlib import Path

from desktop.domain.errors import InvalidInput

from .archive import MB, ArchiveLimits, admit_archive

DOCUMENT_LIMITS = ArchiveLimits(file_bytes=20 * MB, entries=500, unpacked_bytes=100 * MB,
                                entry_bytes=20 * MB, ratio=100)
IMAGE_BYTES = 5 * MB
IMAGE_PIXELS = 40_000_000  # about 7,000 × 5,700: an A4 page scanned at 600 dpi
IMAGE_SIDE = 12_000


def _image_size(blob: bytes) -> tuple[int, int] | None:
    """Pixels from the image's header (python-docx reads PNG, JPEG, GIF, BMP and TIFF headers);
    None for a vector picture (EMF, WMF, SVG), which is bounded by its bytes alone."""
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image

    try:
        image = Image.from_blob(blob)
    except (UnrecognizedImageError, ValueError, IndexError, KeyError, TypeError):
        return None
    except Exception:  # noqa: BLE001 - a damaged header of a known kind
        return None
    return image.px_width, image.px_height


def admit_document(path: Path, what: str = "Word 模板") -> bytes:
    """The .docx's bytes if it and its pictures keep within the limits."""
    path = Path(path)
    checked = admit_archive(path, DOCUMENT_LIMITS, what)
    if "word/document.xml" not in {entry.filename for entry in checked.entries}:
        raise InvalidInput("document_not_word", path=path.name, what=what)
    with checked.open() as archive:
        for entry in checked.entries:
            if not entry.filename.startswith("word/media/"):
                continue
            picture = entry.filename.rsplit("/", 1)[-1]
            if entry.file_size > IMAGE_BYTES:
                raise InvalidInput("document_image_too_big", path=path.name, image=picture, what=what,
                                   limit=f"{IMAGE_BYTES // MB} MB")
            size = _image_size(archive.read(entry))
            if size and (max(size) > IMAGE_SIDE or size[0] * size[1] > IMAGE_PIXELS):
                raise InvalidInput("document_image_too_large", path=path.name, image=picture,
                                   width=size[0], height=size[1])
    return checked.data

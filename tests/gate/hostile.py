"""Files a hostile (or merely careless) sender could hand the office, made byte by byte.

Workbooks are written as raw zip parts, so each lie (a dimension, a row number, an entity, a
size) is exactly the one named; shared by the gate's tests and the fault-injection suite."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

HEADER = ("姓名", "界别", "工作单位", "联系电话")

_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          b'relationships+xml"/>'
          b'<Default Extension="xml" ContentType="application/xml"/>'
          b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
          b'officedocument.spreadsheetml.sheet.main+xml"/>'
          b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
          b'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
         b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
         b'formats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         b'</Relationships>')
_BOOK_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
              b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
              b'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
              b'Target="worksheets/sheet1.xml"/></Relationships>')
_SHEET_OPEN = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
               'openxmlformats.org/spreadsheetml/2006/main">')


def _book_xml() -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
            'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="委员名册" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>').encode()


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def row(number: int, texts: Iterable[str]) -> str:
    cells = "".join(cell(f"{chr(65 + i)}{number}", t) for i, t in enumerate(texts))
    return f'<row r="{number}">{cells}</row>'


def roster_rows(count: int, start: int = 2) -> Iterable[str]:
    yield row(1, HEADER)
    for i in range(count):
        yield row(start + i, (f"委员{i:05d}", "经济界", "县供销社", f"138{i:08d}"))


def raw_workbook(path: Path, rows: Iterable[str], *, dimension: str | None = None,
                 prologue: str = "", extra: dict[str, bytes] | None = None) -> Path:
    """A workbook whose first sheet is ``rows`` (row XML), streamed into the zip."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _book_xml())
        archive.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            head = prologue + _SHEET_OPEN
            if dimension:
                head += f'<dimension ref="{dimension}"/>'
            sheet.write((head + "<sheetData>").encode())
            batch = []
            for text in rows:
                batch.append(text)
                if len(batch) >= 2000:
                    sheet.write("".join(batch).encode())
                    batch = []
            sheet.write(("".join(batch) + "</sheetData></worksheet>").encode())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def dimension_bomb(path: Path) -> Path:
    """Three members, a sheet that says it spans every cell Excel has (A1:XFD1048576)."""
    return raw_workbook(path, roster_rows(3), dimension="A1:XFD1048576")


def far_row(path: Path) -> Path:
    """Three members, then one more on Excel's last row: a million empty rows between."""
    rows = [*roster_rows(3), row(1_048_576, ("末行委员", "经济界", "县供销社", "13800000000"))]
    return raw_workbook(path, rows)


def row_bomb(path: Path, count: int = 21_000_000) -> Path:
    """Millions of identical rows: a few MB packed, gigabytes unpacked."""
    same = row(2, ("张三", "经济界", "县供销社", "13800000000")).replace(' r="2"', "")
    return raw_workbook(path, (row(1, HEADER), *(same for _ in range(count))))


def many_rows(path: Path, count: int) -> Path:
    """An ordinary roster, only far longer than any county's."""
    return raw_workbook(path, roster_rows(count))


def huge_cell(path: Path, chars: int) -> Path:
    """One member whose name is ``chars`` characters long (of varied text, so it packs poorly)."""
    import random

    rng = random.Random(7)
    name = "".join(chr(0x4E00 + rng.randrange(20000)) for _ in range(chars))
    return raw_workbook(path, [row(1, HEADER), row(2, (name, "经济界", "县供销社", ""))])


def zip_bomb(path: Path, megabytes: int = 1024) -> Path:
    """A workbook carrying one extra part of ``megabytes`` of zeros (about 1 MB packed per GB)."""
    with zipfile.ZipFile(raw_workbook(path, roster_rows(1)), "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/padding.bin", "w", force_zip64=True) as part:
            block = bytes(1024 * 1024)
            for _ in range(megabytes):
                part.write(block)
    return path


XXE = ('<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM '
       '"file:///etc/passwd">]>')
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                    for i in range(1, 10)) + "]>")


def xxe(path: Path) -> Path:
    """A sheet whose first name is an external entity naming /etc/passwd."""
    rows = [row(1, HEADER), row(2, ("&xxe;", "经济界", "县供销社", ""))]
    return raw_workbook(path, rows, prologue=XXE.replace('<?xml version="1.0" encoding="UTF-8"?>', ""))


def billion_laughs(path: Path) -> Path:
    rows = [row(1, HEADER), row(2, ("&lol9;", "经济界", "县供销社", ""))]
    return raw_workbook(path, rows, prologue=LAUGHS.replace('<?xml version="1.0"?>', ""))


def with_macros(path: Path) -> Path:
    """An ordinary roster that also carries a VBA project (as .xlsm saves it), under any name."""
    return raw_workbook(path, roster_rows(2), extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" * 64})


def word_named_xlsx(path: Path) -> Path:
    """A .docx renamed .xlsx."""
    import docx

    docx.Document().save(path)
    return path


def old_excel(path: Path) -> Path:
    """The signature of an OLE2 file (.xls, .doc, or any password-protected Office file)."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    return path


def picture_named_xlsx(path: Path) -> Path:
    path.write_bytes(png(10, 10))
    return path


def png(width: int, height: int, payload: bytes = b"") -> bytes:
    """A PNG whose header declares ``width`` × ``height`` (its pixels need not follow)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(payload or bytes(3 * min(width, 4) + 1))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def template_with_picture(reference: Path, path: Path, picture: bytes) -> Path:
    """An office's template (the program's reference) carrying one picture, as a red letterhead."""
    import docx
    from docx.shared import Cm

    document = docx.Document(str(reference))
    document.add_picture(io.BytesIO(picture), width=Cm(2))
    document.save(path)
    return path

"""The one gate every file from outside passes before a parser sees it (DESIGN §3).

Workbooks (rosters now, ledgers later), the office's Word templates and exchange packages are all
zip archives written by someone else's program: their size, entries, unpacked size and ratio are
checked before opening, a sheet's shape is bounded while it is read (its declared dimension is
not trusted), images in templates are bounded, and every refusal is one sentence naming the
limit.  Text taken from such files is normalised in ``gate.text``."""
from .archive import ArchiveLimits, admit_archive, inspect_archive, require_safe_xml
from .document import DOCUMENT_LIMITS, admit_document
from .workbook import Sheet, SheetLimits, read_first_sheet, read_sheets

__all__ = ["DOCUMENT_LIMITS", "ArchiveLimits", "SheetLimits", "admit_archive", "admit_document",
           "inspect_archive", "read_first_sheet", "read_sheets", "require_safe_xml", "Sheet"]

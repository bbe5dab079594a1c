"""Words the printed documents use where the office's own terms are fixed phrases."""
from __future__ import annotations

from desktop.domain import enums as e

# the 附注 under a reply letter's date (GB/T 9704 7.3.6): what may be done with the letter
DISCLOSURE_NOTES = {e.Disclosure.PUBLIC: "此件公开发布", e.Disclosure.NOT_PUBLIC: "此件不予公开"}

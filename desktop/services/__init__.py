"""One function per user action; each runs one transaction and leaves its audit trail."""

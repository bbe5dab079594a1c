"""Documents: a content model per document, rendered to docx and xlsx (issue: documents)."""

"""Draft tender documents from an advice: Markdown and Word, laid out from the same section data."""

from .markdown import render_markdown
from .sections import DraftDocument, build_document
from .templating import TEMPLATE_NAMES, DocumentTemplateError, document_templates
from .word import render_docx

__all__ = [
    "TEMPLATE_NAMES",
    "DocumentTemplateError",
    "DraftDocument",
    "build_document",
    "document_templates",
    "render_docx",
    "render_markdown",
]

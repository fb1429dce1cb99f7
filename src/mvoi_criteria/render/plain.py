"""Plain text as both renderers see it: paragraphs and lists, Markdown escaping, characters Word refuses.

Clause texts are plain text in which a line starting with "- " (or "1. ") is a list item; buyer values
(title, motivations, justifications) are plain text too. Nothing a pack or a buyer writes is markup:
`escape_markdown` is the one function that keeps such text from forging headings, tables, links or HTML.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from ..errors import InputError, Problem

__all__ = ["Block", "UnsafeTextError", "escape_markdown", "markdown_blocks", "text_blocks", "unsafe_character"]

BlockKind = Literal["paragraph", "bullet", "number"]
Block = tuple[BlockKind, str]

_BULLET = re.compile(r"^\s*[-•*]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
# Every character CommonMark gives a meaning inline; a backslash makes each one literal.
# An underscore inside a word (snake_case) is never emphasis, so it stays as it is.
_INLINE = re.compile(r"([\\`*{}\[\]<>|~&!#]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")
# Characters that start a block (heading, quote, list, setext line, thematic break) at the start of a line.
_LINE_START = re.compile(r"^(?:([-+=>#])|(\d+)([.)]))")


def escape_markdown(value: object, *, line_start: bool = True) -> str:
    """Text as literal Markdown on one line: no heading, list, table cell, link, image or HTML can come from it.

    Line breaks become spaces, so the value stays inside the heading, cell or paragraph it is put in.
    `line_start=False` is for a place that never starts a line (a table cell after "| "), where a
    leading "-" or "1." means nothing and is left as it is.
    """
    text = _INLINE.sub(r"\\\1", " ".join(str(value).split()))
    return _LINE_START.sub(_escape_line_start, text) if line_start else text


def _escape_line_start(match: re.Match[str]) -> str:
    marker, digits, dot = match.groups()
    return f"\\{marker}" if marker else f"{digits}\\{dot}"


def text_blocks(text: str) -> list[Block]:
    """Split plain text into paragraphs and list items: '- x' is a bullet, '1. x' a numbered item.

    Lines of one paragraph are joined with a space; a blank line ends a paragraph.
    """
    blocks: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append(("paragraph", " ".join(lines)))
            lines.clear()

    for raw in str(text).splitlines():
        bullet, number = _BULLET.match(raw), _NUMBER.match(raw)
        if bullet or number:
            flush()
            blocks.append(("bullet", bullet.group(1).strip()) if bullet else ("number", number.group(1).strip()))  # type: ignore[union-attr]
        elif raw.strip():
            lines.append(raw.strip())
        else:
            flush()
    flush()
    return blocks


def markdown_blocks(text: str) -> str:
    """Plain text (with '- ' and '1. ' lists) as escaped Markdown paragraphs and lists."""
    out: list[str] = []
    previous: str | None = None
    for kind, content in text_blocks(text):
        if out and (kind == "paragraph" or kind != previous):
            out.append("")
        if kind == "bullet":
            out.append(f"- {escape_markdown(content)}")
        elif kind == "number":
            index = 1 if previous != "number" else int(out[-1].split(".", 1)[0]) + 1
            out.append(f"{index}. {escape_markdown(content)}")
        else:
            out.append(escape_markdown(content))
        previous = kind
    return "\n".join(out)


def unsafe_character(text: str) -> str | None:
    """The first character that cannot go into a document (a control character or a lone surrogate), or None."""
    for char in text:
        if char in "\t\n\r":
            continue
        category = unicodedata.category(char)
        if category == "Cc" or category == "Cs" or char in "\ufffe\uffff":
            return char
    return None


class UnsafeTextError(InputError):
    """Text holds a control character or a lone surrogate, which Word and UTF-8 files cannot hold."""

    kind = "document text"


def check_text(text: str, where: str) -> str:
    """`text` unchanged, or UnsafeTextError naming the character and quoting where it is."""
    char = unsafe_character(text)
    if char is None:
        return text
    start = text.index(char)
    context = text[max(0, start - 30) : start + 30].encode("utf-8", "backslashreplace").decode("utf-8")
    raise UnsafeTextError(
        where,
        [
            Problem(
                "$",
                f"text contains the invisible character U+{ord(char):04X}, which a document cannot hold: "
                f"remove it from the profile or choices file (near {context!r})",
            )
        ],
    )

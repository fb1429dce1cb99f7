"""Read YAML or JSON documents while keeping line numbers, so errors can point into the file.

This is the one gate every input file passes (profiles, choices, engine settings, packs, eForms
criteria). It reads only regular files of bounded size, accepts plain YAML only (no tags, merge keys
or recursive aliases), bounds alias expansion and nesting, and admits only finite numbers and valid
Unicode text. Every refusal is a Problem with a line where one exists, never a crash or a hang.
"""

from __future__ import annotations

import math
import os
import re
import stat
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from .errors import Problem

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "Document",
    "DocumentError",
    "YamlSyntaxError",
    "json_path",
    "load_document",
    "read_document",
    "read_text",
]

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Largest input file (2 MiB): a profile is a few kB, the largest pack about 100 kB."""
MAX_NODES = 100_000
"""Most values a document may hold once every alias is expanded (stops alias bombs)."""
MAX_DEPTH = 40
"""Deepest nesting of mappings and lists."""
_MAX_INT_DIGITS = 30

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
_FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class DocumentError(Exception):
    """The input cannot be read as a plain YAML or JSON document; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message)


YamlSyntaxError = DocumentError  # the older name, kept for callers


def json_path(parts: Iterable[str | int]) -> str:
    """Render a path as `$.criteria[2].when`."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


class Document:
    """A parsed document: plain Python data plus a way to find the line of any path in it."""

    def __init__(self, tree: Any) -> None:
        self._tree = tree
        self.data = _plain(tree)

    def line_of(self, parts: Iterable[str | int]) -> int | None:
        """1-based line of the deepest node of the path that can be located."""
        node, line = self._tree, None
        for part in parts:
            try:
                if isinstance(node, CommentedMap) and part in node:
                    line = node.lc.key(part)[0] + 1
                    node = node[part]
                elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                    line = node.lc.item(part)[0] + 1
                    node = node[part]
                else:
                    break
            except (TypeError, KeyError, IndexError):  # a position ruamel did not record
                break
        if line is None and hasattr(self._tree, "lc") and self._tree.lc.line is not None:
            line = self._tree.lc.line + 1
        return line


class _TextDatesConstructor(RoundTripConstructor):
    """Keeps dates as the text the user wrote; the schema checks them, with a path and a line."""


_TextDatesConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda constructor, node: constructor.construct_scalar(node)
)


def read_text(path: str | Path) -> str:
    """The UTF-8 text of a regular file of at most MAX_FILE_BYTES; DocumentError otherwise.

    Opens without blocking and checks the opened file, so a FIFO or a device never hangs the reader.
    """
    if str(path) == "":
        raise DocumentError(Problem("$", "no file name given (an empty path)"))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DocumentError(Problem("$", f"cannot read file: {exc.strerror or exc}")) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(Problem("$", "is a folder, not a file"))
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(Problem("$", "is not a regular file (a pipe, device or socket); give a file"))
        if info.st_size > MAX_FILE_BYTES:
            raise DocumentError(Problem("$", f"file is {info.st_size} bytes, more than the limit of {MAX_FILE_BYTES}"))
        with os.fdopen(fd, "rb", closefd=False) as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DocumentError(Problem("$", f"cannot read file: {exc.strerror or exc}")) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        raise DocumentError(Problem("$", f"file is more than the limit of {MAX_FILE_BYTES} bytes"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DocumentError(
            Problem("$", f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at line {line}, column {column}", line)
        ) from None


def read_document(path: str | Path) -> Document:
    """Read and parse a file; DocumentError names the problem and its line."""
    return load_document(read_text(path))


def load_document(text: str) -> Document:
    """Parse plain YAML (JSON is YAML too). Raise DocumentError with the line on any refusal."""
    if len(text) > MAX_FILE_BYTES:
        raise DocumentError(Problem("$", f"text is {len(text)} characters, more than the limit of {MAX_FILE_BYTES}"))
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextDatesConstructor
    try:
        with warnings.catch_warnings():  # ruamel warns in several lines on stderr; a reused anchor is valid YAML
            warnings.simplefilter("ignore")
            constructor, _parser = yaml.get_constructor_parser(text)
            node = constructor.composer.get_single_node()
        if node is None:
            return Document(None)
        _check_plain(node)
        tree = constructor.construct_document(node)
    except DocumentError:
        raise
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        where = f" (column {mark.column + 1})" if mark is not None else ""
        message = " ".join(str(exc.problem or exc.context or "syntax error").split())
        raise DocumentError(Problem("$", f"not valid YAML: {message}{where}", line)) from None
    except ReaderError as exc:
        line, column = _position(text, exc.position)
        raise DocumentError(
            Problem("$", f"not valid YAML: character {exc.character!r} is not allowed (column {column})", line)
        ) from None
    except RecursionError:
        raise DocumentError(Problem("$", f"nested deeper than the limit of {MAX_DEPTH} levels")) from None
    except Exception as exc:  # ruamel raises several unrelated types for odd input
        message = " ".join(str(exc).split())
        raise DocumentError(Problem("$", f"not valid YAML: {type(exc).__name__}: {message}")) from None
    return Document(tree)


def _position(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _refuse(node: Node, message: str, parts: tuple[str | int, ...] = ()) -> DocumentError:
    return DocumentError(Problem(json_path(parts), message, node.start_mark.line + 1))


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _check_plain(root: Node) -> None:
    """Walk the node graph as the data would be expanded, refusing what plain data cannot be."""
    budget = MAX_NODES
    stack: list[tuple[Node, tuple[str | int, ...], frozenset[int]]] = [(root, (), frozenset())]
    while stack:
        node, parts, ancestors = stack.pop()
        budget -= 1
        if budget < 0:
            raise _refuse(node, f"expands to more than {MAX_NODES} values (limit on aliases and size)", parts)
        if len(parts) >= MAX_DEPTH:
            raise _refuse(node, f"nested deeper than the limit of {MAX_DEPTH} levels", parts)
        if node.tag not in _PLAIN_TAGS:
            raise _refuse(node, f"tag {_tag_name(node.tag)} is not allowed; write plain values without tags", parts)
        if isinstance(node, ScalarNode):
            _check_scalar(node, parts)
            continue
        if id(node) in ancestors:
            raise _refuse(node, "an alias refers to a value that contains it (recursive alias)", parts)
        inner = ancestors | {id(node)}
        if isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                if key.tag == "tag:yaml.org,2002:merge":
                    raise _refuse(key, "merge keys ('<<') are not allowed; write the fields out", parts)
                if not isinstance(key, ScalarNode):
                    raise _refuse(key, "a key must be a plain text, not a mapping or a list", parts)
                stack.append((value, (*parts, str(key.value)), inner))
                stack.append((key, parts, inner))
        elif isinstance(node, SequenceNode):
            stack.extend((child, (*parts, i), inner) for i, child in reversed(list(enumerate(node.value))))


def _check_scalar(node: ScalarNode, parts: tuple[str | int, ...]) -> None:
    value = node.value
    if node.tag == "tag:yaml.org,2002:float":
        text = value.replace("_", "").lower()
        try:
            number = float("nan" if text.endswith(".nan") else text.replace(".inf", "inf"))
        except ValueError:
            number = 0.0  # a form ruamel reads that Python does not (such as 1:30); the schema judges it
        if not math.isfinite(number):
            raise _refuse(node, f"{value} is not a finite number", parts)
    elif node.tag == "tag:yaml.org,2002:int" and sum(c.isdigit() for c in value) > _MAX_INT_DIGITS:
        raise _refuse(node, f"a number with more than {_MAX_INT_DIGITS} digits is too large", parts)
    elif (match := _FORBIDDEN_CHARS.search(value.replace("\a", "") if node.style == ">" else value)) is not None:
        # ruamel marks the fold points of a '>' block with BEL; those are not the user's characters
        raise _refuse(node, f"text contains the control character or invalid code point U+{ord(match[0]):04X}", parts)


def _plain(node: Any) -> Any:
    """Turn ruamel's round-trip types into dict/list/str/int/float/bool/None."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node

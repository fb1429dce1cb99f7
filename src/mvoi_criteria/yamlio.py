"""Read YAML or JSON documents while keeping line numbers, so errors can point into the file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError

from .errors import Problem

__all__ = ["Document", "YamlSyntaxError", "json_path", "load_document"]


class YamlSyntaxError(Exception):
    """The text is not YAML or JSON at all."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message)


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
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0] + 1
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                line = node.lc.item(part)[0] + 1
                node = node[part]
            else:
                break
        if line is None and hasattr(self._tree, "lc"):
            line = self._tree.lc.line + 1
        return line


class _TextDatesConstructor(RoundTripConstructor):
    """Keeps dates as the text the user wrote; the schema checks them, with a path and a line."""


_TextDatesConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda constructor, node: constructor.construct_scalar(node)
)


def load_document(text: str) -> Document:
    """Parse YAML (JSON is YAML too). Raise YamlSyntaxError with the line on a syntax error."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextDatesConstructor
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlSyntaxError(Problem("$", f"not valid YAML: {exc.problem or exc.context}", line)) from None
    except Exception as exc:  # ruamel raises several unrelated types for odd input
        raise YamlSyntaxError(Problem("$", f"not valid YAML: {exc}")) from None
    return Document(tree)


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

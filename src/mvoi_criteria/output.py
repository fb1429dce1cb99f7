"""Writing a command's result safely: never over an input, atomically, or to standard output.

Nothing the user gave may be lost: a path that is one of the command's own inputs is refused, and a
file is replaced only by a complete new one (written to a temporary file in the same folder, then
renamed), so a full disk or an error half-way leaves the old file as it was.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import InputError, Problem

__all__ = ["STDOUT", "OutputError", "choose_format", "write_output"]

STDOUT = "-"


class OutputError(InputError):
    """The output path cannot be written, or would overwrite an input."""

    kind = "output"


def _refuse(output: str, message: str) -> OutputError:
    return OutputError(output, [Problem("-o", message)])


def choose_format(output: str | None, fmt: str | None, by_extension: Mapping[str, str], default: str) -> str:
    """The format asked with --format, else the one the output's extension names, else the default.

    A mismatch between the two, or an extension that names no format when --format is missing, is
    refused rather than guessed, so `-o advies.json` never silently holds text.
    """
    suffix = Path(output).suffix.lower() if output and output != STDOUT else ""
    implied = by_extension.get(suffix)
    if fmt is None:
        if suffix and implied is None:
            known = ", ".join(sorted(by_extension))
            raise _refuse(output or "", f"cannot tell the format from '{suffix}'; give --format or use {known}")
        return implied or default
    if implied is not None and implied != fmt:
        raise _refuse(output or "", f"the extension '{suffix}' means --format {implied}, not --format {fmt}")
    return fmt


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def write_output(content: str | bytes, output: str, inputs: Iterable[str | None] = ()) -> None:
    """Write `content` to `output` ('-' is standard output); OutputError says why it cannot."""
    try:
        data = content.encode("utf-8") if isinstance(content, str) else content
    except UnicodeEncodeError as exc:
        bad = f"U+{ord(exc.object[exc.start]):04X}"
        raise _refuse(output, f"the result holds {bad}, which is not valid Unicode text; nothing written") from None
    if output == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    if output == "":
        raise _refuse(output, "no output file name given (an empty path); use '-' for standard output")
    target = Path(output)
    for given in inputs:
        if given and given != STDOUT and _same_file(target, Path(given)):
            raise _refuse(output, f"is an input of this command ({given}); choose another output file")
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _refuse(output, f"cannot write: {exc.strerror or exc}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise _refuse(output, f"is {kind}; give a file path, or '-' for standard output")
    folder = target.parent
    if not folder.is_dir():
        raise _refuse(output, f"the folder '{folder}' does not exist")
    _replace(target, data, info.st_mode if info is not None else None)


def _replace(target: Path, data: bytes, mode: int | None) -> None:
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _refuse(str(target), f"cannot write in '{target.parent}': {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, stat.S_IMODE(mode))
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise _refuse(str(target), f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

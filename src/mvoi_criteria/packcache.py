"""A cache of checked pack data, so a new process skips YAML parsing and schema checks of unchanged packs.

An entry holds the plain data of one pack file after it passed every check (JSON: never pickle, never
code), under the sha256 of the file's bytes and a fingerprint of what decides how a file is read and
checked (library version, Jinja version, the pack schema, the reader and template-check modules, the
known fields). A check that runs on the loaded pack (the privacy scan) may record that the file
passed it, under the same key; a failure is never recorded. Conditions are compiled from the data as on a cache miss. An entry that is missing,
corrupt, truncated, for another file or made by another library is ignored (and rewritten after a
full load); a pack with errors is never cached, so its errors always come from the line-keeping loader.

The directory is `platformdirs.user_cache_dir("mvoi-criteria")`, or `MVOI_CRITERIA_CACHE_DIR`;
`MVOI_CRITERIA_CACHE=0` turns the cache off. Deleting the directory at any time is safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import orjson

__all__ = [
    "ENV_DIR",
    "ENV_SWITCH",
    "FORMAT",
    "cache_dir",
    "entry_path",
    "fingerprint",
    "load",
    "passed",
    "record_pass",
    "store",
]

ENV_DIR = "MVOI_CRITERIA_CACHE_DIR"
ENV_SWITCH = "MVOI_CRITERIA_CACHE"
FORMAT = 1
_OFF = {"0", "false", "no", "off"}


def cache_dir() -> Path | None:
    """Where entries live now, or None when the cache is switched off (read each call, so it can change)."""
    if os.environ.get(ENV_SWITCH, "").strip().lower() in _OFF:
        return None
    override = os.environ.get(ENV_DIR, "").strip()
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mvoi-criteria", appauthor=False))


@cache
def fingerprint() -> str:
    """Changes whenever the same file could be read or checked differently, so old entries stop matching."""
    import jinja2

    from .derive import FIELD_SPECS
    from .validation import schema_folder

    try:
        library = metadata.version("mvoi-criteria")
    except metadata.PackageNotFoundError:
        library = "0+unknown"
    here = Path(__file__).resolve().parent
    parts = [f"format {FORMAT}", library, jinja2.__version__, _text(schema_folder().joinpath("pack.schema.json"))]
    parts += [_text(here / name) for name in ("yamlio.py", "validation.py", "templates.py", "packs.py", "privacy.py")]
    parts += sorted(FIELD_SPECS)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]


def _text(path: Any) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):  # a zipped install: the library version still keys the entry
        return "?"


def entry_path(directory: Path, sha256: str) -> Path:
    return directory / f"pack-{sha256}-{fingerprint()}.json"


def load(sha256: str) -> dict[str, Any] | None:
    """The checked data of the pack file with this sha256, or None when there is no sound entry for it."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        raw = entry_path(directory, sha256).read_bytes()
        head, _, body = raw.partition(b"\n")
        header = json.loads(head)
        if header != _header(sha256, body):  # another file, library or format, or a damaged body
            return None
        data = orjson.loads(body)
    except (OSError, ValueError):  # missing, unreadable, truncated or not JSON: load from the file
        return None
    return data if isinstance(data, dict) else None


def store(sha256: str, data: dict[str, Any]) -> None:
    """Write an entry atomically (temporary file, then rename); a cache that cannot be written is skipped."""
    directory = cache_dir()
    if directory is None:
        return
    try:
        body = orjson.dumps(data)
        if orjson.loads(body) != data:  # JSON cannot hold it exactly (NaN, ...): keep loading from the file
            return
    except (TypeError, ValueError):
        return
    content = json.dumps(_header(sha256, body), sort_keys=True).encode("utf-8") + b"\n" + body
    _write(directory, entry_path(directory, sha256), content)


def passed(sha256: str, check: str) -> bool:
    """Whether the pack file with this sha256 passed `check` before, with this library."""
    directory = cache_dir()
    if directory is None:
        return False
    try:
        return json.loads(_check_path(directory, sha256, check).read_bytes()) == _verdict(sha256, check)
    except (OSError, ValueError):
        return False


def record_pass(sha256: str, check: str) -> None:
    """Remember that the pack file with this sha256 passed `check` (never call it for a failure)."""
    directory = cache_dir()
    if directory is not None:
        content = json.dumps(_verdict(sha256, check), sort_keys=True).encode("utf-8")
        _write(directory, _check_path(directory, sha256, check), content)


def _check_path(directory: Path, sha256: str, check: str) -> Path:
    return directory / f"pack-{sha256}-{fingerprint()}.{check}.json"


def _verdict(sha256: str, check: str) -> dict[str, Any]:
    return {"format": FORMAT, "fingerprint": fingerprint(), "sha256": sha256, "check": check, "passed": True}


def _write(directory: Path, target: Path, content: bytes) -> None:
    temporary: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".json")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, target)
        temporary = None
    except OSError:  # read-only or full: the cache is an optimisation, never a reason to fail
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()


def _header(sha256: str, body: bytes) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "fingerprint": fingerprint(),
        "sha256": sha256,
        "body_sha256": hashlib.sha256(body).hexdigest(),
    }

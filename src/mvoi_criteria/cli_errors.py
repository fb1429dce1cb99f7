"""How every command reports a user's mistake: the error's report on stderr and exit code 2."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from .errors import InputError

__all__ = ["EXIT_BAD_INPUT", "reports_bad_input"]

EXIT_BAD_INPUT = 2


def reports_bad_input(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an InputError into its report and exit 2, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            click.echo(exc.report(), err=True)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper

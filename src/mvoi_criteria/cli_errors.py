"""How every command reports a user's mistake or an incomplete advice: on stderr, with a documented status.

Exit statuses: 0 done; 2 bad input (a file, a setting or an option; one line per problem, naming the
file, the line and the field); 3 incomplete advice (an installed pack was left out; its name and the
reasons are printed, and `--allow-incomplete` accepts the advice with the omission recorded); 70 an
internal error (a bug in this library or a plugin: one line, please report it with the input;
MVOI_CRITERIA_DEBUG=1 shows the traceback).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from .errors import InputError, Problem
from .plugins import IncompleteAdviceError
from .templates import RenderError

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INCOMPLETE",
    "OptionError",
    "option_error",
    "reports_bad_input",
    "warn_incomplete",
    "warn_left_out",
]

EXIT_BAD_INPUT = 2
EXIT_INCOMPLETE = 3
EXIT_INTERNAL = 70


class OptionError(InputError):
    """A command-line option's value is unusable."""

    kind = "option"


def option_error(option: str, message: str) -> OptionError:
    return OptionError(option, [Problem("$", message)])


def warn_incomplete(error: IncompleteAdviceError, *, accepted: bool) -> None:
    """Name every left-out pack and why, one line each."""
    for line in error.report():
        click.echo(f"{'warning' if accepted else 'error'}: {line}", err=True)


def warn_left_out(advice: Any) -> None:
    """Name the packs an accepted incomplete advice leaves out, as recorded in its provenance."""
    for failure in advice.provenance.pack_failures:
        click.echo(f"warning: pack '{failure.plugin}' left out: {'; '.join(failure.problems)}", err=True)


def reports_bad_input(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an InputError into its report and exit 2, an incomplete advice into exit 3; never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            click.echo(exc.report(), err=True)
            sys.exit(EXIT_BAD_INPUT)
        except IncompleteAdviceError as exc:
            warn_incomplete(exc, accepted=False)
            click.echo(
                f"error: {exc}; nothing written. Fix or block the pack(s), or pass --allow-incomplete to accept.",
                err=True,
            )
            sys.exit(EXIT_INCOMPLETE)
        except RenderError as exc:  # a pack's text failed for another ask level chosen by the buyer
            click.echo(f"error: pack '{exc.pack}' left out: {exc}; nothing written.", err=True)
            sys.exit(EXIT_INCOMPLETE)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click reports usage errors itself, with exit 2
        except Exception as exc:
            if os.environ.get("MVOI_CRITERIA_DEBUG"):
                raise
            message = " ".join(str(exc).split())
            click.echo(f"internal error (please report it with the input): {type(exc).__name__}: {message}", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper

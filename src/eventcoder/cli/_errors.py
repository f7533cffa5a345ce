"""One place that turns errors into a one-line message and a non-zero exit."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer

from eventcoder.errors import EventcoderError

__all__ = ["handle_errors"]

BROKEN_PIPE = 141  # what a shell reports for a writer stopped by SIGPIPE (`events ... | head`)

F = TypeVar("F", bound=Callable[..., Any])
DEBUG = {"on": False}


def handle_errors(func: F) -> F:
    """Run a command; print ``[E101] ...`` (or ``error: ...``) and exit 1 on failure, traceback with --debug."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except BrokenPipeError:  # the reader went away (`| head`): nothing more to write, nothing to say
            _silence_stdout()
            raise typer.Exit(BROKEN_PIPE) from None
        except EventcoderError as exc:
            if DEBUG["on"]:
                raise
            print(f"eventcoder: {exc}", file=sys.stderr)
            raise typer.Exit(1) from None
        except (OSError, ValueError, UnicodeError) as exc:
            if DEBUG["on"]:
                raise
            print(f"eventcoder: error: {exc}", file=sys.stderr)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            print("eventcoder: interrupted", file=sys.stderr)
            raise typer.Exit(130) from None
        except Exception as exc:  # a bug: one line, and the traceback on demand
            if DEBUG["on"]:
                raise
            print(f"eventcoder: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback "
                  "and please report it)", file=sys.stderr)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real stdout (a test runner's buffer): nothing to flush
        pass

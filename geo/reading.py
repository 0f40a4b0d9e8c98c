"""Reading files that may be hostile: bounded size, nesting and numbers, a clear reason when
a file cannot be read, never an exception.

Data files come from a data folder or from anyone's upload, so the readers hold limits that
no real file of organisations reaches (stated in the README) and report what they refuse.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from geo.problems import Problem

#: Largest file read, in bytes: a data file or an upload (Streamlit's upload limit agrees).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Integers with more digits are read as (possibly infinite) floats, never as huge ints.
MAX_INT_DIGITS = 30


@contextmanager
def bulk(lasting: bool = False) -> Iterator[None]:
    """No cyclic garbage collection while a file becomes many small objects: they form no
    cycles, and the collector would scan them all again at every few hundred new ones (it
    more than doubled the time to load 100,000 features).

    ``lasting``: what is made lives as long as the process (the shipped data, loaded once per
    data version). It is then frozen (:func:`gc.freeze`): the collector never scans it again,
    where it would scan it once when collection resumes (0.27 s at 100,000 features) and again
    at each older-generation collection, in some visitor's run. Frozen objects are still freed
    when no longer referenced; only a reference cycle alive at that moment is never collected,
    so an upload, made and dropped per session, is not frozen.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if lasting:
            gc.freeze()
        if was_enabled:
            gc.enable()


def _int(digits: str) -> int | float:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else float(digits)


def parse_json(text: str, file: str) -> tuple[Any, Problem | None]:
    """Parse JSON text, or say why it cannot be read: where the syntax breaks (line and
    column), or nesting deeper than Python can follow. ``NaN`` and ``Infinity`` are read as
    floats, for the feature checks to name the feature that has them."""
    try:
        return json.loads(text, parse_int=_int), None
    except json.JSONDecodeError as exc:
        message = f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        return None, Problem(file, message, line=exc.lineno, column=exc.colno)
    except RecursionError:
        return None, Problem(file, "invalid JSON: nested too deeply")
    except ValueError as exc:
        return None, Problem(file, f"invalid JSON: {exc}")


def decode(content: bytes, file: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text of ``content`` (a byte-order mark is dropped), or why it is not."""
    try:
        return content.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, Problem(file, f"not UTF-8 text ({exc.reason} at byte {exc.start})")


def too_large(size: int, file: str) -> Problem | None:
    """A problem when a file of ``size`` bytes is over :data:`MAX_FILE_BYTES`."""
    if size <= MAX_FILE_BYTES:
        return None
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return Problem(file, f"file too large: {size / 1024 / 1024:.1f} MB (limit {limit} MB)")


def read_bytes(path: Path) -> tuple[bytes | None, Problem | None]:
    """The bytes of ``path``, or why they cannot be read (missing, too large, unreadable)."""
    file = str(path)
    try:
        refused = too_large(path.stat().st_size, file)
        return (None, refused) if refused else (path.read_bytes(), None)
    except FileNotFoundError:
        return None, Problem(file, "file not found")
    except IsADirectoryError:
        return None, Problem(file, "a folder, not a file")
    except OSError as exc:
        return None, Problem(file, f"cannot read: {exc.strerror or exc}")


def read_json(path: Path) -> tuple[Any, Problem | None]:
    """Parse a JSON file, or say precisely why it cannot be read."""
    content, problem = read_bytes(path)
    if content is None:
        return None, problem
    text, problem = decode(content, str(path))
    if text is None:
        return None, problem
    return parse_json(text, str(path))

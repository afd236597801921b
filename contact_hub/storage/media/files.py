"""Files kept by name ("key"): the local directory store, and what every store offers.

Keys are ours (`contacts/12/34-ab12cd.jpg`, `incoming/<random>`), never a resident's file
name, so no path can escape the store. A write is whole or absent (written aside, then
renamed), so a job killed mid-write leaves no half file under the real name.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Protocol

_KEY = re.compile(r"[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_.-]*)*")
MAX_KEY_CHARS = 300


class FileMissing(Exception):
    """No file is stored under that key."""


class FileStoreUnavailable(Exception):
    """The store could not be reached or written; worth trying again later."""


class FileStore(Protocol):
    """Where media bytes live; the database row keeps the key."""

    name: str

    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store `data` under `key`, replacing any earlier copy (same key, same bytes)."""
        ...

    def get(self, key: str) -> bytes:
        """The bytes under `key`; raises `FileMissing`."""
        ...

    def delete(self, key: str) -> None:
        """Remove `key` if it is there."""
        ...

    def keys_older_than(self, prefix: str, before: datetime, limit: int) -> list[str]:
        """Up to `limit` keys under `prefix` last written before `before`."""
        ...


def check_key(key: str) -> str:
    """`key` if it is one of ours; a ValueError otherwise (never a path from outside)."""
    if len(key) > MAX_KEY_CHARS or not _KEY.fullmatch(key) or ".." in key:
        raise ValueError("not a file store key")
    return key


class DirectoryStore:
    """Files in a local directory (default: CONTACT_HUB_HOME/media), readable by the
    service's user only."""

    name = "directory"

    def __init__(self, root: Path) -> None:
        self.root = root

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except OSError as error:
            raise FileStoreUnavailable(f"cannot write the media directory: {error.strerror}") \
                from error

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise FileMissing(key) from None
        except OSError as error:
            raise FileStoreUnavailable(f"cannot read the media directory: {error.strerror}") \
                from error

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def keys_older_than(self, prefix: str, before: datetime, limit: int) -> list[str]:
        folder = self.root / check_key(prefix.rstrip("/"))
        found: list[str] = []
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            return []
        except OSError as error:
            raise FileStoreUnavailable(f"cannot list the media directory: {error.strerror}") \
                from error
        cutoff = before.timestamp()
        for entry in entries:
            if len(found) >= limit:
                break
            key = f"{prefix.rstrip('/')}/{entry.name}"
            if entry.is_file() and _KEY.fullmatch(key) and entry.stat().st_mtime < cutoff:
                found.append(key)
        return found

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

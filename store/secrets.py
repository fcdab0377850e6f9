"""Secrets at rest (OAuth token caches, webcal tokens, service passwords), always encrypted.

The key comes from `RHYTHM_SECRET_KEY` (a Fernet key: `rhythm`'s docs show how to make
one) or, on a single machine, from `secret.key` in the data folder, created on first use
and readable by its owner only. Nothing secret is ever written in plain text.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from scheduler.errors import RhythmError


class SecretError(RhythmError):
    """A secret that cannot be read back: the key changed or the file was tampered with."""


class DataDirError(RhythmError):
    """The data folder cannot hold rhythm's files: it is a file, or cannot be made or written."""


def data_dir() -> Path:
    """Where rhythm keeps its files: `RHYTHM_DATA_DIR`, else the per-user data folder."""
    configured = os.environ.get("RHYTHM_DATA_DIR")
    if configured:
        folder = Path(configured)
    else:
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        folder = Path(base) / "rhythm"
    where = f"the data folder {folder}" + (" (RHYTHM_DATA_DIR)" if configured else "")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DataDirError(f"{where} is a file, not a folder") from None
    except OSError as error:
        raise DataDirError(f"{where} cannot be made ({error.strerror})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        # Found here, not half way through a first start that has already written some files.
        raise DataDirError(f"{where} is not writable by this user")
    return folder


def _fernet() -> Fernet:
    key = os.environ.get("RHYTHM_SECRET_KEY")
    if key:
        return Fernet(key.encode())
    path = data_dir() / "secret.key"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(Fernet.generate_key())
    return Fernet(path.read_bytes().strip())


def encrypt(plain: bytes) -> bytes:
    return _fernet().encrypt(plain)


def decrypt(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(token)
    except InvalidToken as error:
        raise SecretError("a stored secret cannot be decrypted: RHYTHM_SECRET_KEY or "
                          "secret.key changed since it was written; sign in again") from error


def write_secret(path: Path, plain: bytes) -> None:
    """Encrypt to a file only the owner can read, replacing it whole (never half-written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(encrypt(plain))
    os.replace(temporary, path)


def read_secret(path: Path) -> bytes | None:
    return decrypt(path.read_bytes()) if path.exists() else None

"""Writing outputs atomically: a temporary file in the same folder, then a rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import AuditkitError


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write all of ``data`` to ``path`` or nothing: an interrupted run leaves the old file or none."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise AuditkitError(f"cannot write {target}: folder {folder} does not exist")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise AuditkitError(f"cannot write {target}: {exc.strerror or exc} (is the folder writable?)") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except OSError as exc:
        raise AuditkitError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)

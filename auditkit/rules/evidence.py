"""Evidence: present where the item requires it for a compliant answer; files inside the submission's folder,
on disk, and with the sha256 that was recorded."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from ..i18n import _
from ..loader import Path_, printable
from ..model import Item
from .context import Context

EVIDENCE_MAX_BYTES = 1 << 30  # 1 GiB: hashing it took 1.4 s (cached) to 6 s here; a 20 GB sparse file took 74 s


def check(ctx: Context, item: Item, path: Path_, where: str, raw: dict[str, Any], status: str) -> None:
    given = raw.get("evidence")
    entries = given if isinstance(given, list) else []
    if item.evidence == "required" and status == "compliant" and not entries:
        ctx.add(path, "evidence-required", _("{where}: evidence is required for a compliant answer; add evidence: "
                                             "[{{file: …, sha256: …}}] or [{{ref: …}}]").format(where=where), item.id)
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            _file(ctx, item, path + ("evidence", index), where, entry)


def _file(ctx: Context, item: Item, path: Path_, where: str, entry: dict[str, Any]) -> None:
    name = entry["file"]
    shown = printable(name)
    given = entry.get("sha256")
    at = path + ("file",)
    if os.path.isabs(name) or name.startswith("~"):
        ctx.add(at, "evidence-outside", _("{where}: evidence file '{file}' is an absolute path; give a path relative to the "
                                          "submission's folder").format(where=where, file=shown), item.id)
        return
    if "\x00" in name:  # no file system accepts it; resolve() and stat() would raise ValueError
        ctx.add(at, "evidence-not-found", _("{where}: evidence file name contains a NUL character").format(where=where), item.id)
        return
    target = ctx.folder / name
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):
        resolved = target
    if not resolved.is_relative_to(ctx.folder):
        ctx.add(at, "evidence-outside", _("{where}: evidence file '{file}' lies outside the submission's folder ({folder}); "
                                          "copy it into the folder and refer to it there").format(
            where=where, file=shown, folder=ctx.folder), item.id)
        return
    if not _is_file(resolved):
        if isinstance(given, str):
            ctx.add(at, "evidence-missing", _("{where}: evidence file '{file}' is not on disk; only its sha256 is "
                                              "recorded").format(where=where, file=shown), item.id)
        else:
            ctx.add(at, "evidence-not-found", _("{where}: evidence file '{file}' not found next to the submission and no sha256 "
                                                "recorded").format(where=where, file=shown), item.id)
        return
    size = resolved.stat().st_size
    if size > EVIDENCE_MAX_BYTES:
        ctx.add(at, "evidence-too-large", _("{where}: evidence file '{file}' is {size:.1f} GiB; auditkit hashes evidence "
                                            "up to {limit} GiB (a few seconds): refer to a smaller file (an export, a "
                                            "summary) or record it as {{ref: …}}").format(
            where=where, file=shown, size=size / 2**30, limit=EVIDENCE_MAX_BYTES // 2**30), item.id)
        return
    actual = _sha256(ctx, resolved)
    if actual is None:
        ctx.add(at, "evidence-unreadable", _("{where}: evidence file '{file}' cannot be read").format(where=where, file=shown),
                item.id)
    elif given is None:
        ctx.add(at, "evidence-no-hash", _("{where}: evidence file '{file}' has no sha256; add sha256: {sha256}").format(
            where=where, file=shown, sha256=actual), item.id)
    elif isinstance(given, str) and given.lower() != actual:
        ctx.add(path + ("sha256",), "evidence-hash", _("{where}: evidence file '{file}' has sha256 {actual}, not the recorded "
                                                       "{recorded}; the file changed after it was recorded (re-check it and "
                                                       "update the hash)").format(where=where, file=shown, actual=actual,
                                                                                  recorded=given), item.id)


def _is_file(path: Path) -> bool:
    """Path.is_file(), but False for a name the OS refuses (too long, symlink loop, not a folder on the way)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _sha256(ctx: Context, path: Path) -> str | None:
    if path not in ctx.hashes:
        digest = hashlib.sha256()
        try:
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            return None
        ctx.hashes[path] = digest.hexdigest()
    return ctx.hashes[path]

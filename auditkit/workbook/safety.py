"""What is checked before a workbook is opened: size, macros, external links, zip bombs.

A workbook is a zip file. Its central directory states every member's size; Python's zipfile never inflates a
member past its stated size, so refusing a workbook whose stated sizes are too large (in total, or against their
compressed size) stops a zip bomb before a byte of it is inflated.
"""
from __future__ import annotations

import io
import zipfile

from ..errors import InputError, Problem
from ..i18n import _

MAX_BYTES = 32 * 1024 * 1024  # the file itself, as for YAML
MAX_EXPANDED = 256 * 1024 * 1024  # all members inflated: 10x a 1,600-system workbook re-saved by LibreOffice (24 MiB)
MAX_RATIO = 200  # inflated / compressed, per member over 1 MiB (LibreOffice's shared strings reach 60:1)
MAX_MEMBERS = 10_000


def refuse(path: str, code: str, message: str) -> None:
    raise InputError(Problem(path, 1, 1, code, message))


def check_archive(path: str, raw: bytes) -> None:
    """Raise InputError unless ``raw`` is a plain .xlsx workbook of a sane size."""
    if path.lower().endswith((".xlsm", ".xltm")):
        refuse(path, "workbook-macros", _("workbooks with macros (.xlsm) are not accepted: save it as an .xlsx workbook "
                                          "(Excel Workbook) and try again"))
    if len(raw) > MAX_BYTES:
        refuse(path, "too-large", _("file is {size:.1f} MiB; the limit for a workbook is {limit} MiB").format(
            size=len(raw) / 1048576, limit=MAX_BYTES // 1048576))
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        refuse(path, "workbook-corrupt", _("this is an old .xls workbook or a password-protected one: save it as an "
                                           ".xlsx workbook (Excel Workbook) without a password"))
    try:
        members = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        refuse(path, "workbook-corrupt", _("not a readable .xlsx workbook (the file is damaged or is not a workbook): "
                                           "open it in Excel or LibreOffice and save it again as .xlsx"))
    _check_members(path, members)


def _check_members(path: str, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        refuse(path, "workbook-bomb", _("the workbook holds {count} parts; refused as a zip bomb").format(count=len(members)))
    total = 0
    for info in members:
        name = info.filename.lower()
        if name.endswith("vbaproject.bin") or "activex" in name:
            refuse(path, "workbook-macros", _("the workbook contains macros or ActiveX controls: save it as an .xlsx "
                                              "workbook (Excel Workbook) without them"))
        if name.startswith("xl/externallinks/"):
            refuse(path, "workbook-external-link", _("the workbook links to other files (external links): remove "
                                                     "them (Data > Edit Links > Break Link) and save again"))
        total += info.file_size
        if info.file_size > 1048576 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            refuse(path, "workbook-bomb", _("part {name} inflates {ratio}-fold; refused as a zip bomb").format(
                name=info.filename, ratio=info.file_size // max(info.compress_size, 1)))
    if total > MAX_EXPANDED:
        refuse(path, "workbook-bomb", _("the workbook inflates to {size} MiB (limit {limit} MiB); refused as a zip bomb")
               .format(size=total // 1048576, limit=MAX_EXPANDED // 1048576))


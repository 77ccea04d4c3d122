"""`auditkit export`, `auditkit import`, `auditkit init -o FILE.xlsx` and `validate --mark`: files in, files out."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..checklists import Catalog
from ..errors import AuditkitError, InputError, Problem
from ..files import write_atomic
from ..i18n import _
from ..loader import Document, load_file, load_text
from ..model import Checklist


def _loaded(source: str) -> Document:
    doc = load_file(source)
    errors = [p for p in doc.problems if p.level == "error"]
    if errors:
        exc = InputError(errors[0])
        exc.problems = errors  # type: ignore[attr-defined]  # cli.guarded prints every one
        raise exc
    if not isinstance(doc.data, dict):
        raise AuditkitError(_("{path}: not a submission (expected a mapping of keys)").format(path=source))
    return doc


def checklist_of(doc: Document, catalog: Catalog, wanted: str | None = None) -> Checklist:
    """The checklist a submission names; with ``wanted`` (--checklist-version), it must be that one."""
    name, version = doc.data.get("checklist"), doc.data.get("checklist_version")
    found = catalog.find(str(name), str(version))
    if found is None:
        raise AuditkitError(_("{path} names checklist {checklist} version {version}, which is not known; pass its file "
                              "with --checklist FILE").format(path=doc.path, checklist=name, version=version))
    if wanted and wanted not in (found.key, found.version, found.id):
        raise AuditkitError(_("{path} was made for {checklist} {version}, not {wanted}: carry its answers over with "
                              "`auditkit init {wanted} --from {path} -o NEW.yaml`").format(
            path=doc.path, checklist=found.id, version=found.version, wanted=wanted))
    return found


def export_workbook(source: str, output: str, catalog: Catalog, lang: str) -> str:
    """Write the workbook of a submission (YAML, or a workbook: exported again, it gets rows for every site and
    system it now has)."""
    from .write import workbook_bytes

    doc = _loaded(source)
    checklist = checklist_of(doc, catalog)
    write_atomic(output, workbook_bytes(doc.data, checklist, lang))
    return _("wrote {output} ({checklist}; {lang})").format(output=output, checklist=checklist.key, lang=lang)


def import_workbook(source: str, output: str, catalog: Catalog, wanted: str | None = None) -> str:
    """Write a workbook as a submission YAML in init's layout; refuse a workbook whose cells cannot be read
    (formulas, duplicated rows)."""
    from ..skeleton import submission_text

    doc = _loaded(source)
    checklist = checklist_of(doc, catalog, wanted)
    schema_name = f"{checklist.id}-{checklist.version}.schema.json"
    written = _("Written by `auditkit import` from {name}; check it with `auditkit validate`.").format(name=Path(source).name)
    write_atomic(output, submission_text(checklist, doc.data, schema_name, written))
    _schema_beside(Path(output), checklist, schema_name)
    return _("wrote {output} ({checklist})").format(output=output, checklist=checklist.key)


def _schema_beside(output: Path, checklist: Checklist, name: str) -> None:
    """The schema the modeline names, written beside the YAML as init does (never over a file of someone else's)."""
    import json

    from ..schema import submission_schema

    target = output.parent / name
    if not target.exists() or '"urn:auditkit:submission:' in target.read_text(encoding="utf-8", errors="replace")[:400]:
        write_atomic(target, json.dumps(submission_schema(checklist), ensure_ascii=False, indent=2) + "\n")


def skeleton_workbook(text: str, output: str, checklist: Checklist, lang: str) -> None:
    """`init -o FILE.xlsx`: the skeleton init would write, as a workbook."""
    from .write import workbook_bytes

    doc = load_text(output, text)
    write_atomic(output, workbook_bytes(doc.data, checklist, lang))


def mark_workbook(source: str, output: str, problems: list[Problem]) -> int:
    """A copy of a workbook with every cell that has a problem filled (red for errors, yellow for warnings) and
    the messages as the cell's comment; returns how many cells were marked."""
    import io

    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    book = load_workbook(source)
    fills = {"error": PatternFill("solid", fgColor="FFC7CE"), "warning": PatternFill("solid", fgColor="FFEB9C")}
    notes: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        if problem.sheet is not None and problem.sheet in book.sheetnames and problem.cell:
            notes.setdefault((problem.sheet, problem.cell), []).append(problem)
    for (sheet, cell), found in notes.items():
        target: Any = book[sheet][cell]
        target.fill = fills["error" if any(p.level == "error" for p in found) else "warning"]
        text = "\n".join(f"[{p.level}] {p.message} ({p.code})" for p in found)
        target.comment = Comment(text[:30000], "auditkit", width=400, height=160)
    out = io.BytesIO()
    book.save(out)
    write_atomic(output, out.getvalue())
    return len(notes)


def init_workbook(options: Any, catalog: Catalog, lang: str) -> str:
    """`init … -o FILE.xlsx`: the skeleton (carried over with --from like the YAML one) as a workbook in ``lang``."""
    from ..skeleton import skeleton_text

    output = Path(options.output)
    if output.exists() and not options.force:
        raise AuditkitError(_("{output} exists; choose another -o or add --force to overwrite it").format(output=output))
    text = skeleton_text(options, catalog, f"{options.checklist.id}-{options.checklist.version}.schema.json").text
    skeleton_workbook(text, str(output), options.checklist, lang)
    return _("wrote {output} ({checklist})").format(output=output, checklist=options.checklist.key)

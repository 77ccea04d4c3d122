"""What auditkit adds to WeasyPrint's PDF before it is written (WeasyPrint's ``finisher`` hook, so the bytes stay
reproducible and the file is written once):

- the associated-files array ``/AF`` lists each embedded file once (WeasyPrint 70 lists the source twice);
- running headers and footers (page margin boxes) are marked as pagination artifacts: WeasyPrint 70 tags them as
  content that belongs to no structure element, which a screen reader cannot place and a PDF/UA checker rejects;
- one empty signature field per role (작성·검토·승인) on that role's box in the 결재란, so that ``auditkit sign``
  puts each signature in its box; in a tagged PDF each field is a ``Form`` structure element inside its table cell.

The fields are found by the ``data-signature`` attribute of the sign-off table's cells (see report.html).
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

SIGN_ROLES = ("preparer", "reviewer", "approver")
FIELD_ATTRIBUTE = "data-signature"
PX_TO_PT = 0.75  # 72 PDF points per inch / 96 CSS pixels per inch


def finisher(labels: Mapping[str, str]) -> Any:
    """A WeasyPrint finisher; ``labels`` names each role's field for screen readers (its /TU), in the report's
    language."""
    def finish(document: Any, pdf: Any) -> None:
        dedupe_associated_files(pdf)
        tagged = "StructTreeRoot" in pdf.catalog
        fields = []
        for number, page in enumerate(document.pages):
            for box in _cells(page._page_box):
                if box.element_tag == "th" and tagged:
                    _scope(box)
                elif box.element_tag == "td" and box.element.get(FIELD_ATTRIBUTE) in SIGN_ROLES:
                    fields.append((number, box.element.get(FIELD_ATTRIBUTE), box))
        if tagged:
            margin_content_as_artifacts(pdf)
        add_signature_fields(document, pdf, fields, labels)
    return finish


def _cells(box: Any) -> Iterator[Any]:
    """The table cells under a box (not looking into lines of text, where no cell can be)."""
    from weasyprint.formatting_structure import boxes

    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.TableCellBox):
            if child.element is not None:
                yield child
        elif isinstance(child, boxes.ParentBox) and not isinstance(child, boxes.LineBox):
            yield from _cells(child)


def _scope(cell: Any) -> None:
    """/Scope of a header cell from its HTML ``scope`` (WeasyPrint 70 writes /Headers on data cells only)."""
    mark = getattr(cell, "mark", None)
    if mark is not None and "A" in mark:
        mark["A"]["Scope"] = "/Row" if cell.element.get("scope") == "row" else "/Column"


def _object(pdf: Any, reference: Any) -> Any:
    """The pydyf object a reference (``b'12 0 R'``) points to."""
    text = reference.decode() if isinstance(reference, bytes) else str(reference)
    return pdf.objects[int(text.split()[0])]


def dedupe_associated_files(pdf: Any) -> None:
    files = pdf.catalog.get("AF")
    if files:
        unique = list(dict.fromkeys(files))
        files[:] = unique


def _reachable(pdf: Any) -> set[int]:
    """Object numbers of the structure elements reachable from the structure tree's root."""
    root = _object(pdf, pdf.catalog["StructTreeRoot"])
    seen: set[int] = set()
    stack = list(root["K"])
    while stack:
        kid = stack.pop()
        if not isinstance(kid, (bytes, str)):
            continue  # an MCID
        element = _object(pdf, kid)
        if element.number in seen or not hasattr(element, "get"):
            continue
        seen.add(element.number)
        stack.extend(element.get("K", ()))
    return seen


def margin_content_as_artifacts(pdf: Any) -> None:
    """Turn marked content that belongs to no reachable structure element (WeasyPrint's page margin boxes) into
    ``/Artifact <</Type /Pagination>>`` and drop it from the parent tree."""
    import pydyf

    root = _object(pdf, pdf.catalog["StructTreeRoot"])
    numbers = _object(pdf, root["ParentTree"])["Nums"]
    reachable = _reachable(pdf)
    pages = pdf.pages["Kids"][::3]
    for index in range(0, len(numbers), 2):
        key, value = numbers[index], numbers[index + 1]
        if not isinstance(value, list) or key >= len(pages):
            continue
        orphans = {mcid for mcid, ref in enumerate(value) if _object(pdf, ref).number not in reachable}
        if not orphans:
            continue
        for mcid in orphans:
            value[mcid] = "null"
        stream = _object(pdf, pdf.objects[pages[key]]["Contents"]).stream
        for position, item in enumerate(stream):
            if isinstance(item, pydyf.Dictionary) and item.get("MCID") in orphans:
                stream[position - 1] = "/Artifact"
                stream[position] = pydyf.Dictionary({"Type": "/Pagination"})


def add_signature_fields(document: Any, pdf: Any, cells: list[tuple[int, str, Any]], labels: Mapping[str, str]) -> None:
    """An empty, printable signature field per role, its widget on the role's cell (inset by 1 pt)."""
    import pydyf

    fields = pydyf.Array()
    for number, role, box in cells:
        page = pdf.objects[pdf.pages["Kids"][3 * number]]
        height = document.pages[number].height * PX_TO_PT
        x0, y0 = box.border_box_x() * PX_TO_PT, box.border_box_y() * PX_TO_PT
        x1, y1 = x0 + box.border_width() * PX_TO_PT, y0 + box.border_height() * PX_TO_PT
        rect = pydyf.Array([round(x0 + 1, 2), round(height - y1 + 1, 2), round(x1 - 1, 2), round(height - y0 - 1, 2)])
        blank = pydyf.Stream([], pydyf.Dictionary({"Type": "/XObject", "Subtype": "/Form",
                                                    "BBox": pydyf.Array([0, 0, round(rect[2] - rect[0], 2),
                                                                         round(rect[3] - rect[1], 2)])}))
        pdf.add_object(blank)
        widget = pydyf.Dictionary({
            "Type": "/Annot", "Subtype": "/Widget", "FT": "/Sig", "T": pydyf.String(role),
            "TU": pydyf.String(labels.get(role, role)), "F": 4, "Rect": rect, "P": page.reference,
            "AP": pydyf.Dictionary({"N": blank.reference})})
        pdf.add_object(widget)
        page.setdefault("Annots", pydyf.Array()).append(widget.reference)
        fields.append(widget.reference)
        mark = getattr(box, "mark", None)
        if mark is not None and "StructTreeRoot" in pdf.catalog:
            _tag_widget(pdf, mark, widget, page)
    if fields:
        pdf.catalog["AcroForm"] = pydyf.Dictionary({"Fields": fields})


def _tag_widget(pdf: Any, cell: Any, widget: Any, page: Any) -> None:
    """A ``Form`` structure element in the cell's structure element, pointing at the widget (PDF/UA 7.18.4)."""
    import pydyf

    reference = pydyf.Dictionary({"Type": "/OBJR", "Obj": widget.reference, "Pg": page.reference})
    pdf.add_object(reference)
    # /K is the OBJR itself, not an array holding it: pyHanko's diff analysis accepts a signature that fills a field
    # reached from the structure tree only by the path StructTreeRoot … /K /Obj
    form = pydyf.Dictionary({"Type": "/StructElem", "S": "/Form", "K": reference.reference,
                             "Pg": page.reference, "P": cell.reference})
    pdf.add_object(form)
    cell["K"].append(form.reference)
    numbers = _object(pdf, _object(pdf, pdf.catalog["StructTreeRoot"])["ParentTree"])["Nums"]
    key = max(numbers[::2]) + 1 if numbers else 0
    numbers.extend([key, form.reference])
    widget["StructParent"] = key

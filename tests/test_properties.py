"""Property-based tests: whatever a submission file holds, validation answers with placed problems.

Submissions are generated from the valid mini submission by mutating its data (keys dropped, renamed or
added, values replaced by other types, random text, numbers, NaN, None, lists and mappings), written as
YAML in block or flow style, then damaged as text (lines duplicated — so keys are duplicated —, deleted,
re-indented, random characters inserted). For each one:

- `validate_file` never raises and returns within a generous bound;
- every problem (also for any evidence file name: NUL bytes, 5,000 characters, `..`) has a line between 1
  and the number of lines of the file, and a column >= 1, and its message is one line of reasonable length
  (keys and values are quoted escaped and cut short);
- the text and JSON output of the result can be formatted, and a submission that was built can be scored
  and rendered as a draft report's HTML (as `report --draft` does).

Random bytes and random YAML-like text never make the loader raise anything but InputError.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, MINI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditkit.checklists import load_catalog
from auditkit.errors import InputError
from auditkit.loader import load_file, load_text
from auditkit.output import validation_json, validation_text
from auditkit.validate import validate_file

BASE = load_file(DATA / "mini-valid.yaml").data
CATALOG = load_catalog([MINI])
TODAY = dt.date(2026, 12, 1)
BOUND = 5.0  # seconds per validation: generous, machines are noisy
# 300 examples per property keep this file near 10 s; AUDITKIT_PROPERTY_EXAMPLES=3000 searches deeper.
EXAMPLES = int(os.environ.get("AUDITKIT_PROPERTY_EXAMPLES", "300"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words that the checklist and the rules care about, so that mutations land on meaningful values.
KNOWN = ["checklist", "checklist_version", "period", "as_of", "institution", "people", "prepared_by", "approved_by",
         "sites", "systems", "answers", "status", "value", "owner", "evidence", "comment", "remediation", "action",
         "due", "file", "sha256", "ref", "id", "name", "kind", "battery", "grade", "site", "dr_site", "deputy",
         "BKP-01", "BKP-08", "BKP-04", "BAT-12", "BAT-06", "ACC-05", "CORE", "WEB", "HQ", "DR", "kim", "lee",
         "compliant", "partial", "non_compliant", "not_applicable", "never", "2026-02-30", "2026-10-15", "2999-01-01",
         "../outside.txt", "/etc/passwd", "evidence/x.pdf", "yes", "0777", ".nan", "-.inf", "1e999", "9" * 40,
         "mini-check", "1.0", "li-ion", "vrla", "separate-fire-rated-room", "x-note"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-10**40, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30), st.sampled_from(KNOWN),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)).map(str))
keys = st.one_of(st.sampled_from(KNOWN), st.text(min_size=1, max_size=12))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(keys, inner, max_size=4)), max_leaves=10)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into the data, the root included."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, prefix + (index,))


def get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def mutate(draw: Any, data: Any) -> Any:
    """One structural change at a random place."""
    path = draw(st.sampled_from(list(paths(data))))
    if not path:
        return draw(values) if draw(st.integers(0, 9)) == 0 else data
    parent, last = get(data, path[:-1]), path[-1]
    kind = draw(st.sampled_from(["drop", "replace", "rename", "insert", "swap"]))
    if kind == "drop":
        del parent[last]
    elif kind == "replace":
        parent[last] = draw(values)
    elif kind == "swap":  # the same value in another type's clothes
        value = parent[last]
        parent[last] = draw(st.sampled_from([[value], {"value": value}, str(value), None, 0, float("nan")]))
    elif kind == "rename" and isinstance(parent, dict):
        parent[draw(keys)] = parent.pop(last)
    elif kind == "insert" and isinstance(parent, dict):
        parent[draw(keys)] = draw(values)
    elif kind == "insert" and isinstance(parent, list):
        parent.insert(draw(st.integers(0, len(parent))), draw(values))
    return data


def damage(draw: Any, text: str) -> str:
    """One change to the text: duplicate, delete or re-indent a line, or insert random characters."""
    lines = text.split("\n")
    index = draw(st.integers(0, len(lines) - 1))
    kind = draw(st.sampled_from(["duplicate", "delete", "indent", "insert"]))
    if kind == "duplicate":  # duplicate keys, in text form
        lines.insert(index, lines[index])
    elif kind == "delete":
        del lines[index]
    elif kind == "indent":
        lines[index] = " " * draw(st.integers(0, 8)) + lines[index].lstrip(" ")
    else:
        column = draw(st.integers(0, len(lines[index])))
        lines[index] = lines[index][:column] + draw(st.text(max_size=8)) + lines[index][column:]
    return "\n".join(lines)


@st.composite
def submissions(draw: Any) -> str:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(0, 6))):
        data = mutate(draw, data)
    style = draw(st.sampled_from([False, None, True]))
    width = draw(st.sampled_from([80, 10**6]))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=style, width=width)
    for _ in range(draw(st.integers(0, 3))):
        text = damage(draw, text)
    return text


def line_count(text: str) -> int:
    """Lines as an editor numbers them (LF, CRLF or CR end a line); a final line break starts an empty line."""
    return len(re.split(r"\r\n|\r|\n", text))


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def check(path: Path, lines: int) -> None:
    started = time.monotonic()
    result = validate_file(str(path), CATALOG, today=TODAY)
    assert time.monotonic() - started < BOUND
    for problem in result.problems:
        assert 1 <= problem.line <= lines, problem
        assert problem.column >= 1, problem
        assert problem.path == str(path) and problem.level in ("error", "warning"), problem
        assert "\n" not in problem.message and "\r" not in problem.message, problem  # file:line:col: message, one line
        assert len(problem.message) < 1000, problem
    json.loads(validation_json([result]))
    validation_text([result])
    if result.checklist is not None and result.submission is not None:  # what `report --draft` renders
        from auditkit.pipeline import score as readiness_of
        from auditkit.render import render_report_html

        render_report_html(readiness_of(result), "en", result.errors)


@SETTINGS
@given(text=submissions())
def test_mutated_submissions_get_placed_problems(folder: Path, text: str) -> None:
    path = folder / "sub.yaml"
    path.write_text(text, encoding="utf-8")
    check(path, line_count(text))


@SETTINGS
@given(data=st.binary(max_size=3000))
def test_random_bytes_never_crash_the_loader(folder: Path, data: bytes) -> None:
    path = folder / "bytes.yaml"
    path.write_bytes(data)
    try:
        load_file(path)
    except InputError as exc:
        assert 1 <= exc.problem.line <= data.count(b"\n") + data.count(b"\r") + 1 and exc.problem.column >= 1
    check(path, line_count(data.decode("utf-8", "replace")))


FILE_NAMES = st.one_of(st.text(max_size=40), st.text(alphabet=st.sampled_from(list("./~\\:\x00a가 *?")), max_size=300),
                      st.integers(1, 5000).map(lambda n: "a" * n), st.integers(1, 3000).map(lambda n: "a/" * n),
                      st.sampled_from(["..", ".", "/", "~", "~root", "../" * 50 + "etc/passwd", "C:\\x", "file:///etc/passwd"]))


@SETTINGS
@given(name=FILE_NAMES, sha=st.sampled_from([None, "0" * 64]))
def test_any_evidence_file_name_gets_a_placed_answer(folder: Path, name: str, sha: str | None) -> None:
    path = folder / "evidence.yaml"
    entry = {"file": name} if sha is None else {"file": name, "sha256": sha}
    data = copy.deepcopy(BASE)
    data["answers"]["BKP-01"]["evidence"] = [entry]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    check(path, line_count(text))


YAML_CHARACTERS = list("ab:- \n\n\n\t[]{},&*!|>'\"#%@`?~0123456789.가\r\x00\ufeff\u2028\x85\x1b\\")
YAMLISH = st.text(alphabet=st.sampled_from(YAML_CHARACTERS), max_size=300)


@SETTINGS
@given(text=YAMLISH)
def test_yaml_like_text_never_crashes_the_loader(text: str) -> None:
    try:
        doc = load_text("x.yaml", text)
    except InputError as exc:
        assert 1 <= exc.problem.line <= line_count(text) and exc.problem.column >= 1, exc.problem
    else:
        assert all(1 <= line <= line_count(text) and column >= 1 for line, column in doc.positions.values())


JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(
    alphabet=st.sampled_from(list('}{[],: "\\\x1e\x00\n한a')) | st.characters(), max_size=12)
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=30)


@SETTINGS
@given(value=JSON_VALUES)
def test_json_output_is_the_same_json_whatever_the_strings_hold(value: Any) -> None:
    """dumps() cuts the C encoder's output into lines at a control-character marker: no string, however it is
    made ('}, {', the marker itself, quotes, newlines), may change the data or break the JSON."""
    from auditkit.output import dumps

    assert json.loads(dumps(value)) == json.loads(json.dumps(value))


@SETTINGS
@given(records=st.lists(st.dictionaries(st.text(max_size=5), JSON_SCALARS, max_size=4), max_size=6))
def test_a_table_of_records_prints_one_record_per_line(records: list[dict[str, Any]]) -> None:
    from auditkit.output import dumps

    text = dumps({"changes": records})
    assert json.loads(text) == {"changes": json.loads(json.dumps(records))}
    if records:
        lines = text.split("\n")[2:-2]  # not splitlines(): U+0085 and U+2028 are not line breaks in JSON
        assert [json.loads(line.rstrip(",")) for line in lines] == json.loads(json.dumps(records))

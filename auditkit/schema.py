"""JSON Schemas: the submission schema generated per checklist, and schema errors as Problems."""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from . import mistakes
from .errors import Problem
from .i18n import N_, _
from .loader import Document, pointer, printable, resolve_plain
from .model import Checklist, Item
from .vocabulary import BATTERIES, GRADES, NEVER, SITE_KINDS, STATUSES

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_PATTERN = "^[A-Z0-9][A-Z0-9-]*$"
KEY_PATTERN = "^[a-z0-9][a-z0-9._-]*$"
EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+$"
SHA256_PATTERN = "^[0-9a-f]{64}$"
DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date",
        "x-hint": N_("an ISO date such as 2026-10-15")}


def _text(description: str) -> dict[str, Any]:
    return {"type": "object", "required": ["ko"], "additionalProperties": False, "description": description,
            "properties": {"ko": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _common_defs() -> dict[str, Any]:
    person_key = {"type": "string", "pattern": KEY_PATTERN,
                  "x-hint": N_("a key of the people mapping (lower-case, e.g. kim-ms)")}
    return {
        "date": DATE,
        "personKey": person_key,
        "id": {"type": "string", "pattern": ID_PATTERN, "x-hint": N_("upper-case letters, digits and '-', e.g. KIBO-CORE")},
        "person": {
            "type": "object", "required": ["name"], "additionalProperties": False,
            "properties": {"name": {"type": "string", "minLength": 1}, "role": {"type": "string"},
                           "email": {"type": "string", "pattern": EMAIL_PATTERN, "x-hint": N_("an e-mail address")},
                           "phone": {"type": "string", "x-hint": N_("quote phone numbers: \"+82-51-000-0000\"")}}},
        "site": {
            "type": "object", "required": ["id", "name", "kind", "battery"], "additionalProperties": False,
            "properties": {"id": _ref("id"), "name": {"type": "string", "minLength": 1},
                           "kind": {"enum": list(SITE_KINDS)},
                           "battery": {"enum": list(BATTERIES)},
                           "owner": _ref("personKey")}},
        "system": {
            "type": "object", "required": ["id", "name", "grade", "owner", "site"], "additionalProperties": False,
            "properties": {"id": _ref("id"), "name": {"type": "string", "minLength": 1},
                           "grade": {"enum": list(GRADES), "x-hint": N_("1 (most critical) to 4")},
                           "owner": _ref("personKey"), "deputy": _ref("personKey"),
                           "site": _ref("id"), "dr_site": _ref("id")}},
        "evidence": {
            "type": "object", "additionalProperties": False,
            "anyOf": [{"required": ["file"]}, {"required": ["ref"]}],
            "x-message": N_("evidence needs a 'file' (a path relative to the submission, with its sha256) or a 'ref' (document number, URL or note)"),
            "properties": {"file": {"type": "string", "minLength": 1},
                           "sha256": {"type": "string", "pattern": SHA256_PATTERN, "x-hint": N_("64 lower-case hex digits (sha256sum FILE)")},
                           "ref": {"type": "string", "minLength": 1}}},
        "remediation": {
            "type": "object", "required": ["action", "owner", "due"], "additionalProperties": False,
            "properties": {"action": {"type": "string", "minLength": 1}, "owner": _ref("personKey"), "due": _ref("date")}},
    }


def _value_schema(item: Item) -> dict[str, Any] | None:
    spec = item.answer
    if spec.type == "number":
        return {"type": "number", "description": f"unit: {spec.unit}" if spec.unit else "a number"}
    if spec.type == "date":
        return {"anyOf": [_ref("date"), {"const": NEVER}],
                "x-message": N_("value must be an ISO date such as 2026-10-15, or never (the event has never happened)")}
    if spec.type == "choice":
        return {"enum": list(spec.options)}
    if spec.type == "text":
        return {"type": "string"}
    return None


def _answer_schema(item: Item) -> dict[str, Any]:
    props: dict[str, Any] = {"status": {"enum": list(STATUSES)}, "owner": _ref("personKey"),
                             "evidence": {"type": "array", "items": _ref("evidence")},
                             "comment": {"type": "string"}, "remediation": _ref("remediation"),
                             "review": {"type": "string",
                                        "description": "written by `init --from`: why a carried answer needs a look; delete once checked"}}
    value = _value_schema(item)
    if value is not None:
        props["value"] = value
    not_applicable = {"properties": {"status": {"const": "not_applicable"}}, "required": ["status"]}
    failing = {"properties": {"status": {"enum": ["partial", "non_compliant"]}}, "required": ["status"]}
    rules: list[dict[str, Any]] = [{"if": failing, "then": {"required": ["remediation"]}}]
    if item.answer.computed:
        rules.append({"if": not_applicable, "then": {"required": ["comment"]}, "else": {"required": ["value"]}})
        required: list[str] = []
    else:
        rules.append({"if": not_applicable, "then": {"required": ["comment"]}})
        required = ["status"] + (["value"] if item.answer.type == "text" else [])
    schema: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": props, "allOf": rules}
    if required:
        schema["required"] = required
    return schema


def _item_schema(item: Item) -> dict[str, Any]:
    described = {"description": f"{item.id} {item.title.ko} / {item.title.get('en')}: {item.requirement.get('en')}"}
    if item.scope == "institution":
        return {**described, **_ref(f"answer-{item.id}")}
    key = "sites" if item.scope == "site" else "systems"
    return {**described, "type": "object", "required": [key], "additionalProperties": False,
            "properties": {key: {"type": "object", "propertyNames": _ref("id"),
                                 "additionalProperties": _ref(f"answer-{item.id}")}}}


def submission_schema(checklist: Checklist) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of a submission for one checklist version."""
    defs = _common_defs()
    for item in checklist.items.values():
        defs[f"answer-{item.id}"] = _answer_schema(item)
    return {
        "$schema": DRAFT,
        "$id": f"urn:auditkit:submission:{checklist.id}:{checklist.version}",
        "title": f"auditkit submission for {checklist.id} {checklist.version}",
        "description": f"{checklist.title.ko} / {checklist.title.get('en')}",
        "type": "object",
        "required": ["checklist", "checklist_version", "period", "as_of", "institution", "people", "prepared_by",
                     "sites", "systems", "answers"],
        "additionalProperties": False,
        "patternProperties": {"^x-": {}},
        "properties": {
            "checklist": {"const": checklist.id},
            "checklist_version": {"const": checklist.version},
            "period": {"type": "integer", "minimum": 2000, "maximum": 2100, "x-hint": N_("the audit year, e.g. 2026")},
            "as_of": _ref("date"),
            "classification": {"type": "string"},
            "institution": {"type": "object", "required": ["code", "name"], "additionalProperties": False,
                            "properties": {"code": _ref("id"), "name": _text("institution name")}},
            "people": {"type": "object", "minProperties": 1, "propertyNames": _ref("personKey"),
                       "additionalProperties": _ref("person")},
            "prepared_by": _ref("personKey"),
            "approved_by": {"type": "object", "required": ["person", "date"], "additionalProperties": False,
                            "properties": {"person": _ref("personKey"), "date": _ref("date")}},
            "sites": {"type": "array", "items": _ref("site")},
            "systems": {"type": "array", "items": _ref("system")},
            "answers": {"type": "object", "additionalProperties": False,
                        "properties": {item.id: _item_schema(item) for item in checklist.items.values()}},
        },
        "$defs": defs,
    }


_VALIDATORS: dict[str, Any] = {}


def _validator(key: str, schema: Callable[[], dict[str, Any]]) -> Any:
    if key not in _VALIDATORS:
        import jsonschema

        strict = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _whole_pattern})
        _VALIDATORS[key] = strict(schema(), format_checker=jsonschema.FormatChecker())
    return _VALIDATORS[key]


def _whole_pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
    r""""pattern" as ECMA-262 (and jsonschema-rs) reads it: `$` is the end of the text. Python's `$` also matches
    before a final line break, so `code: "TEST\n"` would pass `^[A-Z0-9][A-Z0-9-]*$`; here `$` becomes `\Z`."""
    if validator.is_type(instance, "string") and not python_pattern(pattern).search(instance):
        from jsonschema import ValidationError

        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def python_pattern(pattern: str) -> re.Pattern[str]:
    """A schema pattern compiled for Python with ECMA's `$` (end of text, not before a final line break)."""
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def submission_problems(doc: Document, checklist: Checklist) -> list[Problem]:
    """Schema errors of a submission against its checklist's generated schema."""
    return schema_problems(doc, f"{checklist.key}|{checklist.path}", lambda: submission_schema(checklist))


def prepare_validators(checklist: Checklist) -> None:
    """Compile both validators of a checklist's submission schema now (a batch does it once, in the parent, so that
    the children it forks start with them instead of compiling them again per file)."""
    key, schema = f"{checklist.key}|{checklist.path}", lambda: submission_schema(checklist)
    _fast_valid(key, schema, None)
    _validator(key, schema)


_FAST: dict[str, Any] = {}


def _fast_valid(key: str, schema: Callable[[], dict[str, Any]], data: Any) -> bool:
    """jsonschema-rs's verdict (same Draft 2020-12 semantics, ~50x faster); False when it is not installed."""
    if key not in _FAST:
        try:
            import jsonschema_rs
        except ImportError:  # pragma: no cover - a platform without a wheel: the Python validator decides alone
            _FAST[key] = None
        else:
            _FAST[key] = jsonschema_rs.validator_for(schema(), validate_formats=True)
    return _FAST[key] is not None and _FAST[key].is_valid(data)


def schema_problems(doc: Document, key: str, schema: Callable[[], dict[str, Any]]) -> list[Problem]:
    """Every schema error of a document, as Problems placed on its lines.

    A valid document is recognised by jsonschema-rs; only an invalid one is walked by the Python
    validator, whose error details give the messages."""
    if _fast_valid(key, schema, doc.data):
        return []
    problems: list[Problem] = []
    for error in _validator(key, schema).iter_errors(doc.data):
        problems.extend(p for p in _translate(doc, error) if p not in problems)  # a date's pattern and format: once
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def _translate(doc: Document, error: Any) -> list[Problem]:
    path = tuple(error.absolute_path)
    item = str(path[1]) if len(path) > 1 and path[0] == "answers" else None
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        return [_unknown_key(doc, path, key, error) for key in _extra_keys(error)]
    message, code = _message(error)
    at = path + (error.instance,) if "propertyNames" in error.absolute_schema_path and isinstance(error.instance, str) else path
    line, column = doc.where(at)  # a bad key is reported on its own line, not on its mapping's
    return [Problem(doc.path, line, column, code, f"{_where_words(path, doc.data)}{message}", item=item, pointer=pointer(at))]


def _extra_keys(error: Any) -> list[str]:
    known = set(error.schema.get("properties", {}))
    patterns = list(error.schema.get("patternProperties", {}))
    return [k for k in error.instance if k not in known and not any(re.search(p, k) for p in patterns)]


def _unknown_key(doc: Document, path: tuple[Any, ...], key: str, error: Any) -> Problem:
    known = list(error.schema.get("properties", {}))
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = "; " + _("did you mean '{key}'?").format(key=close[0]) if close else ""
    item: str | None
    if path == ("answers",):
        same = mistakes.normalised_id(key, known)  # RED-5 for RED-05: say so, and never suggest RED-15
        message = (mistakes.id_message(printable(key), same) if same else
                   _("unknown item id '{key}': the checklist has no such item{hint}").format(key=printable(key), hint=hint))
        code, item = ("item-id-format", same) if same else ("unknown-item", key)
    else:
        item = str(path[1]) if len(path) > 1 and path[0] == "answers" else None
        allowed = hint or " (" + _("allowed: {keys}").format(keys=", ".join(known)) + ")"
        message = _where_words(path, doc.data) + _("unknown key '{key}'{hint}").format(key=printable(key), hint=allowed)
        if key == "value" and "value" not in known and item:
            message = _("{item} is answered with a status ({statuses}), not a value").format(item=item, statuses=", ".join(STATUSES))
        code = "unknown-key"
    line, column = doc.where(path + (key,))
    return Problem(doc.path, line, column, code, message, item=item, pointer=pointer(path + (key,)))


def _where_words(path: tuple[Any, ...], data: Any) -> str:
    """'BKP-08 / KIBO-WEB: ' for answers, 'system KIBO-WEB: ' in systems, '' elsewhere."""
    if len(path) >= 2 and path[0] == "answers":
        target = f" / {printable(str(path[3]))}" if len(path) >= 4 and path[2] in ("sites", "systems") else ""
        return f"{path[1]}{target}: "
    if len(path) >= 3 and path[0] in ("sites", "systems") and isinstance(path[1], int):
        entry = data[path[0]][path[1]] if isinstance(data, dict) else None
        ident = entry.get("id") if isinstance(entry, dict) else None
        word = _("site") if path[0] == "sites" else _("system")
        return f"{word} {printable(ident) if isinstance(ident, str) else '#' + str(path[1] + 1)}: "
    return ""


def _show(value: Any) -> str:
    if value is None or value == "":
        return _("(empty)")
    text = repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _number_hint(text: str) -> str:
    """Why text that should be a number is text: quotes, or a value the loader does not take as a number."""
    if not isinstance(resolve_plain(text), str):
        return " " + _("(numbers are written without quotes)")
    if re.fullmatch(r"[-+]?\.(nan|NaN|NAN|inf|Inf|INF)", text):
        return " " + _("(.nan and .inf are not numbers an audit can use: give a finite number)")
    if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?", text):
        return " " + _("(numbers of more than 18 digits, beyond the float range or with a leading zero are not taken as numbers)")
    return ""


_TYPE_WORDS = {"object": N_("a mapping (key: value)"), "array": N_("a list"), "string": N_("text"), "number": N_("a number"),
               "integer": N_("a whole number"), "boolean": N_("true or false")}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return _("true/false")
    if value is None:
        return _("an empty value")
    return _({dict: N_("a mapping"), list: N_("a list"), str: N_("text"), int: N_("a number"),
              float: N_("a number")}.get(type(value), N_("a value")))


# enum codes by the field they are about; the field's last key decides
_ENUM_CODES = {"status": "status-unknown", "kind": "site-kind-unknown", "battery": "battery-unknown", "grade": "grade-unknown",
               "value": "value-not-an-option", "checklist": "checklist-mismatch", "checklist_version": "checklist-mismatch"}
_REQUIRED_CODES = {"remediation": "remediation-required"}


def _message(error: Any) -> tuple[str, str]:
    """The message of a schema error and its specific code, from the keyword and where in the format it is."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = _(schema["x-hint"]) if "x-hint" in schema else ""
    name = printable(str(error.absolute_path[-1])) if error.absolute_path else _("file")
    keyword = error.validator
    mistake = mistakes.schema_mistake(keyword, schema, error.instance, name)
    if mistake is not None:
        return mistake
    if keyword in ("anyOf", "format") and isinstance(error.instance, str) and re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", error.instance):
        return _("'{name}' {value} is not a real date").format(name=name, value=_show(error.instance)), "date-invalid"
    if "x-message" in schema and keyword in ("anyOf", "oneOf"):
        return _(schema["x-message"]), "evidence-form" if "file" in schema.get("properties", {}) else "date-format"
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        extra = _(_REQUIRED_HINTS[missing]) if missing in _REQUIRED_HINTS else ""
        return (_("missing required key '{key}'").format(key=missing) + (" " + extra if extra else ""),
                _REQUIRED_CODES.get(missing, "key-required"))
    if keyword == "type":
        return _type_message(error, name)
    if keyword in ("enum", "const"):
        return _enum_message(error, name)
    if keyword == "pattern":
        return (_("'{name}' {value} has the wrong form").format(name=name, value=_show(error.instance)) + (f": {hint}" if hint else ""),
                _pattern_code(error))
    if keyword == "propertyNames":
        return _("{value} is not a valid key here").format(value=_show(error.instance)), "wrong-format"
    if keyword in ("minLength", "minProperties", "minItems"):
        return _("'{name}': value is empty").format(name=name), "empty-value"
    if keyword in ("minimum", "maximum"):
        return (_("'{name}' {value} is out of range ({low} to {high})").format(
            name=name, value=_show(error.instance), low=schema.get("minimum", "…"), high=schema.get("maximum", "…"))
            + (f": {hint}" if hint else ""), "value-out-of-range")
    return _("'{name}': {detail}").format(name=name, detail=error.message), "schema"


def _type_message(error: Any, name: str) -> tuple[str, str]:
    wanted = error.validator_value
    words = _(_TYPE_WORDS[wanted]) if isinstance(wanted, str) and wanted in _TYPE_WORDS else str(wanted)
    extra = _number_hint(error.instance) if wanted in ("number", "integer") and isinstance(error.instance, str) else ""
    if error.instance is None:
        return _("'{name}': value is empty; write {words}").format(name=name, words=words), "empty-value"
    return _("'{name}' must be {words}, not {kind} {value}{extra}").format(
        name=name, words=words, kind=_kind(error.instance), value=_show(error.instance), extra=extra), "wrong-type"


def _enum_message(error: Any, name: str) -> tuple[str, str]:
    allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
    close = difflib.get_close_matches(str(error.instance), [str(a) for a in allowed], n=1, cutoff=0.6)
    hint_text = "; " + _("did you mean '{key}'?").format(key=close[0]) if close else ""
    field = str(error.absolute_path[-1]) if error.absolute_path else ""
    code = _ENUM_CODES.get(field, "value-not-allowed")
    if error.instance is None:
        return _("'{name}': value is empty; allowed: {allowed}").format(name=name, allowed=", ".join(map(str, allowed))), "empty-value"
    return _("'{name}' is {value}; allowed: {allowed}{hint}").format(
        name=name, value=_show(error.instance), allowed=", ".join(str(a) for a in allowed), hint=hint_text), code


def _pattern_code(error: Any) -> str:
    """The code of a pattern error, from the pattern itself (each pattern of the format has its own code)."""
    return {DATE["pattern"]: "date-format", ID_PATTERN: "id-format", KEY_PATTERN: "person-key-format",
            EMAIL_PATTERN: "email-format", SHA256_PATTERN: "sha256-format"}.get(error.validator_value, "wrong-format")


_REQUIRED_HINTS = {
    "remediation": N_("(a failing answer needs remediation: {action, owner, due})"),
    "comment": N_("(not_applicable needs a comment saying why)"),
    "value": N_("(this item is answered with a value; the status is computed from it)"),
    "status": N_("(compliant, partial, non_compliant or not_applicable)"),
    "as_of": N_("(the date the answers describe, e.g. 2026-10-15)"),
}

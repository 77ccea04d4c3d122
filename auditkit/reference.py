"""The format reference, docs/format.ko.md and docs/format.en.md, generated so that it cannot drift.

Which fields exist, which are required and what form each takes come from the JSON schemas (the submission
schema that auditkit generates, the checklist schema it ships); the allowed words, their Korean and English terms
and the scoring defaults come from the vocabulary. Only what a field means is written here, once per field in
both languages, and generating fails on a field without a meaning or a meaning without a field. A test compares
the committed pages with what this module writes: `./dev.sh docs` writes them again.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import vocabulary
from .checklists import checklist_schema, load_catalog
from .i18n import N_, _, using
from .schema import submission_schema

Words = tuple[str, str]  # (ko, en)
LANGS = ("ko", "en")

# What each field means, per schema object: (Korean, English). The keys must be exactly the schema's properties.
MEANINGS: dict[str, dict[str, Words]] = {
    "submission": {
        "checklist": ("점검표 ID. 뼈대에 들어 있으므로 고치지 않는다.", "The checklist's id; the skeleton has it."),
        "checklist_version": ("점검표의 판. 따옴표로 감싼다 (\"2026.1\").", "The checklist's version, quoted (\"2026.1\")."),
        "period": ("점검 연도.", "The audit year."),
        "as_of": ("답변이 가리키는 기준일. 날짜 기준은 이 날에 판정하며, 오늘보다 뒤일 수 없다.",
                  "The date the answers describe; date rules are judged at it; not in the future."),
        "classification": ("보고서의 모든 쪽에 찍히는 취급 표시 (예: 대외비).",
                           "A handling marking printed on every report page (e.g. 대외비)."),
        "institution": ("기관.", "The institution."),
        "people": ("이 파일에 나오는 모든 사람. 키로 가리킨다.", "Everyone the file names, by key."),
        "prepared_by": ("작성자 (people의 키).", "Who prepared the file (a key of people)."),
        "approved_by": ("결재자와 결재일. 없으면 보고서에 초안 표시가 찍힌다.",
                        "Who signed off, and when; without it a report is marked DRAFT."),
        "sites": ("시설 목록: 자체 전산실, 국가정보자원관리원, 코로케이션, 클라우드.",
                  "The facilities: own server rooms, NIRS, colocation, cloud."),
        "systems": ("정보시스템 목록.", "The information systems."),
        "answers": ("점검 항목 ID별 답변.", "The answers, by checklist item id."),
    },
    "institution": {
        "code": ("기관 코드 (영문 대문자).", "The institution's code (upper case)."),
        "name": ("기관 이름.", "The institution's name."),
    },
    "person": {
        "name": ("이름.", "Name."), "role": ("직위·부서.", "Role or department."),
        "email": ("전자우편 주소.", "E-mail address."), "phone": ("전화번호 (따옴표로 감싼다).", "Phone number (quoted)."),
    },
    "approval": {"person": ("결재자 (people의 키).", "Who signed off (a key of people)."), "date": ("결재일.", "When.")},
    "site": {
        "id": ("시설 ID. 파일 안에서 겹치지 않는다.", "The site's id, unique in the file."),
        "name": ("시설 이름.", "The site's name."), "kind": ("시설 유형.", "The kind of facility."),
        "battery": ("UPS 축전지 종류 (우리가 관리하지 않으면 none).", "The UPS battery chemistry (none when not ours)."),
        "owner": ("시설 책임자 (people의 키).", "The facility's owner (a key of people)."),
    },
    "system": {
        "id": ("시스템 ID. 파일 안에서 겹치지 않는다.", "The system's id, unique in the file."),
        "name": ("시스템 이름.", "The system's name."),
        "grade": ("공공부문 정보시스템 등급: 1이 가장 중요.", "The public-sector system grade: 1 is the most critical."),
        "owner": ("책임자 (people의 키).", "The accountable owner (a key of people)."),
        "deputy": ("대리자 (people의 키). 1·2등급에는 있어야 한다.", "The deputy (a key of people); expected for grades 1–2."),
        "site": ("주 시설 (sites의 ID).", "The primary site (an id of sites)."),
        "dr_site": ("재해복구 시설 (sites의 ID). 없으면 쓰지 않는다. site와 같으면 오류.",
                    "The disaster-recovery site (an id of sites); leave out if none; equal to site is an error."),
    },
    "answer": {
        "status": ("상태. 값으로 답하는 항목은 계산되므로 쓰지 않아도 된다.",
                   "The status; computed for items answered with a value."),
        "value": ("값: 항목의 답변 형식에 따른 수치, 날짜, 선택지 또는 글.",
                  "The value: a number, date, choice or text, per the item's answer type."),
        "owner": ("이 답변의 책임자 (people의 키).", "Who is accountable for this answer (a key of people)."),
        "evidence": ("증적 목록.", "The evidence."), "comment": ("설명. not_applicable에는 필수.", "A note; required for not_applicable."),
        "remediation": ("개선조치. partial, non_compliant에는 필수.", "The remediation; required for partial and non_compliant."),
        "review": ("init --from이 쓴 검토 표시. 확인한 뒤 지운다.", "Written by init --from: what to check; delete once checked."),
    },
    "evidence": {
        "file": ("제출 자료 폴더 안의 파일 경로.", "A file inside the submission's folder."),
        "sha256": ("그 파일의 SHA-256 (sha256sum 파일).", "The file's SHA-256 (sha256sum FILE)."),
        "ref": ("문서번호, URL, 보관 위치 같은 참조.", "A document number, URL or where it is kept."),
    },
    "remediation": {
        "action": ("조치 내용.", "What will be done."), "owner": ("조치 책임자 (people의 키).", "Who does it (a key of people)."),
        "due": ("기한.", "By when."),
    },
    "checklist": {
        "checklist": ("점검표 ID.", "The checklist's id."), "version": ("판.", "The version."),
        "title": ("제목.", "The title."), "supersedes": ("이 판이 대체하는 판.", "The version this one replaces."),
        "published": ("발행일.", "Publication date."), "authority": ("발행 기관.", "The issuing authority."),
        "scoring": ("점수 계산 설정 (생략하면 기본값).", "Scoring settings (defaults when left out)."),
        "sections": ("영역 목록.", "The sections."),
        "dropped": ("이전 판의 항목 가운데 이어받는 항목 없이 뺀 것과 그 까닭.",
                    "Items of the superseded version with no successor here, and why they were dropped."),
    },
    "dropped": {"id": ("뺀 항목의 ID.", "The dropped item's id."), "reason": ("뺀 까닭.", "Why it was dropped.")},
    "scoring": {
        "weights": ("중요도별 가중치.", "Weight per severity."),
        "partial_credit": ("partial의 점수 (0–1).", "The credit of a partial answer (0–1)."),
        "ready_at": ("준비 완료 등급의 최저 점수 (%).", "The lowest score (%) rated ready."),
        "conditional_at": ("조건부 준비 등급의 최저 점수 (%).", "The lowest score (%) rated conditionally ready."),
        "remediation_days": ("중요도별 개선 기한 (as_of부터 일 수). 넘으면 경고.",
                             "Days from as_of within which a remediation is due, per severity; later is a warning."),
    },
    "section": {"id": ("영역 ID (영문 대문자 2–5자).", "The section's id (2–5 capitals)."), "title": ("제목.", "The title."),
                "items": ("점검 항목 목록.", "The items.")},
    "item": {
        "id": ("항목 ID. 판이 바뀌어도 같은 뜻이면 그대로 쓴다.", "Stable across versions; never reused for another meaning."),
        "title": ("제목.", "The title."), "requirement": ("적합한 답변의 뜻.", "What a compliant answer means."),
        "guidance": ("확인하는 법과 첨부할 증적.", "How to check, what evidence to attach."),
        "rationale": ("이 항목을 묻는 까닭.", "Why the item is asked."), "severity": ("중요도.", "Severity."),
        "scope": ("답하는 단위.", "What is answered: once, per site or per system."),
        "applies_to": ("적용 대상.", "Which sites or systems the item asks about."),
        "answer": ("답변 형식과 판정 기준 (생략하면 상태로 답한다).", "The answer type and its rule (default: a status)."),
        "evidence": ("증적 요구 수준.", "Whether evidence is required."),
        "references": ("근거 기준 (판을 밝힌다).", "The standards behind it, with their edition."),
        "replaces": ("이전 판에서 이 항목이 이어받은 항목 ID.", "Ids in the superseded version that this item continues."),
    },
    "answerSpec": {
        "type": ("답변 형식.", "The answer type."), "unit": ("수치의 단위.", "The unit of a number."),
        "options": ("선택지.", "The allowed choices."), "pass_if": ("적합 기준.", "The rule that decides compliance."),
        "by_grade": ("등급별 기준 (pass_if보다 우선).", "A rule per system grade, overriding pass_if."),
    },
    "rule": {
        "min": ("최솟값.", "Minimum."), "max": ("최댓값.", "Maximum."), "in": ("적합한 선택지.", "The compliant choices."),
        "max_age_days": ("as_of에 이 일 수보다 오래되면 부적합.", "Older than this many days at as_of fails."),
        "min_days_ahead": ("as_of부터 이 일 수 이후여야 적합.", "Must be at least this many days after as_of."),
    },
    "appliesTo": {
        "battery": ("이 축전지 종류의 시설.", "Sites with these batteries."),
        "site_kinds": ("이 유형의 시설.", "Sites of these kinds."), "grades": ("이 등급의 시스템 (또는 그 시스템이 있는 시설).",
                                                                     "Systems of these grades (or sites hosting them)."),
    },
    "text": {"ko": ("한국어 (필수).", "Korean (required)."), "en": ("영어 (없으면 한국어).", "English (falls back to Korean).")},
}

HEADINGS: dict[str, Words] = {
    "title": ("제출 자료 형식 참조", "Format reference"),
    "generated": ("이 문서는 `./dev.sh docs`가 auditkit의 어휘(`auditkit/vocabulary.py`)와 JSON 스키마에서 만든다. "
                  "직접 고치지 말 것. 작성 요령은 [작성 안내](guide.ko.md), 오류 코드는 [오류 코드 목록](rules.ko.md)에 있다.",
                  "Generated by `./dev.sh docs` from auditkit's vocabulary (`auditkit/vocabulary.py`) and its JSON "
                  "schemas; do not edit. How to fill in a file: [the guide](guide.en.md); finding codes: "
                  "[the rule catalogue](rules.en.md)."),
    "submission": ("1. 제출 자료", "1. Submission"),
    "vocabulary": ("2. 어휘", "2. Vocabulary"),
    "checklist": ("3. 점검표", "3. Checklist"),
    "diff": ("4. 두 제출 자료의 비교 (`auditkit diff`)", "4. Comparing two submissions (`auditkit diff`)"),
    "diff_intro": ("항목은 ID로, 점검표 판이 다르면 `replaces`를 따라 대응시키고, 시설·시스템은 ID로, 사람은 이름이 아니라 "
                   "키로 비교한다. 변경 종류는 심각한 것부터 다음과 같다 (`--fail-on`에 쓰는 코드).",
                   "Items are matched by id, following `replaces` across checklist versions; sites and systems by id; "
                   "people by key, never by name. The kinds of change, most serious first (the codes `--fail-on` takes):"),
    "key": ("키", "key"), "required": ("필수", "required"), "form": ("형식", "form"), "meaning": ("뜻", "meaning"),
    "code": ("코드", "code"), "ko": ("한국어", "Korean"), "en": ("영어", "English"),
    "yes": ("예", "yes"), "credit": ("점수", "credit"), "weight": ("가중치", "weight"),
    "days": ("개선 기한(일)", "remediation days"),
}

# The schema objects documented, in order: (section, name in MEANINGS, heading, where its properties are).
SUBMISSION_OBJECTS: tuple[tuple[str, Words, tuple[str, ...]], ...] = (
    ("submission", ("최상위 키", "Top-level keys"), ()),
    ("institution", ("institution", "institution"), ("properties", "institution")),
    ("person", ("people의 값: 사람", "A value of people: a person"), ("$defs", "person")),
    ("approval", ("approved_by", "approved_by"), ("properties", "approved_by")),
    ("site", ("sites의 항목: 시설", "An entry of sites: a site"), ("$defs", "site")),
    ("system", ("systems의 항목: 정보시스템", "An entry of systems: a system"), ("$defs", "system")),
    ("answer", ("answers의 값: 답변 (시설별·시스템별 항목은 sites: 또는 systems: 아래 ID마다 하나)",
                "A value of answers: an answer (site and system items: one under sites: or systems: per id)"), ()),
    ("evidence", ("evidence의 항목: 증적 (file 또는 ref)", "An entry of evidence (a file or a ref)"), ("$defs", "evidence")),
    ("remediation", ("remediation: 개선조치", "remediation"), ("$defs", "remediation")),
)
CHECKLIST_OBJECTS: tuple[tuple[str, Words, tuple[str, ...]], ...] = (
    ("checklist", ("최상위 키", "Top-level keys"), ()),
    ("dropped", ("dropped의 항목: 뺀 항목", "An entry of dropped"), ("properties", "dropped", "items")),
    ("scoring", ("scoring", "scoring"), ("$defs", "scoring")),
    ("section", ("sections의 항목: 영역", "An entry of sections"), ("$defs", "section")),
    ("item", ("items의 항목: 점검 항목", "An entry of items: an item"), ("$defs", "item")),
    ("answerSpec", ("answer: 답변 형식", "answer: the answer type"), ("$defs", "answer")),
    ("rule", ("pass_if, by_grade의 값: 기준", "pass_if and the values of by_grade: a rule"), ("$defs", "rule")),
    ("appliesTo", ("applies_to: 적용 대상", "applies_to"), ("$defs", "appliesTo")),
    ("text", ("{ko, en} 글", "{ko, en} text"), ("$defs", "text")),
)

FORMS: dict[str, Words] = {
    "date": ("날짜 YYYY-MM-DD", "date YYYY-MM-DD"), "personKey": ("people의 키", "a key of people"),
    "id": ("ID: 영문 대문자·숫자·-", "id: capitals, digits, -"), "text": ("{ko, en} 글", "{ko, en} text"),
    "string": ("글", "text"), "number": ("수", "number"), "integer": ("정수", "whole number"),
    "list": ("{0}의 목록", "list of {0}"), "map": ("키 → {0}", "key → {0}"), "object": ("{0}", "{0}"),
    "never": ("또는 never", "or never"), "one_of": ("다음 중 하나: {0}", "one of: {0}"),
    "person": ("사람", "person"), "site": ("시설", "site"), "system": ("정보시스템", "system"),
    "evidence": ("증적", "evidence"), "remediation": ("개선조치", "remediation"), "section": ("영역", "section"),
    "item": ("점검 항목", "item"), "rule": ("기준", "rule"), "answer": ("답변 형식", "answer type"),
    "scoring": ("점수 설정", "scoring"), "appliesTo": ("적용 대상", "applies_to"), "perSeverity": ("중요도별 수", "per severity"),
    "severity": ("중요도", "severity"), "value": ("항목의 답변 형식에 따라", "per the item's answer type"),
    "pattern": ("글, 형식 `{0}`", "text of the form `{0}`"),
}
# Forms said better in words than derived: (object, key) -> words.
FORM_WORDS: dict[tuple[str, str], Words] = {
    ("submission", "checklist"): ("점검표 ID (예: `mss-it-resilience`)", "the checklist's id (e.g. `mss-it-resilience`)"),
    ("submission", "checklist_version"): ("점검표의 판 (예: `\"2026.1\"`)", "the checklist's version (e.g. `\"2026.1\"`)"),
    ("submission", "answers"): ("점검 항목 ID → 답변", "item id → answer"),
}


def _say(words: Words, lang: str) -> str:
    return words[0] if lang == "ko" else words[1]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _form(node: Any, lang: str) -> str:
    """A schema node in words: 'date YYYY-MM-DD', 'one of: own, nirs', 'list of site', …"""
    if not isinstance(node, dict):
        return ""
    ref = node.get("$ref", "")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        return _say(FORMS[name], lang) if name in FORMS else name
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return _say(FORMS["one_of"], lang).format(", ".join(f"`{v}`" for v in node["enum"]))
    if "anyOf" in node:
        return " / ".join(filter(None, (_form(option, lang) for option in node["anyOf"])))
    kind = node.get("type")
    if kind == "array":
        return _say(FORMS["list"], lang).format(_form(node.get("items", {}), lang) or _say(FORMS["string"], lang))
    if kind == "object" and isinstance(node.get("additionalProperties"), dict):
        return _say(FORMS["map"], lang).format(_form(node["additionalProperties"], lang))
    if kind == "object" and set(node.get("properties", {})) == {"ko", "en"}:
        return _say(FORMS["text"], lang)
    if kind == "object":
        return "{" + ", ".join(node.get("properties", {})) + "}"
    if kind == "string" and "pattern" in node:
        return _say(FORMS["pattern"], lang).format(node["pattern"])
    if kind in ("integer", "number") and "minimum" in node and "maximum" in node:
        return f"{_say(FORMS[kind], lang)} {node['minimum']}–{node['maximum']}"
    return _say(FORMS[kind], lang) if isinstance(kind, str) and kind in FORMS else ""


def _object(schema: dict[str, Any], where: tuple[str, ...]) -> dict[str, Any]:
    node: Any = schema
    for key in where:
        node = node[key]
    return node if isinstance(node, dict) else {}


def _table(name: str, node: dict[str, Any], lang: str, overrides: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """A table of the object's keys: key, required, form, meaning. Fails on a key without a meaning and on a meaning
    without a key, so the reference cannot drift from the schema."""
    properties = dict(node.get("properties", {})) | (overrides or {}).get(name, {})
    meanings = MEANINGS[name]
    if set(properties) != set(meanings):
        raise ValueError(f"format reference: {name} fields {sorted(properties)} but meanings for {sorted(meanings)}")
    required = set(node.get("required", []))
    h = HEADINGS
    lines = [f"| {_say(h['key'], lang)} | {_say(h['required'], lang)} | {_say(h['form'], lang)} | {_say(h['meaning'], lang)} |",
             "| --- | --- | --- | --- |"]
    for key, child in properties.items():
        mark = _say(h["yes"], lang) if key in required else ""
        form = _say(FORM_WORDS[name, key], lang) if (name, key) in FORM_WORDS else _form(child, lang)
        lines.append(f"| `{key}` | {mark} | {_cell(form)} | {_cell(_say(meanings[key], lang))} |")
    return lines


def _answer_object(submission: dict[str, Any]) -> dict[str, Any]:
    """An answer's keys: the union over the checklist's items (only items answered with a value have `value`)."""
    merged: dict[str, Any] = {}
    for name, node in submission["$defs"].items():
        if name.startswith("answer-"):
            merged |= node.get("properties", {})
    merged["value"] = {"$ref": "#/$defs/value"}
    return {"properties": merged}


def _objects(schema: dict[str, Any], objects: tuple[tuple[str, Words, tuple[str, ...]], ...], lang: str,
             answer: dict[str, Any] | None = None) -> Iterator[str]:
    for name, heading, where in objects:
        node = answer if name == "answer" and answer is not None else _object(schema, where)
        yield f"### {_say(heading, lang)}"
        yield ""
        yield from _table(name, node, lang)
        yield ""


def _vocabulary(lang: str) -> Iterator[str]:
    """The allowed words: code, Korean, English, and what scoring gives each where it gives something."""
    v, h, defaults = vocabulary, HEADINGS, vocabulary.SCORING_DEFAULTS
    credit = {"compliant": "1", "partial": str(defaults["partial_credit"]), "non_compliant": "0", "not_applicable": "–"}
    groups: tuple[tuple[Words, tuple[vocabulary.Term, ...], dict[str, list[str]], tuple[Words, ...]], ...] = (
        (("상태 (status)", "Statuses (status)"), v.STATUS_TERMS, {k: [c] for k, c in credit.items()}, (h["credit"],)),
        (("중요도 (severity)", "Severities (severity)"), v.SEVERITY_TERMS,
         {k: [str(defaults["weights"][k]), str(defaults["remediation_days"][k])] for k in v.SEVERITIES},
         (h["weight"], h["days"])),
        (("답하는 단위 (scope)", "Scopes (scope)"), v.SCOPE_TERMS, {}, ()),
        (("시설 유형 (kind)", "Site kinds (kind)"), v.SITE_KIND_TERMS, {}, ()),
        (("축전지 (battery)", "Batteries (battery)"), v.BATTERY_TERMS, {}, ()),
        (("답변 형식 (answer.type)", "Answer types (answer.type)"), v.ANSWER_TYPE_TERMS, {}, ()),
        (("증적 (evidence)", "Evidence levels (evidence)"), v.EVIDENCE_TERMS, {}, ()),
        (("준비 수준 (rating)", "Ratings (rating)"), v.RATING_TERMS, {}, ()),
    )
    for heading, terms, extra, extra_heads in groups:
        heads = [_say(h["code"], lang), _say(h["ko"], lang), _say(h["en"], lang), *(_say(x, lang) for x in extra_heads)]
        yield f"### {_say(heading, lang)}"
        yield ""
        yield "| " + " | ".join(heads) + " |"
        yield "|" + " --- |" * len(heads)
        for term in terms:
            yield "| " + " | ".join([f"`{term.code}`", term.ko, term.en, *extra.get(term.code, [])]) + " |"
        yield ""
    yield _say(("등급 (grade): ", "Grades (grade): "), lang) + ", ".join(str(g) for g in v.GRADES) + _say(
        (" (1이 가장 중요). 날짜 답변에는 날짜 대신 `never`(한 적 없음)를 쓸 수 있다.",
         " (1 is the most critical). A date answer may be `never` (it has never happened)."), lang)
    yield ""
    yield _say(("준비 수준: 점수가 {ready}% 이상이고 실패한 중대 항목이 없으면 준비 완료, {cond}% 이상이고 실패한 중대 항목마다 "
                "기한이 지나지 않은 개선조치가 있으면 조건부 준비, 그 밖에는 준비 미흡 (점검표의 scoring으로 바꿀 수 있다).",
                "Rating: ready at a score of {ready}% or more with no failing critical item; conditionally ready at "
                "{cond}% or more when every failing critical item has a remediation not yet overdue; else not ready "
                "(a checklist's scoring may change the figures)."), lang).format(
        ready=defaults["ready_at"], cond=defaults["conditional_at"])
    yield ""


def _change_kinds(lang: str) -> Iterator[str]:
    """The diff's change kinds with the Korean and English headings its reports print."""
    from .diff import KINDS
    from .diff_output import title
    from .i18n import using

    h = HEADINGS
    yield f"| {_say(h['code'], lang)} | {_say(h['ko'], lang)} | {_say(h['en'], lang)} |"
    yield "| --- | --- | --- |"
    for kind in KINDS:
        with using("ko"):
            korean = title(kind)
        with using("en"):
            english = title(kind)
        yield f"| `{kind}` | {korean} | {english} |"
    yield ""


def format_reference(lang: str) -> str:
    """The format reference page in ``lang`` (ko or en), as Markdown."""
    checklist = load_catalog().resolve("mss-it-resilience")
    submission = submission_schema(checklist)
    h = HEADINGS
    lines = [f"# {_say(h['title'], lang)}", "", _say(h["generated"], lang), "", f"## {_say(h['submission'], lang)}", ""]
    lines += _objects(submission, SUBMISSION_OBJECTS, lang, _answer_object(submission))
    lines += [f"## {_say(h['vocabulary'], lang)}", "", *_vocabulary(lang)]
    lines += [f"## {_say(h['checklist'], lang)}", "", *_objects(checklist_schema(), CHECKLIST_OBJECTS, lang)]
    lines += [f"## {_say(h['diff'], lang)}", "", _say(h["diff_intro"], lang), "", *_change_kinds(lang)]
    return "\n".join(lines).rstrip("\n") + "\n"


RULES_HEADINGS: dict[str, Words] = {
    "title": ("오류 코드 목록", "Rule catalogue"),
    "generated": ("`auditkit validate`가 내는 모든 오류와 경고의 코드와 뜻. 코드는 출력의 괄호 안 "
                  "(`파일:줄:칸: [수준] 메시지 (항목, 코드)`)과 JSON의 `code`에 나오며, 뜻이 바뀌지 않는다. "
                  "이 문서는 `./dev.sh docs`가 `auditkit/rules/catalogue.py`에서 만든다 (`auditkit rules`도 같은 내용을 "
                  "출력한다). 작성 요령은 [작성 안내](guide.ko.md)에 있다.",
                  "Every error and warning `auditkit validate` reports, by code. The code is printed in every output "
                  "(`file:line:col: [level] message (ITEM, code)`, JSON `code`) and never changes meaning. Generated "
                  "by `./dev.sh docs` from `auditkit/rules/catalogue.py` (`auditkit rules` prints the same); how to "
                  "fill in a file: [the guide](guide.en.md)."),
    "code": ("코드", "code"), "level": ("수준", "level"), "meaning": ("뜻", "meaning"),
}
LEVELS = {"error": N_("error"), "warning": N_("warning")}


def rules_page(lang: str) -> str:
    """The rule catalogue page in ``lang``: every finding code, grouped, with its level and meaning."""
    from .rules.catalogue import CATALOGUE, GROUPS

    h = RULES_HEADINGS
    lines = [f"# {_say(h['title'], lang)}", "", _say(h["generated"], lang), ""]
    with using(lang):
        for group, title in GROUPS.items():
            codes = [code for code in CATALOGUE.values() if code.group == group]
            if not codes:
                continue
            lines += [f"## {_(title)}", "", f"| {_say(h['code'], lang)} | {_say(h['level'], lang)} | {_say(h['meaning'], lang)} |",
                      "| --- | --- | --- |"]
            lines += [f"| `{code.code}` | {_(LEVELS[code.level])} | {_cell(code.text())} |" for code in codes]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


COMMANDS_TEXT: dict[str, Words] = {
    "title": ("명령 참조", "Command reference"),
    "intro": (
        "`auditkit`의 모든 명령과 옵션. 이 문서는 `./dev.sh docs`가 각 명령의 `--help`에서 만든다.\n\n"
        "모든 명령은 `--lang ko|en`을 받는다 (기본: `AUDITKIT_LANG`, 없으면 로캘이 `ko`로 시작할 때 한국어). "
        "제출 자료를 읽는 모든 명령은 `--checklist FILE`(여러 번 가능)로 번들에 없는 점검표를 받는다. 점검표는 ID "
        "(`mss-it-resilience`), `ID@판`, 파일 경로로 가리킨다.\n\n"
        "종료 상태: 0 이상 없음; 1 입력이 잘못됨(검증 오류, 읽을 수 없는 파일, 모르는 점검표) 또는 "
        "`diff --fail-on`에 걸림; 2 명령줄이 잘못됨. 입력이 잘못되어도 Python 추적 정보(traceback)는 나오지 않는다.\n\n"
        "`validate --format json`의 오류와 경고에는 `line`, `column`(1부터), `pointer`, `item`, `code`, `message`가 "
        "있다. 코드의 뜻은 [오류 코드 목록](rules.ko.md)에 있다.",
        "Every command and option of `auditkit`. Generated by `./dev.sh docs` from each command's `--help`.\n\n"
        "Every command takes `--lang ko|en` (default: `AUDITKIT_LANG`, else Korean when the locale starts with `ko`). "
        "Every command that reads submissions takes `--checklist FILE` (repeatable) for a checklist that is not "
        "bundled; a checklist is named by id (`mss-it-resilience`), `id@version` or path.\n\n"
        "Exit status: 0 nothing wrong; 1 the input is wrong (validation errors, an unreadable file, an unknown "
        "checklist) or `diff --fail-on` matched; 2 the command line is wrong. Bad input never gives a Python "
        "traceback.\n\n"
        "In `validate --format json` each error and warning has `line`, `column` (1-based), `pointer`, `item`, `code` "
        "and `message`; what each code means is in the [rule catalogue](rules.en.md)."),
}


def commands_page(lang: str) -> str:
    """The command reference in ``lang``: each command's --help as auditkit prints it (80 columns)."""
    from click.testing import CliRunner

    from .cli import main

    lines = [f"# {_say(COMMANDS_TEXT['title'], lang)}", "", _say(COMMANDS_TEXT["intro"], lang), ""]
    with using(lang):  # the group sets the language of the run: set it back afterwards
        for name in sorted(main.commands):
            shown = CliRunner().invoke(main, [name, "--lang", lang, "--help"], prog_name="auditkit", terminal_width=80)
            lines += [f"## auditkit {name}", "", "```text", shown.output.rstrip("\n"), "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def pages() -> dict[str, str]:
    """Every generated page of docs/: file name -> text."""
    return {name: text for lang in LANGS
            for name, text in ((f"format.{lang}.md", format_reference(lang)), (f"rules.{lang}.md", rules_page(lang)),
                               (f"commands.{lang}.md", commands_page(lang)))}


def write_pages(folder: Path) -> list[Path]:
    """Write the generated pages into ``folder`` (docs/); return the files that changed."""
    from .files import write_atomic

    changed = []
    for name, text in pages().items():
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            write_atomic(target, text)
            changed.append(target)
    return changed


if __name__ == "__main__":  # ./dev.sh docs
    for path in write_pages(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")):
        print(f"wrote {path}", file=sys.stderr)

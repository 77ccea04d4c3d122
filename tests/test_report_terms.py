"""The report prints the vocabulary's terms (statuses, ratings, severities, site kinds, batteries), defined once in
auditkit/vocabulary.py: templates/strings.yaml holds no copy of them, and the PDF text has exactly those words."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import DATA, MINI, ROOT, run

from auditkit.vocabulary import RATING_TERMS, SEVERITY_TERMS, STATUS_TERMS, label


def pdf_text(path: Path, mode: str = "-layout") -> str:
    return subprocess.run(["pdftotext", mode, str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The mini submission's report (conditionally ready; compliant, partial and non-compliant answers; critical,
    medium and low items; an own site with a lithium-ion battery, a colocation site with VRLA) in each language."""
    folder = tmp_path_factory.mktemp("terms")
    source = folder / "sub.yaml"
    shutil.copy(DATA / "mini-valid.yaml", source)
    texts = {}
    for lang in ("ko", "en"):
        target = folder / f"{lang}.pdf"
        result = run("report", "--checklist", MINI, "--lang", lang, source, "-o", target)
        assert result.exit_code == 0, result.output
        texts[lang], texts[f"{lang}-raw"], texts[f"{lang}-pdf"] = pdf_text(target), pdf_text(target, "-raw"), str(target)
    return texts


def test_strings_yaml_holds_no_term_of_the_vocabulary() -> None:
    keys = set(yaml.safe_load((ROOT / "templates" / "strings.yaml").read_text(encoding="utf-8")))
    codes = {t.code for t in (*STATUS_TERMS, *RATING_TERMS, *SEVERITY_TERMS)}
    assert not keys & codes, keys & codes
    words = {t.ko for t in STATUS_TERMS}  # (the roll-up's short_* rating badges are a narrow column's short form)
    text = (ROOT / "templates" / "strings.yaml").read_text(encoding="utf-8")
    assert not [w for w in words if re.search(rf"[:{{,]\s*{w}\s*[,}}]", text)]  # nor a term as a whole value


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_report_prints_the_vocabulary_terms(reports: dict[str, str], lang: str) -> None:
    text = reports[lang]
    cover = text.split("\f", 1)[0]
    assert label("rating", "conditionally_ready", lang) in cover
    for status in ("compliant", "partial", "non_compliant"):  # the summary's counts, the findings, the matrix key
        assert label("status", status, lang) in text, status
    for severity in ("critical", "medium", "low"):
        assert f"· {label('severity', severity, lang)} ·" in text, severity
    flat = "".join(reports[f"{lang}-raw"].split())  # a narrow table cell wraps its words
    for group, code in (("site_kind", "own"), ("site_kind", "colocation"), ("battery", "li-ion"), ("battery", "vrla")):
        assert "".join(label(group, code, lang).split()) in flat, code
    key = "● {} ◐ {} ○ {} － {}".format(*(label("status", s, lang) for s in ("compliant", "partial", "non_compliant",
                                                                              "not_applicable")))
    assert key in text


def test_english_report_has_no_other_spelling_of_a_term(reports: dict[str, str]) -> None:
    """Before: strings.yaml said 'Non-compliant', 'Partial', 'Critical' where the vocabulary says otherwise."""
    text = reports["en"]
    for old in ("Non-compliant", "Not applicable", "Partial", "Compliant", "Critical:", "Medium",
                "(3등급)", "kind "):
        assert old not in text, old
    assert "홈페이지 (grade 3)" in text  # a system's grade in the report's language


def test_korean_report_has_no_other_spelling_of_a_term(reports: dict[str, str]) -> None:
    text = reports["ko"]
    for old in ("부분 이행", "li-ion", "colocation", "Compliant", "non_compliant"):
        assert old not in text, old


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_verify_finds_the_rating_on_the_page_in_either_language(reports: dict[str, str], lang: str) -> None:
    """verify's page check looks for the words the page prints: the vocabulary's term, not another copy of it."""
    result = run("verify", "--checklist", MINI, "--lang", lang, reports[f"{lang}-pdf"])
    assert result.exit_code == 0, result.output
    assert f"{label('rating', 'conditionally_ready', lang)} 71.9" in result.stdout

"""diff --lang ko: every change sentence, heading and label of every format (text, json, md, html, pdf) is Korean,
with the vocabulary's terms (적합, 부적합, 준비 미흡, …); JSON keeps the machine codes. --lang en gives English."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DATA, MINI, edit, run

from auditkit.diff import KINDS
from auditkit.diff_output import md

DIFF = DATA / "diff"
CHECKLISTS = ("--checklist", MINI, "--checklist", str(DIFF / "mini-2.0.yaml"))
# One sentence of each kind the busy pair below gives, as a Korean reader sees it.
KOREAN = [
    "BKP-08 / WEB: 약속한 개선조치 미이행 – 복구 테스트 실시 (약속한 사람 김민수, 기한 2025-12-31); 기준일 2026-10-15에도 부적합",
    "ACC-05: 여전히 부분 적합인 채 개선조치를 미룸: 기한 2025-11-30 → 2026-11-30",
    "BKP-04 / CORE 백업 사본 수: 적합 → 부적합: 2: 최솟값 3 미만; 기준: 3부 이상; 개선 약속: 김민수, 기한 2026-11-30",
    "시설 DR 삭제 (이전: 재해복구센터, 위탁 운영(코로케이션), 축전지 밀폐형 납축전지(VRLA)); 이 시설에 있던 시스템: CORE",
    "시스템 WEB: 등급 3 → 2; 새로 적용됨: BKP-04 (적합)",
    "시설 HQ: 축전지 리튬이온 → 밀폐형 납축전지(VRLA); 더 이상 적용되지 않음: BAT-12",
    "BKP-01: 책임자 김민수 → 이정훈",
    "BKP-08 / WEB: 증적 새로 제출됨: 계획서",
    "BKP-08 / WEB: 값 2024-01-10 → 2025-01-10",
    "시스템 CORE: 재해복구 시설 DR → NIRS-GJ",
    "시설 NIRS-GJ 추가 (국가정보자원관리원 광주센터, 국가정보자원관리원, 축전지 없음): 답변 0건",
]


@pytest.fixture
def busy(tmp_path: Path) -> tuple[Path, Path]:
    """OLD and NEW of one institution with a change of most kinds: broken and postponed promises, a regression with
    its rule, a site removed and one added, a grade, battery, owner, evidence, value and DR site change."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    shutil.copy(DIFF / "old-1.0.yaml", old)
    shutil.copy(DATA / "mini-valid.yaml", new)
    edit(new, "CORE: {value: 3}", "CORE: {value: 2, remediation: {action: 사본 추가, owner: kim, due: 2026-11-30}}\n"
         "      WEB: {value: 4}")
    edit(new, "id: WEB, name: 홈페이지, grade: 3", "id: WEB, name: 홈페이지, grade: 2")
    edit(new, "kind: own, battery: li-ion", "kind: own, battery: vrla")
    edit(new, "  BAT-12:\n    sites:\n      HQ: {value: separate-fire-rated-room}\n", "")
    edit(new, "  - {id: DR, name: 재해복구센터, kind: colocation, battery: vrla}",
         "  - {id: NIRS-GJ, name: 국가정보자원관리원 광주센터, kind: nirs, battery: none}")
    edit(new, "dr_site: DR}", "dr_site: NIRS-GJ}")
    edit(new, "      DR: {value: 2026-09-30}\n", "")
    edit(new, "    status: compliant\n    owner: kim\n", "    status: compliant\n    owner: lee\n")
    edit(new, "WEB:\n        value: 2025-01-10\n", "WEB:\n        value: 2025-01-10\n        evidence: [{ref: 계획서}]\n")
    return old, new


def english_words(text: str, *paths: Path) -> list[str]:
    """The English words left in a Korean output once the file paths, the checklist keys and the change kinds
    (machine codes, as `--fail-on` takes them) are taken out: ids are upper case, so any word with lower-case
    ASCII letters is English."""
    for path in paths:
        text = text.replace(str(path), " ")
    text = re.sub(r"mini-check@[\d.]+", " ", text)
    kinds = "|".join(sorted(KINDS, key=len, reverse=True))
    text = re.sub(rf"\((?:{kinds}): \d+\)|`(?:{kinds})`|\(\d+\)\s+(?:{kinds})\b", " ", text)
    return sorted(set(re.findall(r"[A-Za-z]*[a-z][A-Za-z]*", text)) - {"auditkit", "diff", "sha256"})


def diff(old: Path, new: Path, *args: str) -> str:
    result = run("diff", *CHECKLISTS, *args, old, new)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_text_is_korean(busy: tuple[Path, Path]) -> None:
    out = diff(*busy, "--lang", "ko")
    for sentence in KOREAN:
        assert f"  {sentence}\n" in out, sentence
    assert "  점수       71.9 → 54.2 (-17.7)\n  준비 수준  조건부 준비 → 준비 미흡\n" in out
    assert "\n영역별 점수\n" in out and "\n지키지 않은 개선 약속 (overdue: 2)\n" in out
    assert "(2025년 점검, 기준일 2025-10-15, mini-check@1.0)" in out
    assert "요약: 지키지 않은 개선 약속 2건, 미뤄진 개선 약속 2건, 악화 1건," in out
    assert "(목록에서 뺀 정기 갱신 3건: 날짜 갱신, 증적 참조 갱신)" in out
    assert english_words(out, *busy) == []


def test_json_keeps_codes_and_says_it_in_korean(busy: tuple[Path, Path]) -> None:
    data = json.loads(diff(*busy, "--lang", "ko", "--format", "json"))
    assert data["old"]["rating"] == "conditionally_ready" and data["new"]["rating"] == "not_ready"
    regression = next(c for c in data["changes"] if c["kind"] == "regression")
    assert (regression["old"], regression["new"]) == ("compliant", "non_compliant")
    battery = next(c for c in data["changes"] if c["kind"] == "site_changed")
    assert (battery["old"], battery["new"]) == ("li-ion", "vrla")
    assert [c["message"] for c in data["changes"] if c["message"] in KOREAN] == KOREAN
    assert english_words(" ".join(c["message"] for c in data["changes"] + data["routine"]), *busy) == []


def test_markdown_is_korean(busy: tuple[Path, Path]) -> None:
    out = diff(*busy, "--lang", "ko", "--format", "md")
    assert out.startswith("# 전년 대비 변경 사항: 시험기관 (TEST), 2025 → 2026\n")
    assert "| 준비 수준 | 조건부 준비 | 준비 미흡 | |" in out and "## 영역별 점수" in out
    assert "## 지키지 않은 개선 약속 (`overdue`, 2)" in out
    assert "| 항목 | 시스템·시설 | 이전 | 이후 | 내용 |" in out
    assert f"| BKP-04 | CORE | 적합 | 부적합 | {md(KOREAN[2])} |" in out
    assert f"| BKP-08 | WEB | 2025-12-31 | 부적합 | {md(KOREAN[0])} |" in out
    assert f"| HQ | 리튬이온 | {md('밀폐형 납축전지(VRLA)')} |" in out
    assert english_words(out, *busy) == []


def _visible(html: str) -> str:
    """The text of an HTML page a reader sees: no head, no tags, no attribute values."""
    body = html.split("<body", 1)[1]
    return re.sub(r"<[^>]*>", " ", body)


def test_html_and_pdf_are_korean(busy: tuple[Path, Path], tmp_path: Path) -> None:
    html = tmp_path / "diff.html"
    diff(*busy, "--lang", "ko", "--format", "html", "-o", str(html))
    page = _visible(html.read_text(encoding="utf-8"))
    pdf = tmp_path / "diff.pdf"
    diff(*busy, "--lang", "ko", "--format", "pdf", "-o", str(pdf))
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for shown in (page, text):
        assert "전년 대비 변경 사항" in shown and "지키지 않은 개선 약속" in shown and "준비 미흡" in shown
        assert "목록에서 뺀 정기 갱신 3건" in shown
        assert english_words(shown, *busy) == []
    flat = " ".join(text.split())
    assert "시설 HQ: 축전지 리튬이온 → 밀폐형 납축전지(VRLA);" in flat and "책임자 김민수 → 이정훈" in flat
    assert KOREAN[2].replace(" ", "") in "".join(text.split())  # pdftotext may break a table cell anywhere


def test_english_is_english(busy: tuple[Path, Path]) -> None:
    out = diff(*busy, "--lang", "en")
    assert "  BKP-04 / CORE Backup copies: compliant → non-compliant: 2 is below the minimum 3; the rule allows at " \
           "least 3 copies; fix promised by 김민수 for 2026-11-30\n" in out
    assert "  site HQ: battery lithium-ion → VRLA lead-acid; no longer applies: BAT-12\n" in out
    assert "  rating  conditionally ready → not ready\n" in out and "\nSections\n" in out
    assert "Summary: Promises not kept 2, Promises postponed 2, Regressions 1," in out
    hangul = set(re.findall(r"[가-힣]+", out))
    data_words = set(re.findall(r"[가-힣]+", busy[0].read_text(encoding="utf-8") + busy[1].read_text(encoding="utf-8")))
    assert hangul <= data_words, hangul - data_words  # Korean only where the submissions hold it


def test_warnings_and_usage_errors_in_korean(busy: tuple[Path, Path]) -> None:
    old, new = busy
    swapped = run("diff", *CHECKLISTS, "--lang", "ko", new, old)
    assert f"경고: NEW {old}의 기준일(2025-10-15)이 OLD {new}의 기준일(2026-10-15)보다 앞섭니다." in swapped.stderr
    wrong = run("diff", *CHECKLISTS, "--lang", "ko", "--fail-on", "overdu", old, new)
    assert wrong.exit_code == 2
    assert "알 수 없는 변경 종류: overdu. 쓸 수 있는 종류: overdue, remediation_postponed" in wrong.stderr

#!/usr/bin/env python3
"""Write the sample submissions in examples/ from the data tables in this file.

    .venv/bin/python examples/make_samples.py           # write
    .venv/bin/python examples/make_samples.py --check   # only say which files are out of date

Writes, deterministically (same bytes on every run):

* examples/2025/<code>.yaml and examples/2026/<code>.yaml: one submission per
  year for each of the 11 public institutions of the Ministry of SMEs and
  Startups (checklists mss-it-resilience 2025.1 and 2026.1);
* the few evidence files they cite, under examples/<year>/evidence/<code>/;
* examples/nirs-daejeon-2025-09-25.yaml: the NIRS Daejeon site the day before
  the 26 Sept 2025 battery fire, reconstructed from public reporting and
  answered against the 2026.1 checklist.

People, numbers and stories of the 11 institutions are invented. Each answer is
"good" unless the institution's table says otherwise, or one of its facts (no DR
site, an old battery, a missing deputy ...) makes it fail. Every failing answer
needs an entry with its remediation in the table, and an entry on an answer that
passes is a mistake: the script names the answer, writes nothing and exits 1.
Only the standard library and PyYAML are used, so the script runs without auditkit.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CHECKLISTS = HERE.parent / "checklists"
HEADER = "# 예시 자료 — fictional sample data for auditkit; people and numbers are invented"
D = dt.date.fromisoformat


# --- building blocks of the data tables ----------------------------------------

@dataclass(frozen=True)
class Over:
    """How one answer departs from the default: a failing value or status with its fix, a note, N/A."""

    value: Any = None
    status: str | None = None
    note: str | None = None
    action: str | None = None
    owner: str | None = None
    due: str | None = None


def fix(action: str, owner: str, due: str | None = None, *, value: Any = None, status: str | None = None,
        note: str | None = None) -> Over:
    """A failing answer and its remediation; due defaults to the end of the severity window."""
    return Over(value, status, note, action, owner, due)


def keep(value: Any = None, *, status: str | None = None, note: str | None = None) -> Over:
    """An answer that passes, with a value or note other than the default."""
    return Over(value, status, note)


def na(why: str) -> Over:
    return Over(status="not_applicable", note=why)


def person(name: str, role: str, mail: str, phone: str | None = None, years: tuple[int, ...] = (2025, 2026)) -> dict:
    return {"name": name, "role": role, "email": f"{mail}@example.kr", "phone": phone, "years": years}


def site(ident: str, name: str, kind: str, battery: str, owner: Any = None, **facts: Any) -> dict:
    """A facility. Facts (not written to the file) decide the values of its answers:
    region, installed (YYYY-MM), life (years), ups, room, fuel (h), bms (s), group (kWh),
    clearance (m), kwh (total, for the KESCO threshold), work (years with battery replacement or
    relocation work), soc ({year: highest SOC % recorded before that work}; not recorded = 100), years."""
    return {"id": ident, "name": name, "kind": kind, "battery": battery, "owner": owner,
            "room": "separate-fire-rated-room", **facts}


def system(ident: str, name: str, grade: Any, owner: Any, deputy: Any, at: str, dr: Any = None,
           model: Any = "backup-only", years: tuple[int, ...] = (2025, 2026)) -> dict:
    """An information system; model is the DR model in operation (RED-03 options)."""
    return {"id": ident, "name": name, "grade": grade, "owner": owner, "deputy": deputy, "site": at,
            "dr_site": dr, "model": model, "years": years}


def in_year(value: Any, year: int) -> Any:
    """A per-year value {2025: a, 2026: b} for one year; any other value as it is."""
    if isinstance(value, dict) and value and all(isinstance(k, int) for k in value):
        return value.get(year)
    return value


# --- the 11 institutions -----------------------------------------------------------
# Each has people, duty (who answers what by default), sites, systems and one run per
# year. A run's `answers` maps an item id (or a tuple of ids) to an Over for
# institution-scope items, or to {site or system id (or "*"): Over}.

KOSME = dict(
    code="KOSME", ko="중소벤처기업진흥공단", en="Korea SMEs and Startups Agency", dept="디지털혁신실",
    people={
        "kang-dh": person("강동훈", "이사장", "dh.kang"),
        "seo-yj": person("서영주", "디지털혁신실장(CIO)", "yj.seo", "+82-55-000-0101"),
        "han-jw": person("한지원", "정보보호팀장(CISO)", "jw.han"),
        "oh-sm": person("오세민", "전산운영부장", "sm.oh", "+82-55-000-0102"),
        "bae-kh": person("배경호", "시설안전팀장", "kh.bae"),
        "lim-hj": person("임혜진", "정보화기획 담당", "hj.lim"),
        "jang-mk": person("장민규", "웹서비스 담당", "mk.jang", years=(2025,)),
        "nam-sy": person("남소연", "웹서비스 담당", "sy.nam", years=(2026,)),
    },
    duty=dict(head="kang-dh", cio="seo-yj", sec="han-jw", it="oh-sm", fac="bae-kh", plan="lim-hj"),
    sites=[
        site("HQ-DC", "진주 본사 전산센터", "own", "li-ion", "bae-kh", region="진주",
             installed={2025: "2014-11", 2026: "2026-04"}, life=10, ups="2n", bms={2025: 30, 2026: 5},
             room={2025: "same-room-partitioned", 2026: "separate-room-not-fire-rated"},
             work=(2026,), soc={2026: 22}),
        site("DR-MD", "KT 목동 IDC 재해복구 상면", "colocation", "vrla", "oh-sm", region="서울",
             installed="2022-03", life=5, ups="n-plus-1", kwh=160),
        site("CLOUD-K", "민간 클라우드 공공존 (판교)", "cloud", "none", region="성남"),
    ],
    systems=[
        system("KOSME-LOAN", "정책자금 융자시스템", 1, "oh-sm", "lim-hj", "HQ-DC", "DR-MD", "hot"),
        system("KOSME-HOME", "홈페이지·고객포털", 2, {2025: "jang-mk", 2026: "nam-sy"}, "oh-sm", "HQ-DC", "DR-MD", "warm"),
        system("KOSME-EXP", "수출바우처 관리시스템", 2, "lim-hj", "oh-sm", "HQ-DC", {2026: "DR-MD"},
               {2025: "backup-only", 2026: "warm"}),
        system("KOSME-GW", "그룹웨어", 3, "oh-sm", "lim-hj", "HQ-DC", "DR-MD"),
        system("KOSME-ERP", "경영관리(ERP) 시스템", 3, "lim-hj", "oh-sm", "HQ-DC", "DR-MD", "cold"),
        system("KOSME-CRM", "고객상담(콜센터) 시스템", 3, "oh-sm", "lim-hj", "HQ-DC"),
        system("KOSME-EDU", "중소벤처기업연수원 학사관리시스템", 4, "lim-hj", "oh-sm", "HQ-DC"),
        system("KOSME-SF", "스마트공장 지원시스템", 4, "oh-sm", "lim-hj", "CLOUD-K"),
    ],
    runs={
        2025: dict(
            as_of="2025-10-15", approved=("kang-dh", "2025-10-22"), prepared="han-jw", classification="내부용",
            story=["2025.10.1 장관-공공기관장 정책협의회 요청에 따른 전수 점검 결과.",
                   "본사 UPS 축전지(2014년 설치)가 설계수명을 넘겨 교체를 발주하였다."],
            answers={
                "BAT-02": {"HQ-DC": fix("본사 UPS 리튬이온 축전지 전량 교체 발주·시공", "bae-kh", "2026-01-09")},
                "BAT-09": {"HQ-DC": fix("BMS 감시 주기 10초 이하로 변경 및 관제실 경보 연동", "bae-kh")},
                "RED-20": {"KOSME-EXP": fix("수출바우처 시스템 목동 IDC 재해복구 구성 계획 수립·2026년 예산 반영", "lim-hj")},
                "RED-14": {"KOSME-EXP": fix("재해복구 구성 후 전환시험 실시", "lim-hj", "2026-01-09", value="never")},
                "BKP-20": {"KOSME-CRM": fix("콜센터 시스템 백업 복구 테스트 실시", "oh-sm", "2026-01-09", value="2024-07-11")},
                "GOV-05": fix("정책자금 융자시스템 전환을 포함한 재해복구 모의훈련", "lim-hj", value="2024-09-05"),
                "GOV-03": fix("업무영향분석 재실시", "lim-hj", "2026-01-09", value="2024-06-10"),
                "GOV-06": keep("2025-09-02"),
                "ACC-06": fix("재해 선언 권한자 승계 순위·위임 범위 규정", "han-jw", "2026-01-09", status="partial",
                              note="권한자는 지정, 승계 순위 없음"),
                "BAT-11": {"HQ-DC": fix("축전지실 가스감지기 설치 및 관제 연동", "bae-kh", "2026-01-09")},
                "BAT-14": {"HQ-DC": fix("리튬이온 대응 소화·배기 설비 보강", "bae-kh", "2026-01-09", status="partial",
                                        note="가스계 소화설비만 있음")},
                "RED-11": {"HQ-DC": fix("항온항습기 N+1 증설", "bae-kh", "2027-03-31", status="partial",
                                        note="증설 예산은 2027년 본예산에 반영 예정")},
                "BKP-05": {"KOSME-HOME": fix("불변 백업 저장소 적용", "jang-mk", "2026-01-09", value="none")},
            },
        ),
        2026: dict(
            as_of="2026-10-14", approved=("kang-dh", "2026-10-21"), prepared="han-jw", classification="내부용",
            story=["2026년 4월 본사 UPS 축전지를 교체하고 별도 축전지실로 옮겼으나 방화구획 공사는 진행 중이다.",
                   "수출바우처 시스템의 재해복구를 목동 IDC에 구성하였다."],
            answers={
                "BAT-12": {"HQ-DC": fix("축전지실 내화 칸막이·방화문 설치 공사 준공", "bae-kh")},
                "RED-16": {"DR-MD": fix("목동 IDC 상면 UPS 2N 계통으로 계약 변경", "oh-sm")},
                "BKP-08": {"KOSME-HOME": fix("홈페이지 분기 복구 테스트 실시", "nam-sy", value="2026-05-20")},
                "GOV-06": fix("재해복구 역할자 비상대응 교육 실시", "lim-hj", value="2025-09-02"),
                "BKP-06": fix("부서 공유폴더 원격 백업 확대", "oh-sm", status="partial",
                              note="본사 파일서버만 원격 백업, 부서 NAS 제외"),
                "GOV-07": {"HQ-DC": fix("진주소방서에 축전지 현황·도면 제공 및 합동점검", "bae-kh")},
                "RED-13": {"KOSME-LOAN": fix("정책자금 연계(정부24·공공 마이데이터) 의존성 목록 재검토", "oh-sm",
                                             value="2025-06-30")},
                "BKP-12": fix("구성정보·운영 절차서 목동 IDC 사본 보관", "oh-sm", status="partial",
                              note="시스템 목록만 원격 보관"),
                "RED-11": {"HQ-DC": fix("항온항습기 N+1 증설을 본사 전산센터 리모델링(2028년)에 포함", "bae-kh", "2028-06-30",
                                        status="partial", note="2027년 예산 미반영으로 증설 연기")},
            },
        ),
    },
)

KIBO = dict(
    code="KIBO", ko="기술보증기금", en="Korea Technology Finance Corporation", dept="정보보호부",
    people={
        "jung-hw": person("정혜원", "이사장", "hw.jung"),
        "kim-ms": person("김민수", "정보보호부장(CISO)", "ms.kim", "+82-51-000-0201"),
        "lee-jh": person("이정훈", "전산운영부장", "jh.lee", "+82-51-000-0202"),
        "park-sy": person("박서연", "시설관리팀장", "sy.park"),
        "choi-yr": person("최예린", "디지털전략팀 과장", "yr.choi"),
        "hwang-js": person("황준석", "시스템운영팀장", "js.hwang"),
    },
    duty=dict(head="jung-hw", cio="lee-jh", sec="kim-ms", it="hwang-js", fac="park-sy", plan="choi-yr"),
    sites=[
        site("HQ-DC", "부산 본사 전산센터", "own", "li-ion", "park-sy", region="부산", installed="2021-09", life=15,
             ups="2n", bms={2025: 30, 2026: 3}, group=38,
             room={2025: "separate-room-not-fire-rated", 2026: "separate-fire-rated-room"}),
        site("SEL-BR", "서울 지점 전산실", "own", "vrla", "hwang-js", region="서울",
             installed={2025: "2020-03", 2026: "2026-02"}, life=5, ups="n", kwh=40, work=(2026,)),
        site("DR-GS", "LG유플러스 가산 IDC 재해복구센터", "colocation", "vrla", "hwang-js", region="서울",
             installed="2024-06", life=5, ups="2n", kwh=400, years=(2026,)),
    ],
    systems=[
        system("KIBO-CORE", "기술보증 통합업무시스템", 1, "lee-jh", "hwang-js", "HQ-DC", {2025: "SEL-BR", 2026: "DR-GS"},
               {2025: "warm", 2026: "hot"}),
        system("KIBO-TECH", "기술평가시스템(KTRS)", 2, "hwang-js", "choi-yr", "HQ-DC", {2025: "SEL-BR", 2026: "DR-GS"}, "warm"),
        system("KIBO-WEB", "홈페이지·전자보증 창구", 2, "choi-yr", "hwang-js", "HQ-DC", {2025: "SEL-BR", 2026: "DR-GS"}, "warm"),
        system("KIBO-GW", "그룹웨어", 3, "hwang-js", "choi-yr", "HQ-DC", "SEL-BR"),
        system("KIBO-ERP", "경영관리(ERP) 시스템", 3, "choi-yr", "hwang-js", "HQ-DC", "SEL-BR", "cold"),
        system("KIBO-IP", "기술거래·지식재산 플랫폼", 3, "choi-yr", "hwang-js", "HQ-DC", {2025: "SEL-BR", 2026: "DR-GS"}),
        system("KIBO-EDU", "사내 교육관리시스템", 4, "hwang-js", "choi-yr", "SEL-BR"),
    ],
    runs={
        2025: dict(
            as_of="2025-10-17", approved=("jung-hw", "2025-10-24"), prepared="kim-ms", classification="대외비",
            story=["기술보증 통합업무시스템의 재해복구 자원이 서울 지점 전산실(N 구성 UPS)에 있어 가산 IDC로 이전을 추진한다."],
            files={("BAT-01", "HQ-DC"): "ups-battery-register.txt"},
            answers={
                "RED-08": {"SEL-BR": fix("재해복구 자원을 가산 IDC(UPS 2N)로 이전", "lee-jh", "2026-01-14")},
                "BAT-02": {"SEL-BR": fix("서울 지점 UPS 축전지 교체", "park-sy", "2026-01-14")},
                "BAT-09": {"HQ-DC": fix("BMS 감시 주기 단축(3초) 및 통합관제 연동", "park-sy")},
                "BKP-20": {"KIBO-ERP": fix("ERP 백업 복구 테스트 실시", "choi-yr", "2026-01-14", value="2024-08-28")},
                "RED-14": {"KIBO-WEB": fix("홈페이지 재해복구 전환시험 실시", "choi-yr", "2026-01-14", value="never")},
                "GOV-03": fix("업무영향분석 재실시", "choi-yr", "2026-01-14", value="2024-05-30"),
                "GOV-06": keep("2025-09-25"),
                "BAT-14": {"HQ-DC": fix("축전지실 배기설비·랙간 비상차단 설치", "park-sy", "2026-01-14", status="partial",
                                        note="소화설비는 있으나 배기·비상차단 없음")},
                "BKP-11": {"KIBO-GW": fix("그룹웨어 백업 암호화 키 서울 보관", "hwang-js", "2026-01-14", status="partial")},
                "BAT-05": {"SEL-BR": na("납축전지 40 kWh로 법정 정기검사 대상(70 kWh 초과) 아님")},
            },
        ),
        2026: dict(
            as_of="2026-10-15", approved=("jung-hw", "2026-10-22"), prepared="kim-ms", classification="대외비",
            story=["2026년 3월 핵심·2등급 시스템의 재해복구를 가산 IDC로 이전하고 본사 축전지실 방화구획을 완료하였다."],
            files={("BAT-01", "HQ-DC"): "ups-battery-register.txt"},
            answers={
                "ACC-04": {"DR-GS": fix("가산 IDC 계약에 축전지 수명 도래 서면 보고 조항 추가", "hwang-js", status="partial",
                                        note="응답 시간·책임 기술자는 명시, 수명 도래 보고 의무 없음")},
                "GOV-06": fix("재해복구 역할자 비상대응 교육(하반기)", "choi-yr", value="2025-09-25"),
                "BKP-12": fix("운영 절차서 원격 사본 갱신 주기 단축", "hwang-js", status="partial",
                              note="절차서 사본이 6개월 전 판"),
                "RED-13": {"KIBO-IP": fix("기술거래 플랫폼 연계 목록 재검토", "choi-yr", value="2025-08-20")},
                "ACC-02": fix("점검항목별 대리자 목록 작성", "kim-ms", status="partial", note="책임자만 지정, 대리자 목록 없음"),
                "GOV-04": {"DR-GS": fix("가산 IDC 운영시설 자체점검 결과 사업자 확인", "hwang-js", value="never",
                                        note="2026년 3월 신규 이용, 사업자 점검 결과 미수령")},
                "BKP-14": {"KIBO-EDU": fix("교육관리 백업 보존기간을 기록물 보존기간표에 맞게 조정", "hwang-js",
                                           status="partial")},
                "BAT-05": {"SEL-BR": na("납축전지 40 kWh로 법정 정기검사 대상(70 kWh 초과) 아님")},
                "BAT-17": {"HQ-DC": na("2026년에는 축전지 분리·이설 작업이 없었음")},
            },
        ),
    },
)

SEMAS = dict(
    code="SEMAS", ko="소상공인시장진흥공단", en="Small Enterprise and Market Service", dept="정보화지원실",
    people={
        "moon-hs": person("문현숙", "이사장", "hs.moon"),
        "lee-dw": person("이동욱", "정보화지원실장(CIO)", "dw.lee", "+82-42-000-0301"),
        "song-yh": person("송윤희", "정보보호팀장", "yh.song"),
        "ko-jm": person("고준명", "전산운영팀장", "jm.ko", "+82-42-000-0302"),
        "yang-sb": person("양수빈", "시스템 담당", "sb.yang"),
        "jeon-th": person("전태현", "총무시설팀 과장", "th.jeon"),
        "noh-ej": person("노은지", "디지털플랫폼 담당", "ej.noh", years=(2026,)),
    },
    duty=dict(head="moon-hs", cio="lee-dw", sec="song-yh", it="ko-jm", fac="jeon-th", plan="song-yh"),
    sites=[
        site("HQ", "대전 본사 전산실", "own", "vrla", "jeon-th", region="대전", installed={2025: "2019-06", 2026: "2026-05"},
             life=5, ups="n-plus-1", kwh=80, room="same-room-partitioned", work=(2026,)),
        site("NIRS-DJ", "국가정보자원관리원 대전센터", "nirs", "none", region="대전"),
        site("NIRS-GJ", "국가정보자원관리원 광주센터", "nirs", "none", region="광주", years=(2026,)),
        site("CLOUD-N", "민간 클라우드 공공존 (춘천)", "cloud", "none", region="춘천", years=(2026,)),
    ],
    systems=[
        system("SEMAS-LOAN", "소상공인 정책자금 시스템", 1, "ko-jm", "yang-sb", "NIRS-DJ", {2026: "NIRS-GJ"},
               {2025: "backup-only", 2026: "hot"}),
        system("SEMAS-WEB", "홈페이지·소상공인마당", 2, "yang-sb", "ko-jm", "NIRS-DJ", {2026: "NIRS-GJ"},
               {2025: "backup-only", 2026: "warm"}),
        system("SEMAS-MKT", "전통시장 통합관리시스템", 3, "yang-sb", "ko-jm", "NIRS-DJ"),
        system("SEMAS-GW", "그룹웨어", 3, "ko-jm", None, "HQ", {2026: "CLOUD-N"}),
        system("SEMAS-ERP", "경영관리(ERP) 시스템", 3, "yang-sb", "ko-jm", "HQ", {2026: "CLOUD-N"}),
        system("SEMAS-EDU", "소상공인 지식배움터", 4, "yang-sb", None, "HQ"),
        system("SEMAS-24", "소상공인24 통합플랫폼", 2, "noh-ej", "yang-sb", "CLOUD-N", "NIRS-GJ", "warm", years=(2026,)),
    ],
    runs={
        2025: dict(
            as_of="2025-10-10", approved=("moon-hs", "2025-10-17"), prepared="song-yh", classification="내부용",
            story=["정책자금 시스템과 홈페이지는 국가정보자원관리원 대전센터에 입주해 있어 2025.9.26 화재로 중단되었다가",
                   "9.29 정책자금 업무가 정상화되었다. 입주 시스템 모두 재해복구 자원이 없다."],
            answers={
                "RED-20": {"SEMAS-LOAN": fix("광주센터 재해복구 자원 확보(행정안전부·국정자원 협의)", "lee-dw", "2025-11-07"),
                           "SEMAS-WEB": fix("광주센터 재해복구 자원 확보(행정안전부·국정자원 협의)", "lee-dw", "2025-11-07")},
                "RED-01": {"SEMAS-LOAN": fix("정책자금 시스템 RTO 재설정 및 재해복구 구축 계획 승인", "ko-jm", "2025-11-07")},
                "RED-14": {"SEMAS-LOAN": fix("재해복구 구축 후 전환시험", "ko-jm", "2026-01-08", value="never"),
                           "SEMAS-WEB": fix("재해복구 구축 후 전환시험", "yang-sb", "2026-01-08", value="never")},
                "BKP-03": {"SEMAS-MKT": fix("원격 소산 주기를 월 1회에서 주 1회로 단축(국정자원 협의)", "yang-sb",
                                            value="2025-08-31", note="국정자원 월말 오프라인 소산(공주)")},
                "BKP-20": {"SEMAS-GW": fix("그룹웨어 백업 복구 테스트 실시", "ko-jm", "2026-01-08", value="2024-06-18")},
                "BAT-02": {"HQ": fix("본사 UPS 축전지 교체(2026년 예산)", "jeon-th", "2026-01-08")},
                "BAT-05": {"HQ": fix("한국전기안전공사 정기검사 신청·수검", "jeon-th", "2025-12-19", value="2025-06-30",
                                     note="기존 UPS 미수검(유예기한 2025.6.30 경과)")},
                "BAT-20": {"HQ": fix("분기 점검 재개(유지보수 계약 갱신)", "jeon-th", "2026-03-31", value="2025-05-20")},
                "GOV-02": fix("기능연속성계획 개정(국정자원 화재 교훈 반영)", "song-yh", "2025-11-07", value="2024-03-15"),
                "GOV-05": fix("재해복구 모의훈련 실시", "song-yh", "2025-12-31", value="2024-05-22"),
                "GOV-01": fix("정보시스템 현황 재점검 및 EA 포털 등록", "song-yh", "2025-12-31", value="2024-07-01"),
                "ACC-05": fix("비상연락망 호출 시험", "ko-jm", "2025-12-31", value="2024-08-01"),
                "GOV-03": fix("업무영향분석 실시", "song-yh", "2025-12-31", value="never"),
                "GOV-06": keep("2025-08-28"),
                "ACC-06": fix("재해 선언 권한·승계 순위 규정", "song-yh", "2025-12-31", status="partial"),
                "BKP-05": {"SEMAS-LOAN": fix("오프라인 백업 매체 도입", "ko-jm", "2025-12-31", value="none")},
                "BKP-11": {"*": fix("원격 백업 암호화 키 대전 밖 보관", "ko-jm", "2025-12-31", status="partial")},
                "ACC-20": {"SEMAS-GW": keep(note="대리자 미지정(2026년 지정 예정)")},
            },
        ),
        2026: dict(
            as_of="2026-10-12", approved=("moon-hs", "2026-10-19"), prepared="song-yh", classification="내부용",
            story=["2026년 정책자금 시스템과 홈페이지의 재해복구를 광주센터에 구축하고,",
                   "소상공인24를 민간 클라우드에 신규 구축하였다.",
                   "그룹웨어 복구 테스트와 재해복구 훈련은 작년 약속과 달리 아직 실시하지 못하였다."],
            answers={
                "BKP-08": {"SEMAS-GW": fix("그룹웨어 백업 복구 테스트 실시(기한 재설정, 실장 보고)", "ko-jm",
                                           value="2024-06-18")},
                "GOV-05": fix("재해복구 모의훈련 실시(기한 재설정, 실장 보고)", "song-yh", value="2024-05-22"),
                "BKP-06": fix("부서 공유폴더 원격 백업", "ko-jm", status="partial", note="그룹웨어 문서함만 원격 백업"),
                "BKP-12": fix("구성정보·운영 절차서 원격 보관", "ko-jm"),
                "GOV-01": fix("정보시스템 현황 정합성 점검(원격 사본 포함)", "song-yh", value="2026-02-27"),
                "GOV-08": fix("국정자원 화재 교훈 조치 추적표 운영", "song-yh", status="partial"),
                "BAT-16": {"HQ": fix("축전지 교체·이설 작업절차서 제정", "jeon-th",
                                     note="2026년 5월 교체는 업체 절차서로 시행")},
                "ACC-05": fix("비상연락망 호출 시험", "ko-jm", value="2026-03-19"),
                "BKP-07": fix("백업 제외 자료 위험수용 서명", "song-yh", status="partial"),
                "GOV-06": fix("비상대응 교육", "song-yh", value="2025-08-28"),
                "BAT-12": {"HQ": fix("본사 전산실 축전지 방화구획 분리 공사", "jeon-th")},
                "ACC-01": {"SEMAS-GW": fix("그룹웨어 대리자 지정", "ko-jm"),
                           "SEMAS-EDU": fix("지식배움터 대리자 지정", "yang-sb")},
                "RED-15": {"SEMAS-MKT": fix("국정자원에 전통시장 시스템 재해복구 수준·최근 시험 결과 서면 요청", "yang-sb",
                                            status="partial", note="백업 방식만 회신받음")},
            },
        ),
    },
)

KOREG = dict(
    code="KOREG", ko="신용보증재단중앙회", en="Korea Federation of Credit Guarantee Foundations", dept="정보시스템부",
    people={
        "baek-sh": person("백승호", "회장", "sh.baek"),
        "yoo-js": person("유지수", "시설관리팀장", "js.yoo", years=(2025,)),
        "kwon-th": person("권태호", "시설관리팀장", "th.kwon", years=(2026,)),
        "shin-mr": person("신미래", "정보시스템부장(CIO)", "mr.shin", "+82-42-000-0401"),
        "cho-hn": person("조하늘", "정보보호팀장(CISO)", "hn.cho"),
        "ahn-bk": person("안병규", "전산운영팀장", "bk.ahn", "+82-42-000-0402"),
        "yoon-sa": person("윤서아", "보증시스템 담당", "sa.yoon"),
    },
    duty=dict(head="baek-sh", cio="shin-mr", sec="cho-hn", it="ahn-bk", fac={2025: "yoo-js", 2026: "kwon-th"},
              plan="cho-hn"),
    sites=[
        site("HQ-DC", "대전 본사 전산센터", "own", "li-ion", {2025: "yoo-js", 2026: "kwon-th"}, region="대전",
             installed="2022-03", life=10, ups="2n", bms={2025: 60, 2026: 5}, room="separate-fire-rated-room"),
        site("DR-SEL", "SK브로드밴드 서초 IDC 재해복구센터", "colocation", "vrla", "ahn-bk", region="서울",
             installed="2023-07", life=5, ups="2n", kwh=300),
    ],
    systems=[
        system("KOREG-GRT", "지역신보 통합보증시스템", 1, "ahn-bk", "yoon-sa", "HQ-DC", "DR-SEL", "hot"),
        system("KOREG-RE", "재보증 관리시스템", 2, "yoon-sa", "ahn-bk", "HQ-DC", "DR-SEL", "warm"),
        system("KOREG-CB", "신용정보 조회·연계시스템", 2, "yoon-sa", "ahn-bk", "HQ-DC", "DR-SEL", "warm"),
        system("KOREG-WEB", "홈페이지", 3, "ahn-bk", "yoon-sa", "HQ-DC", "DR-SEL"),
        system("KOREG-GW", "그룹웨어", 3, "ahn-bk", "yoon-sa", "HQ-DC", "DR-SEL"),
        system("KOREG-DW", "보증통계 정보시스템(DW)", 4, "yoon-sa", "ahn-bk", "HQ-DC"),
    ],
    runs={
        2025: dict(
            as_of="2025-10-16", approved=("baek-sh", "2025-10-23"), prepared="cho-hn", classification="대외비",
            story=["17개 지역신보의 보증 업무를 처리하는 통합보증시스템을 운영한다. 화재 당시 공공 마이데이터 연계 중단으로",
                   "일부 지역 보증이 수작업 처리되었다."],
            answers={
                "BAT-09": {"HQ-DC": fix("BMS 감시 주기 5초로 변경 및 관제 연동", "yoo-js")},
                "BAT-11": {"HQ-DC": fix("축전지실 가스감지기 추가 및 소방 수신반 연동", "yoo-js", "2026-01-13", status="partial",
                                        note="연기감지기와 CCTV만 있음, 가스감지기 없음")},
                "RED-14": {"KOREG-RE": fix("재보증 시스템 재해복구 전환시험", "yoon-sa", "2026-01-13", value="never")},
                "GOV-01": fix("정보시스템 현황 정합성 점검", "cho-hn", "2026-01-13", value="2024-08-30"),
                "GOV-05": fix("재해복구 종합훈련 실시", "cho-hn", "2026-01-13", value="2024-09-10"),
                "ACC-05": fix("비상연락망 호출 시험", "ahn-bk", "2026-01-13", value="2024-07-22"),
                "RED-12": {"KOREG-GRT": fix("회선 경로 이원화(다른 관로)", "ahn-bk", "2026-01-13", status="partial",
                                            note="두 회선이 같은 관로로 인입")},
                "BKP-05": {"KOREG-CB": fix("불변 백업 적용", "yoon-sa", "2026-01-13", value="none")},
            },
        ),
        2026: dict(
            as_of="2026-10-13", approved=("baek-sh", "2026-10-20"), prepared="cho-hn", classification="대외비",
            story=["2025년 개선조치를 모두 완료하였다."],
            files={("BKP-08", "KOREG-GRT"): "restore-test-2026-09.txt"},
            answers={
                "ACC-04": {"DR-SEL": fix("서초 IDC 유지보수 계약에 수명 도래 보고 의무 추가", "ahn-bk", status="partial",
                                         note="수명 도래 서면 보고 의무 미포함")},
                "BKP-14": {"KOREG-DW": fix("DW 백업 보존기간 조정", "yoon-sa", status="partial")},
                "GOV-07": {"DR-SEL": fix("서초 IDC 사업자에 소방 사전정보 제공 확인 요청", "ahn-bk", status="partial",
                                         note="본사는 제공 완료, IDC 사업자 확인서 미접수")},
                "RED-13": {"KOREG-CB": fix("신용정보 연계 의존성 목록 재검토", "yoon-sa", value="2025-07-08")},
                "RED-12": {"KOREG-CB": fix("신용정보 연계 회선 이원화", "ahn-bk", status="partial")},
                "BAT-15": {"HQ-DC": fix("KC 62619 인증서 사본 확보", "kwon-th", status="partial",
                                        note="제조사 시험성적서만 보유")},
                "BAT-17": {"HQ-DC": na("2026년에는 축전지 분리·이설 작업이 없었음")},
            },
        ),
    },
)

TIPA = dict(
    code="TIPA", ko="중소기업기술정보진흥원", en="Korea Technology and Information Promotion Agency for SMEs",
    dept="디지털정보실",
    people={
        "oh-yt": person("오영태", "원장", "yt.oh"),
        "ryu-kh": person("류경희", "디지털정보실장(CIO)", "kh.ryu"),
        "cha-sw": person("차승원", "정보보호팀장", "sw.cha", "+82-42-000-0501"),
        "ma-jy": person("마지영", "정보운영팀 차장", "jy.ma"),
        "goo-dh": person("구동현", "총무팀 시설 담당", "dh.goo"),
        "seol-hr": person("설하람", "R&D 시스템 담당", "hr.seol"),
    },
    duty=dict(head="oh-yt", cio="ryu-kh", sec="cha-sw", it="ma-jy", fac="goo-dh", plan="cha-sw"),
    sites=[
        site("HQ", "대전 본원 전산실", "own", "vrla", "goo-dh", region="대전", installed="2021-05", life=5, ups="n-plus-1",
             kwh=60, room="separate-room-not-fire-rated"),
        site("DR-OS", "오송 IDC 재해복구 상면", "colocation", "vrla", "ma-jy", region="청주", installed="2023-03", life=5,
             ups="2n", kwh=250),
        site("CLOUD-G", "민간 클라우드 공공존 (김해)", "cloud", "none", region="김해"),
    ],
    systems=[
        system("TIPA-SMTECH", "중소기업 기술개발사업 종합관리시스템(SMTECH)", {2025: 3, 2026: 2}, "seol-hr", "ma-jy", "HQ"),
        system("TIPA-TECH", "기술자료 임치시스템", 2, "ma-jy", "seol-hr", "HQ", "DR-OS", "warm"),
        system("TIPA-EVAL", "평가위원 관리시스템", 3, "seol-hr", "ma-jy", "HQ", "DR-OS", "cold"),
        system("TIPA-WEB", "홈페이지", 3, "ma-jy", "seol-hr", "CLOUD-G", "HQ"),
        system("TIPA-GW", "그룹웨어", 3, "ma-jy", "seol-hr", "HQ", "DR-OS"),
        system("TIPA-HR", "인사·급여 시스템", 4, "ma-jy", None, "HQ"),
    ],
    runs={
        2025: dict(
            as_of="2025-10-20", approved=("oh-yt", "2025-10-28"), prepared="cha-sw", classification="내부용",
            story=["SMTECH는 3등급으로 관리 중이며 재해복구 자원이 없다."],
            answers={
                "BKP-20": {"TIPA-EVAL": fix("평가위원 관리시스템 복구 테스트", "seol-hr", "2026-01-16", value="2024-09-10")},
                "BAT-20": {"HQ": fix("UPS 분기 점검 재개", "goo-dh", "2026-03-31", value="2025-06-10")},
                "GOV-02": fix("기능연속성계획 재검토·승인", "cha-sw", "2025-11-14", value="2024-06-30"),
                "RED-14": {"TIPA-TECH": fix("기술자료 임치시스템 전환시험", "ma-jy", "2026-01-16", value="never")},
                "ACC-05": fix("비상연락망 호출 시험", "ma-jy", "2026-01-16", value="2024-09-20"),
                "GOV-03": fix("업무영향분석 실시", "cha-sw", "2026-01-16", value="2023-12-15"),
                "GOV-05": keep("2025-08-21"),
                "GOV-04": {"HQ": fix("운영시설 안정성 자체점검·EA 포털 등록", "goo-dh", "2026-01-16", value="2024-08-30")},
                "BAT-03": {"HQ": fix("본원 UPS 축전지 교체 예산 확보", "goo-dh", "2026-01-16", note="교체 도래, 예산 미확보")},
                "RED-12": {"TIPA-TECH": fix("회선 이원화", "ma-jy", "2026-01-16", status="partial")},
                "BKP-11": {"TIPA-EVAL": fix("백업 암호화 적용", "seol-hr", "2026-01-16", status="non_compliant")},
                "BAT-05": {"HQ": na("납축전지 60 kWh로 법정 정기검사 대상(70 kWh 초과) 아님")},
                "ACC-20": {"TIPA-HR": keep(note="담당자 지정, 대리자 미지정")},
            },
        ),
        2026: dict(
            as_of="2026-10-16", approved=("oh-yt", "2026-10-23"), prepared="cha-sw", classification="내부용",
            story=["2026년 3월 정보시스템 등급 재산정에서 SMTECH를 2등급으로 올렸다. 재해복구는 오송 IDC에 구축 중이다."],
            answers={
                ("RED-01", "RED-03", "RED-04", "RED-06", "BKP-09", "RED-14"):
                    {"TIPA-SMTECH": fix("SMTECH 재해복구(오송 IDC) 구축·개통", "seol-hr")},
                "BKP-08": {"TIPA-EVAL": fix("평가위원 관리시스템 복구 테스트(기한 재설정)", "seol-hr", value="2024-09-10")},
                "BAT-02": {"HQ": fix("본원 UPS 축전지 교체 공사", "goo-dh")},
                "BAT-12": {"HQ": fix("축전지실 방화구획 공사", "goo-dh")},
                "BKP-06": fix("공유폴더·연구자료 저장소 원격 백업", "ma-jy"),
                "BKP-07": fix("대용량 평가영상 백업 제외 위험수용 서명", "cha-sw", status="partial",
                              note="제외 목록은 있으나 승인 없음"),
                "BAT-16": {"HQ": fix("축전지 작업절차서에 랙별 차단 확인 추가", "goo-dh", status="partial")},
                "ACC-05": fix("비상연락망 호출 시험", "ma-jy", value="2026-02-26"),
                "GOV-07": {"HQ": fix("대전 유성소방서에 축전지 현황 제공", "goo-dh")},
                "GOV-02": fix("기능연속성계획 재검토·승인(작년 약속 미이행)", "cha-sw", value="2024-06-30"),
                "GOV-05": fix("재해복구 훈련(SMTECH 포함)", "cha-sw", value="2025-08-21"),
                "BAT-07": {"HQ": fix("분기 셀 진단 실시", "goo-dh", value="2026-05-12")},
                "RED-07": {"HQ": fix("수전 이원화(예비 선로) 협의", "goo-dh", status="partial",
                                     note="단일 변전소, 예비 선로 없음")},
                "ACC-01": {"TIPA-HR": fix("인사·급여 시스템 대리자 지정", "ma-jy")},
                "BAT-05": {"HQ": na("납축전지 60 kWh로 법정 정기검사 대상(70 kWh 초과) 아님")},
            },
        ),
    },
)

KISED = dict(
    code="KISED", ko="창업진흥원", en="Korea Institute of Startup & Entrepreneurship Development", dept="디지털혁신팀",
    people={
        "ha-jk": person("하재경", "원장", "jk.ha"),
        "min-sj": person("민수정", "경영기획실장(CIO)", "sj.min"),
        "kwak-dy": person("곽도윤", "디지털혁신팀장", "dy.kwak", "+82-44-000-0601"),
        "pyo-hj": person("표현준", "정보보호 담당", "hj.pyo"),
        "eom-ys": person("엄유상", "총무팀 시설 담당", "ys.eom"),
    },
    duty=dict(head="ha-jk", cio="min-sj", sec="pyo-hj", it="kwak-dy", fac="eom-ys", plan="kwak-dy"),
    sites=[
        site("HQ", "세종 본원 전산실", "own", "li-ion", "eom-ys", region="세종", installed="2017-02", life=10, ups="n-plus-1",
             bms=15, clearance={2025: 1.2, 2026: 0.8}, room="separate-room-not-fire-rated"),
        site("NIRS-DJ", "국가정보자원관리원 대전센터", "nirs", "none", region="대전"),
        site("CLOUD-K", "민간 클라우드 공공존 (판교)", "cloud", "none", region="성남"),
    ],
    systems=[
        system("KISED-KS", "K-Startup 창업지원포털", 2, "kwak-dy", "pyo-hj", "NIRS-DJ", {2026: "CLOUD-K"},
               {2025: "backup-only", 2026: "warm"}),
        system("KISED-PMS", "창업사업 통합관리시스템", 2, "kwak-dy", "pyo-hj", "HQ", "CLOUD-K", "warm"),
        system("KISED-WEB", "홈페이지", 3, "pyo-hj", "kwak-dy", "HQ", "CLOUD-K"),
        system("KISED-GW", "그룹웨어", 3, "kwak-dy", "pyo-hj", "HQ", "CLOUD-K"),
        system("KISED-ERP", "경영관리(ERP) 시스템", 4, "pyo-hj", "kwak-dy", "HQ"),
    ],
    runs={
        2025: dict(
            as_of="2025-10-21", approved=("ha-jk", "2025-10-28"), prepared="kwak-dy", classification="내부용",
            story=["K-Startup 포털이 국가정보자원관리원 대전센터 화재로 4일간 중단되어",
                   "창업사업 공고를 기업마당으로 대체 안내하였다."],
            answers={
                "RED-20": {"KISED-KS": fix("K-Startup 재해복구(민간 클라우드) 구축 계획 수립·예산 확보", "kwak-dy")},
                "RED-14": {"KISED-KS": fix("재해복구 구축 후 전환시험", "kwak-dy", "2026-01-16", value="never")},
                "BAT-03": {"HQ": fix("본원 UPS 축전지 교체 예산 확보(2027년 교체)", "eom-ys", "2026-01-16",
                                     note="사용연한 87% 도래, 교체 예산 미확보")},
                "BAT-09": {"HQ": fix("BMS 감시 주기 10초 이하로 변경", "eom-ys")},
                "GOV-02": fix("기능연속성계획 개정", "kwak-dy", value="2024-04-30"),
                "ACC-05": fix("비상연락망 호출 시험", "kwak-dy", "2026-01-16", value="2024-06-12"),
                "BAT-11": {"HQ": fix("축전지실 가스감지기 설치", "eom-ys", "2026-01-16")},
                "BKP-05": {"KISED-PMS": fix("불변 백업 적용", "kwak-dy", "2026-01-16", value="none")},
                "GOV-06": fix("비상대응 교육", "kwak-dy", "2026-03-31", value="2024-05-20"),
            },
        ),
        2026: dict(
            as_of="2026-10-19", approved=("ha-jk", "2026-10-26"), prepared="kwak-dy", classification="내부용",
            story=["K-Startup 포털의 재해복구를 민간 클라우드에 구축하였다.",
                   "BMS 감시 주기 변경은 제조사 펌웨어 지원 문제로 지연되었다."],
            answers={
                "BAT-09": {"HQ": fix("BMS 펌웨어 교체 후 감시 주기 10초 이하로 변경(기한 재설정)", "eom-ys")},
                "BAT-12": {"HQ": fix("축전지실 방화구획 공사", "eom-ys")},
                "BAT-19": {"HQ": fix("축전지 랙 재배치로 이격거리 1 m 확보", "eom-ys",
                                     note="2026년 6월 랙 증설로 이격거리 감소")},
                "BKP-07": fix("백업 제외 자료 위험수용 서명·만료일 지정", "pyo-hj",
                              note="K-Startup 첨부파일 저장소 백업 제외, 승인 없음"),
                "GOV-07": {"HQ": fix("세종소방서 합동점검·축전지 현황 제공", "eom-ys")},
                "BKP-12": fix("구성정보 원격 보관", "kwak-dy", status="partial"),
                "BAT-22": {"HQ": fix("축전지 용량 시험(연 1회 대상)", "eom-ys", value="2024-09-10",
                                     note="사용연한 85% 초과로 연 1회 시험 대상")},
                "RED-15": {"KISED-KS": fix("국정자원에 K-Startup 재해복구 수준 서면 확인 요청", "kwak-dy", status="partial")},
                "BAT-17": {"HQ": na("2026년에는 축전지 분리·이설 작업이 없었음")},
                "BAT-18": {"HQ": na("2026년에는 축전지 작업이 없었음")},
            },
        ),
    },
)

KOSI = dict(
    code="KOSI", ko="중소벤처기업연구원", en="Korea SMEs & Startups Institute", dept="연구지원실",
    people={
        "seong-bj": person("성범준", "원장", "bj.seong"),
        "jin-ha": person("진하은", "연구지원실장", "ha.jin"),
        "do-gy": person("도건영", "정보화 담당", "gy.do", "+82-2-000-0701"),
        "ki-ms": person("기민서", "총무 담당", "ms.ki"),
    },
    duty=dict(head="seong-bj", cio="jin-ha", sec="do-gy", it="do-gy", fac="ki-ms", plan="jin-ha"),
    sites=[
        site("HQ", "서울 본원 전산실", "own", "vrla", "ki-ms", region="서울", installed="2023-01", life=5, ups="n", kwh=20,
             room="same-room-partitioned"),
        site("CLOUD-X", "민간 클라우드 공공존 (판교)", "cloud", "none", region="성남"),
    ],
    systems=[
        system("KOSI-WEB", "홈페이지·연구보고서 서비스", 3, "do-gy", "jin-ha", "CLOUD-X"),
        system("KOSI-RMS", "연구과제 관리시스템", 3, "do-gy", "jin-ha", "HQ", "CLOUD-X"),
        system("KOSI-STAT", "중소기업 통계DB", 3, "jin-ha", "do-gy", "HQ", "CLOUD-X"),
        system("KOSI-GW", "그룹웨어", 4, "do-gy", "jin-ha", "CLOUD-X"),
    ],
    runs={
        2025: dict(
            as_of="2025-10-22", approved=("seong-bj", "2025-10-29"), prepared="do-gy",
            story=["1·2등급 시스템이 없는 소규모 기관이다. 홈페이지와 그룹웨어는 민간 클라우드를 이용한다."],
            answers={
                "BKP-20": {"KOSI-STAT": fix("통계DB 백업 복구 테스트", "jin-ha", "2026-01-20", value="never")},
                "GOV-05": fix("재해복구 도상훈련 실시", "jin-ha", value="never"),
                "GOV-20": fix("재해복구계획 부처 제출", "jin-ha", "2026-06-30", value="2024-06-28"),
                "GOV-02": fix("기능연속성계획 재검토", "jin-ha", value="2024-05-02"),
                "GOV-03": fix("업무영향분석 실시", "jin-ha", "2026-01-20", value="never"),
                "ACC-06": fix("재해 선언 권한 규정", "jin-ha", "2026-01-20", status="non_compliant"),
                "ACC-05": fix("비상연락망 호출 시험", "do-gy", "2026-01-20", value="2024-03-08"),
                "BAT-20": {"HQ": fix("UPS 분기 점검 계약", "ki-ms", "2026-03-31", value="2025-02-14")},
                "BKP-03": {"KOSI-STAT": fix("통계DB 원격 소산 주기 단축", "jin-ha", value="2025-09-01")},
                "BAT-05": {"HQ": na("납축전지 20 kWh로 법정 정기검사 대상(70 kWh 초과) 아님")},
            },
        ),
        2026: dict(
            as_of="2026-10-20", approved=("seong-bj", "2026-10-27"), prepared="do-gy",
            story=["홈페이지의 재해복구 환경은 아직 없다."],
            answers={
                "BKP-06": fix("연구자료 공유폴더 원격 백업", "do-gy", note="연구자료 NAS가 본원에만 있음"),
                "BKP-12": fix("구성정보·운영 절차서 원격 보관", "do-gy"),
                "GOV-07": {"HQ": fix("동작소방서에 축전지 현황 제공", "ki-ms")},
                "ACC-05": fix("비상연락망 호출 시험", "do-gy", value="2026-01-22"),
                "GOV-01": fix("정보시스템 현황 정합성 점검", "jin-ha", value="2026-01-30"),
                "BAT-12": {"HQ": fix("전산실 축전지 방화구획 분리", "ki-ms")},
                "BAT-05": {"HQ": na("납축전지 20 kWh로 법정 정기검사 대상(70 kWh 초과) 아님")},
                "RED-15": {"KOSI-WEB": fix("클라우드 사업자 재해복구 수준·최근 시험 결과 서면 확보", "do-gy", status="partial",
                                           note="SLA만 확보, 재해복구 시험 결과 없음")},
            },
        ),
    },
)

KVIC = dict(
    code="KVIC", ko="한국벤처투자", en="Korea Venture Investment Corp.", dept="경영지원실",
    people={
        "yeo-sc": person("여상철", "대표이사", "sc.yeo"),
        "hong-gh": person("홍기현", "경영지원실장(CISO)", "gh.hong"),
        "choi-sw": person("최상우", "펀드시스템 담당", "sw.choi", years=(2025,)),
        "moon-jh": person("문지혜", "펀드시스템 담당", "jh.moon", years=(2026,)),
        "lee-sb": person("이수빈", "IT운영팀장", "sb.lee", "+82-2-000-0801"),
        "paik-jw": person("백지우", "총무팀 과장", "jw.paik"),
    },
    duty=dict(head="yeo-sc", cio="hong-gh", sec="hong-gh", it="lee-sb", fac="paik-jw", plan="lee-sb"),
    sites=[
        site("HQ", "서울 본사 전산실", "own", "li-ion", "paik-jw", region="서울", installed="2020-08", life=10,
             ups="n-plus-1", clearance=1.0, room={2025: "separate-room-not-fire-rated", 2026: "separate-fire-rated-room"}),
        site("DR-BS", "부산 문현 IDC 재해복구 상면", "colocation", "vrla", "lee-sb", region="부산", installed="2022-11",
             life=5, ups="n-plus-1", kwh=180),
    ],
    systems=[
        system("KVIC-FOF", "모태펀드 통합관리시스템", 2, {2025: "choi-sw", 2026: "moon-jh"}, "lee-sb", "HQ", "DR-BS", "warm"),
        system("KVIC-WEB", "홈페이지", 3, "lee-sb", {2025: "choi-sw", 2026: "moon-jh"}, "HQ", "DR-BS"),
        system("KVIC-VC", "벤처투자 정보시스템", 3, {2025: "choi-sw", 2026: "moon-jh"}, "lee-sb", "HQ", "DR-BS"),
        system("KVIC-GW", "그룹웨어", 3, "lee-sb", "paik-jw", "HQ", "DR-BS"),
        system("KVIC-ERP", "회계·인사 시스템", 4, "paik-jw", "lee-sb", "HQ"),
    ],
    runs={
        2025: dict(
            as_of="2025-10-14", approved=("yeo-sc", "2025-10-21"), prepared="lee-sb", classification="내부용",
            story=["모태펀드 통합관리시스템은 부산 IDC에 warm 방식 재해복구를 갖추었으나 전환시험을 하지 않았다."],
            answers={
                "RED-14": {"KVIC-FOF": fix("모태펀드 시스템 재해복구 전환시험", "choi-sw", "2026-01-09", value="never")},
                "BKP-05": {"KVIC-FOF": fix("불변(WORM) 백업 저장소 도입", "lee-sb", "2026-01-09", value="none")},
                "GOV-03": fix("업무영향분석 재실시", "lee-sb", "2026-01-09", value="2023-11-20"),
                "BAT-11": {"HQ": fix("축전지실 가스감지기 설치", "paik-jw", "2026-01-09")},
                "BAT-14": {"HQ": fix("배기설비 설치", "paik-jw", "2026-01-09", status="partial")},
                "ACC-04": {"DR-BS": fix("IDC 계약에 수명 도래 보고 조항 추가", "lee-sb", "2026-03-31", status="partial")},
                "GOV-06": fix("비상대응 교육", "lee-sb", "2026-03-31", value="2024-08-22"),
            },
        ),
        2026: dict(
            as_of="2026-10-13", approved=("yeo-sc", "2026-10-20"), prepared="lee-sb", classification="내부용",
            story=["펀드시스템 담당자가 바뀌었다. 업무영향분석은 외부 용역 지연으로 작년 약속을 지키지 못하였다."],
            answers={
                "GOV-03": fix("업무영향분석 용역 완료(기한 재설정)", "lee-sb", value="2023-11-20"),
                "BKP-08": {"KVIC-FOF": fix("모태펀드 시스템 분기 복구 테스트", "moon-jh", value="2026-04-22")},
                "RED-13": {"KVIC-VC": fix("벤처투자 정보시스템 연계 목록 검토", "moon-jh", value="2025-03-14")},
                "BKP-07": fix("백업 제외 자료 위험수용 서명", "hong-gh", status="partial"),
                "GOV-07": {"HQ": fix("소방서 합동점검 일정 협의", "paik-jw", status="partial",
                                     note="자료 제공 완료, 합동점검 미실시")},
                "ACC-05": fix("비상연락망 호출 시험", "lee-sb", value="2026-03-05"),
                "BAT-10": {"HQ": fix("BMS 셀 전압 편차 경보 원인 조사·조치", "paik-jw", note="2026년 8월 편차 경보 미종결")},
                "BAT-17": {"HQ": na("2026년에는 축전지 분리·이설 작업이 없었음")},
                "BAT-18": {"HQ": na("2026년에는 축전지 작업이 없었음")},
            },
        ),
    },
)

KODMA = dict(
    code="KODMA", ko="한국중소벤처기업유통원", en="Korea SMEs and Startups Distribution Agency (unofficial)",
    dept="디지털사업실",
    people={
        "gil-ys": person("길영선", "대표이사", "ys.gil"),
        "tak-mh": person("탁명환", "디지털사업실장(CIO)", "mh.tak"),
        "joo-sr": person("주세라", "정보보호팀장", "sr.joo", "+82-2-000-0901"),
        "ham-dk": person("함동기", "전산운영팀장", "dk.ham"),
        "bang-yj": person("방유진", "공공구매시스템 담당", "yj.bang"),
        "kook-hs": person("국희성", "시설관리 담당", "hs.kook"),
    },
    duty=dict(head="gil-ys", cio="tak-mh", sec="joo-sr", it="ham-dk", fac="kook-hs", plan="joo-sr"),
    sites=[
        site("HQ", "서울 목동 본사 전산실", "own", "li-ion", "kook-hs", region="서울", installed="2016-05", life=10,
             ups="n-plus-1", room="separate-fire-rated-room"),
        site("DR-DJ", "대전 민간 IDC 재해복구센터", "colocation", "vrla", "ham-dk", region="대전", installed="2023-09",
             life=5, ups="2n", kwh=220),
        site("CLOUD-M", "민간 클라우드 (온라인몰)", "cloud", "none", region="성남"),
    ],
    systems=[
        system("KODMA-SMPP", "공공구매종합정보망", 1, "bang-yj", "ham-dk", "HQ", "DR-DJ", "hot"),
        system("KODMA-PAN", "판판대로 판로지원 플랫폼", 2, "ham-dk", "bang-yj", "HQ", "DR-DJ", "warm"),
        system("KODMA-MALL", "행복한백화점 온라인몰", 3, "ham-dk", "bang-yj", "CLOUD-M", "DR-DJ"),
        system("KODMA-GW", "그룹웨어", 3, "ham-dk", "bang-yj", "HQ", "DR-DJ"),
        system("KODMA-ERP", "경영관리(ERP) 시스템", 4, "ham-dk", "bang-yj", "HQ"),
        system("KODMA-OLD", "구 판로지원시스템(2025년 폐기)", 4, "ham-dk", None, "HQ", years=(2025,)),
    ],
    runs={
        2025: dict(
            as_of="2025-10-23", approved=("gil-ys", "2025-10-30"), prepared="joo-sr", classification="내부용",
            story=["본사 UPS 리튬이온 축전지(2016년 설치)가 사용연한 90%를 넘었다. 구 판로지원시스템은 연말 폐기 예정이다."],
            answers={
                "BAT-03": {"HQ": fix("본사 UPS 축전지 교체 예산 확보", "kook-hs", "2026-01-20",
                                     note="교체 시기 도래, 예산 미확보")},
                "RED-14": {"KODMA-PAN": fix("판판대로 재해복구 전환시험", "ham-dk", "2026-01-20", value="never")},
                "GOV-20": fix("재해복구계획 부처 제출", "joo-sr", "2026-06-30", value="2024-07-15"),
                "BAT-11": {"HQ": fix("축전지실 가스감지기 추가", "kook-hs", "2026-01-20", status="partial")},
                "BKP-20": {"KODMA-GW": fix("그룹웨어 백업 복구 테스트", "ham-dk", "2026-01-20", value="2024-05-09")},
                "GOV-02": fix("기능연속성계획 재검토", "joo-sr", value="2024-09-30"),
                "ACC-05": fix("비상연락망 호출 시험", "ham-dk", "2026-01-20", value="2024-10-02"),
                "RED-12": {"KODMA-SMPP": fix("회선 경로 이원화", "bang-yj", "2026-01-20", status="partial")},
                "ACC-20": {"KODMA-OLD": keep(note="폐기 예정 시스템, 담당자만 지정")},
            },
        ),
        2026: dict(
            as_of="2026-10-21", approved=("gil-ys", "2026-10-28"), prepared="joo-sr", classification="내부용",
            story=["축전지 교체 예산은 확보하였으나 공사가 11월로 밀려",
                   "사용연한을 넘긴 상태로 위험을 수용하였다(2026.12.31까지)."],
            risk="2026-12-31",
            answers={
                "BAT-02": {"HQ": fix("본사 UPS 축전지 교체 공사(11월) 완료", "kook-hs",
                                     note="2016년 5월 설치, 설계수명 10년 — 교체 전까지 위험수용(2026.12.31)")},
                "RED-16": {"HQ": fix("본사 UPS 2N 증설(축전지 교체와 동시 시공)", "kook-hs")},
                "BKP-06": fix("부서 공유폴더 원격 백업", "ham-dk", status="partial"),
                "GOV-08": fix("국정자원 화재 교훈 조치 추적", "joo-sr", status="partial"),
                "BAT-21": {"HQ": fix("내부저항 증가 모듈 교체(축전지 교체 시)", "kook-hs", value=24)},
                "BAT-08": {"HQ": keep(83)},
                "GOV-07": {"HQ": fix("양천소방서에 축전지 현황·도면 제공", "kook-hs")},
                "ACC-05": fix("비상연락망 호출 시험", "ham-dk", value="2026-03-30"),
                "BAT-17": {"HQ": na("2026년에는 축전지 분리·이설 작업이 없었음")},
                "BAT-18": {"HQ": na("2026년에는 축전지 작업이 없었음")},
            },
        ),
    },
)

KPHS = dict(
    code="KPHS", ko="공영홈쇼핑", en="Public Home Shopping (unofficial)", dept="IT전략팀",
    people={
        "nam-kj": person("남궁진", "대표이사", "kj.nam"),
        "won-sh": person("원승현", "IT전략팀장(CISO)", "sh.won", "+82-2-000-1001"),
        "so-yr": person("소예린", "IT운영 담당", "yr.so"),
        "byun-jc": person("변재춘", "방송기술팀장", "jc.byun"),
        "ahn-hy": person("안하영", "경영지원팀 시설 담당", "hy.ahn"),
    },
    duty=dict(head="nam-kj", cio="won-sh", sec="won-sh", it="so-yr", fac="ahn-hy", plan="won-sh"),
    sites=[
        site("HQ", "상암 방송센터 전산실", "own", "li-ion", "ahn-hy", region="서울", installed="2015-07", life=10,
             ups="n-plus-1", bms=30, group=60, clearance=0.7, room="same-room-as-it", work=(2026,)),
        site("CLOUD-A", "민간 클라우드 (온라인몰)", "cloud", "none", region="서울"),
    ],
    systems=[
        system("KPHS-OMS", "방송·주문 통합시스템", 1, "so-yr", "won-sh", "HQ"),
        system("KPHS-MALL", "공영쇼핑 온라인몰", 2, "so-yr", "won-sh", "CLOUD-A"),
        system("KPHS-CC", "콜센터 시스템", 2, "so-yr", None, "HQ"),
        system("KPHS-BIS", "방송 송출·편성 시스템", 2, "byun-jc", "so-yr", "HQ"),
        system("KPHS-WMS", "물류관리(WMS) 시스템", 3, "so-yr", None, "HQ"),
        system("KPHS-GW", "그룹웨어", 3, "so-yr", "won-sh", "CLOUD-A"),
    ],
    runs={
        2025: dict(
            as_of="2025-10-24", approved=("nam-kj", "2025-10-31"), prepared="won-sh", classification="내부용",
            story=["방송센터 UPS 리튬이온 축전지(2015년 설치)가 전산 장비와 같은 공간에 있고 설계수명을 넘겼다.",
                   "재해복구 사이트가 없다."],
            answers={
                "BAT-02": {"HQ": fix("방송센터 UPS 축전지 교체", "ahn-hy", "2026-01-16")},
                "BAT-20": {"HQ": fix("UPS 분기 점검 재개(유지보수 업체 변경)", "ahn-hy", "2026-03-31", value="2025-04-11")},
                "BAT-09": {"HQ": fix("BMS 감시 주기 10초 이하로 변경", "ahn-hy")},
                "BAT-11": {"HQ": fix("축전지 열폭주 조기감지(가스감지기) 설치", "ahn-hy", "2026-01-16")},
                "BAT-14": {"HQ": fix("리튬이온 전용 소화·배기 설비 설계", "ahn-hy", "2026-01-16", status="partial",
                                     note="가스계 소화설비만 있음")},
                "BAT-08": {"HQ": keep(84, note="설계수명 경과로 연 1회 용량 시험")},
                "RED-20": {"*": fix("재해복구 사이트 확보 방안 수립(민간 IDC 또는 클라우드)", "won-sh")},
                "RED-01": {"KPHS-OMS": fix("방송·주문 시스템 RTO 재설정 및 재해복구 구축 계획", "won-sh")},
                "RED-14": {"*": fix("재해복구 구축 후 전환시험", "so-yr", "2026-01-16", value="never")},
                "BKP-05": {"KPHS-OMS": fix("오프라인 백업 매체 도입", "so-yr", "2026-01-16", value="none"),
                           "KPHS-CC": fix("오프라인 백업 매체 도입", "so-yr", "2026-01-16", value="none")},
                "GOV-02": fix("기능연속성계획 수립", "won-sh", value="never"),
                "GOV-05": fix("재해복구 도상훈련", "won-sh", "2026-01-16", value="never"),
                "GOV-03": fix("업무영향분석 실시", "won-sh", "2026-01-16", value="never"),
                "GOV-01": keep("2025-10-20"),
                "GOV-04": {"HQ": fix("운영시설 안정성 자체점검", "ahn-hy", "2026-01-16", value="2023-11-28")},
                "GOV-06": fix("비상대응 교육", "won-sh", "2026-03-31", value="never"),
                "ACC-05": fix("비상연락망 호출 시험", "so-yr", "2026-01-16", value="2024-05-17"),
                "ACC-06": fix("재해 선언 권한 규정", "won-sh", "2026-01-16", status="non_compliant"),
                "BKP-11": {"*": fix("백업 암호화 적용", "so-yr", "2026-01-16", status="partial")},
                "BKP-03": {"KPHS-OMS": fix("원격 소산 매일 전송", "so-yr", value="2025-10-17", note="주 1회 테이프 반출")},
                "RED-12": {"*": fix("통신망 이원화", "so-yr", "2026-01-16", status="partial")},
                "ACC-20": {"KPHS-CC": keep(note="담당자 1명, 대리자 없음")},
            },
        ),
        2026: dict(
            as_of="2026-10-22", approved=None, prepared="won-sh",
            story=["축전지 교체는 예산 부족으로 2027년으로 미뤄졌고, 4월 일부 모듈 교체 작업은 SOC 기록 없이 진행되었다.",
                   "재해복구는 여전히 없다. 결재 전 초안이다."],
            answers={
                "BAT-02": {"HQ": fix("방송센터 UPS 축전지 교체(작년 약속 미이행, 2027년 예산 요구)", "ahn-hy")},
                "BAT-03": {"HQ": fix("축전지 교체 예산 확보", "ahn-hy", due="2026-03-31", note="2026년 예산 미반영")},
                "BAT-06": {"HQ": fix("월간 축전지 점검 재개", "ahn-hy", due="2026-03-31", value="2026-02-27")},
                "BAT-07": {"HQ": fix("분기 셀 진단 실시", "ahn-hy", value="2026-01-15")},
                "BAT-09": {"HQ": fix("BMS 감시 주기 10초 이하로 변경", "ahn-hy")},
                "BAT-11": {"HQ": fix("축전지 열폭주 조기감지(가스감지기) 설치", "ahn-hy")},
                "BAT-12": {"HQ": fix("축전지를 방화구획 별도 실로 이전", "ahn-hy")},
                "BAT-13": {"HQ": fix("랙 그룹 분할(50 kWh 이하)", "ahn-hy")},
                "BAT-19": {"HQ": fix("축전지와 전산 장비 이격거리 1 m 확보", "ahn-hy")},
                "BAT-14": {"HQ": fix("리튬이온 전용 소화·배기 설비 설치", "ahn-hy", status="partial",
                                     note="가스계 소화설비만 있음")},
                "BAT-16": {"HQ": fix("축전지 작업절차서 제정", "ahn-hy")},
                "BAT-17": {"HQ": fix("작업 전 SOC 30% 이하 저감·기록 절차 도입", "ahn-hy",
                                     note="2026년 4월 모듈 교체 시 SOC 미측정")},
                "BAT-18": {"HQ": fix("작업 감독·하도급 확인 절차 도입", "ahn-hy", status="partial",
                                     note="면허 업체 시공, 기관 직원 입회 기록 없음")},
                "BAT-21": {"HQ": fix("내부저항 증가 모듈 교체", "ahn-hy", value=27)},
                "BAT-08": {"HQ": keep(81, note="전년 84%에서 하락, 교체 기준(80%) 근접")},
                ("RED-01", "RED-03", "RED-04", "RED-06", "BKP-09", "RED-14"):
                    {"KPHS-OMS": fix("방송·주문 시스템 재해복구 구축", "won-sh"),
                     "KPHS-CC": fix("콜센터 재해복구 구축", "so-yr"),
                     "KPHS-BIS": fix("방송 송출 시스템 재해복구 구축", "byun-jc"),
                     "KPHS-MALL": fix("온라인몰 다른 리전 재해복구 구성", "so-yr")},
                "RED-02": {"KPHS-OMS": fix("주문 DB 실시간 복제 도입", "so-yr")},
                "RED-16": {"HQ": fix("방송센터 UPS 2N 증설", "ahn-hy")},
                "RED-15": {"KPHS-MALL": fix("클라우드 사업자 재해복구 확인서 확보", "so-yr", status="non_compliant"),
                           "KPHS-GW": fix("클라우드 사업자 재해복구 확인서 확보", "so-yr", status="non_compliant")},
                "BKP-05": {"KPHS-OMS": fix("오프라인 백업 매체 도입", "so-yr", value="none"),
                           "KPHS-CC": fix("오프라인 백업 매체 도입", "so-yr", value="none")},
                "BKP-06": fix("공용 파일서버 원격 백업", "so-yr", status="partial", note="파일서버 백업이 본사에만 있음"),
                "BKP-12": fix("구성정보·운영 절차서 원격 보관", "so-yr"),
                "GOV-01": fix("정보시스템 현황 정합성 점검 및 원격 사본 보관", "won-sh", value="2025-10-20"),
                "GOV-02": fix("기능연속성계획 수립", "won-sh", due="2026-03-31", value="never"),
                "GOV-05": fix("재해복구 도상훈련", "won-sh", value="never"),
                "GOV-07": {"HQ": fix("소방서에 축전지 현황·도면 제공", "ahn-hy")},
                "ACC-01": {"KPHS-CC": fix("콜센터 대리자 지정", "so-yr"), "KPHS-WMS": fix("물류관리 대리자 지정", "so-yr")},
                "ACC-07": fix("대표이사 결재", "won-sh", status="partial", note="결재 전 초안"),
                "ACC-08": fix("기한 경과 개선조치 재수립 및 대표이사 보고", "won-sh",
                              note="2026.3.31 기한 3건(BAT-03, BAT-06, GOV-02) 미이행"),
            },
        ),
    },
)

KDESC = dict(
    code="KDESC", ko="장애인기업종합지원센터", en="Korea Disabled Enterprise Support Center (unofficial)",
    dept="경영지원팀",
    people={
        "jo-ik": person("조인규", "이사장", "ik.jo"),
        "woo-sh": person("우상희", "경영지원팀장", "sh.woo"),
        "yu-da": person("유다인", "전산 담당", "da.yu", "+82-2-000-1101"),
        "im-jh": person("임재현", "사업운영 담당", "jh.im"),
    },
    duty=dict(head="jo-ik", cio="woo-sh", sec="woo-sh", it="yu-da", fac="woo-sh", plan="woo-sh"),
    sites=[
        site("HQ", "서울 본부 서버실", "own", "vrla", "woo-sh", region="서울", installed="2018-04", life=5, ups="n", kwh=6,
             fuel=0, room="same-room-as-it"),
        site("CLOUD-G", "민간 클라우드 공공존", "cloud", "none", region="성남"),
    ],
    systems=[
        system("KDESC-CERT", "장애인기업 확인·지원시스템", 2, "yu-da", None, "HQ"),
        system("KDESC-PUB", "장애인기업 제품 공공구매 지원시스템", 3, "im-jh", "yu-da", "HQ"),
        system("KDESC-WEB", "홈페이지", 3, "yu-da", "im-jh", "CLOUD-G"),
        system("KDESC-GW", "그룹웨어", 4, "yu-da", None, "CLOUD-G"),
    ],
    runs={
        2025: dict(
            as_of="2025-10-27", approved=None, prepared="yu-da",
            story=["전산 담당 1명이 운영한다. 서버실 UPS는 소형(6 kWh)이며 비상발전기가 없다. 결재 전 초안이다."],
            answers={
                "BAT-02": {"HQ": fix("서버실 UPS 축전지 교체", "woo-sh", "2026-01-23")},
                "BAT-03": {"HQ": fix("UPS 축전지 교체 예산 확보", "woo-sh", "2026-01-23")},
                "BAT-20": {"HQ": fix("UPS 분기 점검 계약", "woo-sh", "2026-03-31", value="never")},
                "BAT-08": {"HQ": fix("축전지 용량 시험", "woo-sh", "2026-01-23", value=71)},
                "RED-20": {"KDESC-CERT": fix("확인시스템 클라우드 재해복구 구성 계획", "yu-da")},
                "RED-05": {"KDESC-CERT": fix("확인시스템 DB 이중화", "yu-da", "2026-01-23", status="non_compliant")},
                "RED-08": {"HQ": fix("UPS N+1 증설", "woo-sh", "2026-01-23")},
                "RED-09": {"HQ": fix("비상발전기 대체 방안(건물 발전기 연결) 협의", "woo-sh", "2026-01-23")},
                "RED-10": {"HQ": fix("건물 발전기 부하시험 참관", "woo-sh", "2026-03-31", value="never")},
                "RED-14": {"KDESC-CERT": fix("전환시험", "yu-da", "2026-01-23", value="never")},
                "BKP-03": {"KDESC-CERT": fix("원격 소산 도입", "yu-da", value="never"),
                           "KDESC-PUB": fix("원격 소산 도입", "im-jh", value="never")},
                "BKP-05": {"KDESC-CERT": fix("오프라인 백업 도입", "yu-da", "2026-01-23", value="none")},
                "BKP-20": {"*": fix("백업 복구 테스트", "yu-da", "2026-01-23", value="never")},
                "GOV-02": fix("기능연속성계획 수립", "woo-sh", value="never"),
                "GOV-03": fix("업무영향분석", "woo-sh", "2026-01-23", value="never"),
                "GOV-05": fix("재해복구 도상훈련", "woo-sh", "2026-01-23", value="never"),
                "GOV-04": {"HQ": fix("운영시설 안정성 자체점검", "woo-sh", "2026-01-23", value="never")},
                "ACC-05": fix("비상연락망 호출 시험", "woo-sh", "2026-01-23", value="never"),
                "ACC-07": fix("이사장 결재", "woo-sh", status="partial", note="결재 전 초안"),
                "ACC-20": {"KDESC-CERT": keep(note="담당자 1명, 대리자 없음")},
                "BAT-05": {"HQ": na("납축전지 6 kWh로 법정 정기검사 대상(70 kWh 초과) 아님")},
            },
        ),
        2026: dict(
            as_of="2026-10-23", approved=None, prepared="yu-da",
            story=["복구 테스트와 용량 시험은 하였으나 재해복구와 축전지 교체는 예산 미확보로 이행하지 못하였다.",
                   "결재 전 초안이다."],
            answers={
                "BAT-02": {"HQ": fix("서버실 UPS 축전지 교체(기한 재설정)", "woo-sh")},
                "BAT-03": {"HQ": fix("UPS 축전지 교체 예산 확보", "woo-sh")},
                "BAT-12": {"HQ": fix("UPS를 서버실 밖 별도 공간으로 이전", "woo-sh")},
                "BAT-08": {"HQ": fix("용량 미달 축전지 교체(BAT-02와 함께)", "woo-sh", value=69)},
                "BAT-16": {"HQ": fix("축전지 작업절차서 제정", "woo-sh")},
                ("RED-01", "RED-03", "RED-04", "RED-06", "BKP-09"):
                    {"KDESC-CERT": fix("확인시스템 클라우드 재해복구 구성", "yu-da")},
                "RED-05": {"KDESC-CERT": fix("확인시스템 DB 이중화", "yu-da", status="non_compliant")},
                "RED-08": {"HQ": fix("UPS N+1 증설", "woo-sh")},
                "RED-09": {"HQ": fix("건물 비상발전기 연결", "woo-sh")},
                "RED-10": {"HQ": fix("건물 발전기 부하시험 참관", "woo-sh", value="never")},
                "RED-11": {"HQ": fix("서버실 항온항습기 이중화", "woo-sh", status="non_compliant")},
                "RED-14": {"KDESC-CERT": fix("전환시험", "yu-da", value="never")},
                "BKP-03": {"KDESC-CERT": fix("원격 소산 매일 전송", "yu-da", value="2026-09-30")},
                "BKP-05": {"KDESC-CERT": fix("오프라인 백업 도입", "yu-da", value="none")},
                "BKP-06": fix("공용 파일 원격 백업", "yu-da"),
                "BKP-07": fix("대용량 영상자료 백업 제외 위험수용 서명", "woo-sh", note="영상자료 백업 제외, 승인 없음"),
                "BKP-12": fix("구성정보 원격 보관", "yu-da"),
                "BKP-13": {"KDESC-CERT": fix("백업을 클라우드 스토리지로 소산", "yu-da", value="same-room"),
                           "KDESC-PUB": fix("백업을 클라우드 스토리지로 소산", "im-jh", value="same-room")},
                "GOV-02": fix("기능연속성계획 수립", "woo-sh", value="never"),
                "GOV-05": fix("재해복구 도상훈련", "woo-sh", value="never"),
                "GOV-07": {"HQ": fix("소방서에 축전지 현황 제공", "woo-sh")},
                "ACC-01": {"KDESC-CERT": fix("대리자 지정", "yu-da"), "KDESC-GW": fix("대리자 지정", "yu-da")},
                "ACC-07": fix("이사장 결재", "woo-sh", status="partial", note="결재 전 초안"),
                "BAT-05": {"HQ": na("납축전지 6 kWh로 법정 정기검사 대상(70 kWh 초과) 아님")},
            },
        ),
    },
)

INSTITUTIONS = [KOSME, KIBO, SEMAS, KOREG, TIPA, KISED, KOSI, KVIC, KODMA, KPHS, KDESC]

# --- NIRS Daejeon, the day before the fire ---------------------------------------------
# Facts: shared/reference/controls.md Part A (public reporting). Where a fact is not public,
# the answer is the plausible one and its comment says "가정" (assumption).

ANNOUNCED = "2026-12-31"  # the 2026 DR expansion (13 core systems active-active, 121 storage DR): announced for 2026
AA_DR = "핵심 13개 시스템 액티브-액티브 이중화(2,120억 원) — 화재 후 정부 대책"
STORAGE_DR = "스토리지 기반 재해복구 121개 시스템 확대(2026년) — 화재 후 정부 대책"
NEW_BATTERY = "리튬이온 UPS 축전지 전량 교체·지하 별도 축전지실 이전 — 화재 후 정부 대책(통합기준 개정: 전 등급 UPS·축전지 분리)"

NIRS = dict(
    code="NIRS", ko="국가정보자원관리원", en="National Information Resources Service", dept="운영기획과",
    people={
        "jang-sw": person("장선우", "재구성 작성자(가상 인물)", "sw.jang"),
        "kim-do": person("김도윤", "운영기획과장(가상 인물)", "do.kim"),
        "park-ha": person("박하린", "전력·기계설비 담당(가상 인물)", "ha.park"),
        "lee-gs": person("이건수", "클라우드 서비스 담당(가상 인물)", "gs.lee"),
        "seo-mj": person("서민재", "백업·재해복구 담당(가상 인물)", "mj.seo"),
        "han-yr": person("한예린", "통합운영관리(nTOPS) 담당(가상 인물)", "yr.han"),
    },
    duty=dict(head="kim-do", cio="kim-do", sec="kim-do", it="seo-mj", fac="park-ha", plan="kim-do"),
    sites=[
        site("DJ-71", "대전 본원 전산동 5층 7-1 전산실", "own", "li-ion", "park-ha", region="대전", installed="2014-08-15",
             life=10, ups="n-plus-1", bms=5, group=40, clearance=0.6, room="same-room-as-it", work=(2025,)),
        site("DJ-HQ", "대전 본원 전산동 다른 전산실(7-1 외)", "own", "none", "park-ha", region="대전", ups="n-plus-1",
             room="separate-fire-rated-room"),
        site("GJ", "광주센터", "own", "vrla", "park-ha", region="광주", installed="2021-06", life=5, ups="2n", kwh=900,
             room="separate-fire-rated-room"),
        site("GONGJU", "공주 백업센터", "own", "vrla", "park-ha", region="공주", installed="2025-05", life=5, ups="2n",
             kwh=600, room="separate-fire-rated-room"),
    ],
    systems=[
        system("GOV24", "정부24", 1, "seo-mj", "kim-do", "DJ-HQ", "GJ", "warm"),
        system("DBRAIN", "dBrain+ 디지털예산회계시스템", 1, "seo-mj", "kim-do", "DJ-HQ"),
        system("EPOST", "인터넷우체국", 1, "seo-mj", "kim-do", "DJ-HQ"),
        system("GDRIVE", "G-Drive 공무원 업무용 클라우드", 2, "lee-gs", "seo-mj", "DJ-71", model="none"),
        system("NTOPS", "nTOPS 통합운영관리시스템", 2, "han-yr", "kim-do", "DJ-HQ", model="none"),
        system("G4B", "기업지원플러스(G4B)", 2, "seo-mj", "lee-gs", "DJ-HQ", model="none"),
        system("EPEOPLE", "국민신문고", 2, "seo-mj", "lee-gs", "DJ-HQ"),
        system("ONNARA", "온나라 업무관리시스템", 3, "seo-mj", "han-yr", "DJ-HQ"),
    ],
    runs={
        2025: dict(
            as_of="2025-09-25", approved=None, prepared="jang-sw", classification="공개 재구성", version="2026.1",
            path="nirs-daejeon-2025-09-25.yaml",
            story=[
                "국가정보자원관리원 대전 본원을 화재 전날(2025-09-25) 기준으로 2026.1 점검표에 비추어 재구성한 자료이다.",
                "근거: 공개 보도(shared/reference/controls.md Part A). 인물은 가상이며 실제 직원이 아니다.",
                "시스템 8개는 화재로 중단된 647개(정정 후 709개)를 대표한다. 7-1 전산실(DJ-71)에서 직접 소실된",
                "96개를 G-Drive가, 항온항습 중단으로 선제 중단된 551개를 같은 건물 다른 전산실(DJ-HQ)의 7개가 대표한다",
                "(G-Drive 외 시스템의 전산실 배치는 가정).",
                "백업이 전혀 없던 248개(38.4%)는 8개 중 3개(G-Drive, nTOPS, G4B — 뒤의 둘은 가정)로 나타냈다.",
                "당시 서버·스토리지 재해복구를 갖춘 시스템은 47개(7.2%)뿐이었고 백업 대부분은 같은 센터 안에 있었다.",
                "공개되지 않은 사실은 그럴듯한 값을 넣고 '가정'이라 적었다.",
                "개선조치(remediation)는 화재 후 발표된 대책이다. 기한은 발표된 것(2026년 재해복구 확충: 핵심 13개",
                "액티브-액티브, 121개 스토리지 재해복구)만 발표 시점(2026년 말)을 적고, 발표되지 않은 것은",
                "점검표의 심각도별 기한(중대 30일, 높음 90일 등)을 적용하였다.",
            ],
            answers={
                # --- 축전지: 7-1 전산실의 리튬이온 UPS ---
                "BAT-01": {"DJ-71": fix("축전지 현황 대장 정비·소방서 공유", "park-ha", status="partial",
                                        note="팩 수량 보도가 192개와 384개로 엇갈림 — 대장과 현장 불일치 가능성(가정)")},
                "BAT-02": {"DJ-71": fix(NEW_BATTERY, "park-ha",
                                        note="LG에너지솔루션 셀, 2014년 8월 설치, 설계수명 10년 경과(11.1년)")},
                "BAT-03": {"DJ-71": fix(NEW_BATTERY, "park-ha",
                                        note="이설 사업만 있고 교체 일정·예산 없음")},
                "BAT-04": {"DJ-71": fix("2024.6.27 LG CNS 교체 권고 조치 — 사용 중지 및 교체", "park-ha", value=455,
                                        note="2024.6.27 LG CNS 점검: 이상 없음이나 10년 경과로 교체 권고, "
                                             "전압 차로 팩 온도 편차. "
                                             "2024·2025년 정기검사 통과를 이유로 계속 사용")},
                "BAT-05": {"DJ-71": keep("2026-06-30", note="2024·2025년 정기검사 통과 보도. 다음 검사일은 가정")},
                "BAT-08": {"DJ-71": keep(86, note="2024.6 점검 결과 '이상 없음' 보도. 용량 수치는 가정")},
                "BAT-09": {"DJ-71": keep(note="BMS 있음. 감시 주기는 미공개(가정)")},
                "BAT-10": {"DJ-71": fix("팩 온도 편차 원인 조사·조치", "park-ha",
                                        note="2024.6 점검에서 지적된 온도 편차 미해소(가정)")},
                "BAT-11": {"DJ-71": fix("가스감지기·CCTV 설치(민간 데이터센터 보호지침 수준)", "park-ha",
                                        note="민간 집적정보통신시설 보호지침이 국가 시설에 적용되지 않았음 — "
                                             "가스감지 없음(가정)")},
                "BAT-12": {"DJ-71": fix(NEW_BATTERY, "park-ha",
                                        note="축전지가 서버와 같은 전산실에 있었음(이설 사업 진행 중)")},
                "BAT-14": {"DJ-71": fix("리튬이온 대응 소화·배기·랙간 비상차단 설비", "park-ha", status="partial",
                                        note="가스계(CO₂) 소화 위주, 장비 보호를 위해 물 사용 최소화")},
                "BAT-19": {"DJ-71": fix(NEW_BATTERY, "park-ha",
                                        note="축전지와 서버 간격 약 60 cm, 서버 열 간격 1.2 m")},
                "BAT-21": {"DJ-71": fix("셀 내부저항 전수 측정·편차 모듈 교체", "park-ha", value=25,
                                        note="내부저항 수치는 미공개. "
                                             "2024년 점검의 전압 편차·온도 편차 지적을 근거로 20% 초과로 가정")},
                "BAT-16": {"DJ-71": fix("배터리 작업절차서 제정: 랙별 BPU 차단·무전압 확인·케이블 절연, 소량 이동, 소방서 사전 통보",
                                    "park-ha", "2025-10-24",
                                    note="절차에 랙별 차단 확인이 없었음. "
                                         "화재 당일 1~8번 랙 중 1번 랙 BPU만 차단(경찰·소방 조사)"),
                           "GJ": na("광주센터는 2025년 축전지 교체·이설 작업 없음(가정)"),
                           "GONGJU": na("공주센터는 신축 설비로 축전지 작업 없음(가정)")},
                "BAT-17": {"DJ-71": fix("작업 전 SOC 30% 이하 저감·기록 의무화", "park-ha", value=100,
                                        note="SOC 저감 없이 분리 작업(국정감사 증언). "
                                             "측정 기록이 없어 지침대로 100 입력(약 80%라는 주장은 미확인)")},
                "BAT-18": {"DJ-71": fix("전기공사 면허 업체 직접 시공·감리 입회·불법 하도급 금지", "park-ha",
                                        note="영세 하도급·일용 인력 13명 작업, 5개 업체 10명 불법 하도급 입건"),
                           "GJ": na("광주센터는 2025년 축전지 작업 없음(가정)"),
                           "GONGJU": na("공주센터는 신축 설비로 축전지 작업 없음(가정)")},
                "GOV-07": {"DJ-71": fix("소방 합동점검 전 층 허용·축전지 현황·도면 소방서 제공", "kim-do",
                                        note="2024년 소방 점검이 보안구역(2~5층)에 들어가지 못함, "
                                             "화재 대응 시 축전지 현황·도면 없음")},
                "RED-11": {"DJ-HQ": fix("항온항습 구역 분리·이중화", "park-ha",
                                        note="화재로 항온항습이 멈춰 다른 전산실의 551개 시스템을 선제 중단"),
                           "DJ-71": fix("항온항습 구역 분리·이중화", "park-ha",
                                        note="화재 구역의 항온항습 상실이 건물 전체 냉방에 영향(보도)")},
                "RED-16": {"DJ-HQ": fix("UPS 2N 계통 구성(축전지 작업 시 한쪽 계통 유지)", "park-ha",
                                        note="작업을 위해 UPS 주전원을 차단함. 이중 계통 여부는 미공개(N+1 가정)")},
                # --- 재해복구 ---
                ("RED-03", "RED-06"): {
                    "GOV24": fix(AA_DR, "seo-mj", ANNOUNCED,
                                 note="광주센터 재해복구 자원은 있으나 자동 전환 수준 미공개(warm 가정)"),
                    "DBRAIN": fix(AA_DR, "seo-mj", ANNOUNCED),
                    "EPOST": fix(AA_DR, "seo-mj", ANNOUNCED),
                    "GDRIVE": fix("G-Drive 서비스 종료·민간 클라우드 전환 및 원격 백업", "lee-gs"),
                    "NTOPS": fix(STORAGE_DR, "han-yr", ANNOUNCED),
                    "G4B": fix(STORAGE_DR, "seo-mj", ANNOUNCED),
                    "EPEOPLE": fix(STORAGE_DR, "seo-mj", ANNOUNCED)},
                ("RED-04", "BKP-09"): {
                    "DBRAIN": fix(AA_DR, "seo-mj", ANNOUNCED),
                    "EPOST": fix(AA_DR, "seo-mj", ANNOUNCED),
                    "GDRIVE": fix("G-Drive 서비스 종료·민간 클라우드 전환 및 원격 백업", "lee-gs"),
                    "NTOPS": fix(STORAGE_DR, "han-yr", ANNOUNCED),
                    "G4B": fix(STORAGE_DR, "seo-mj", ANNOUNCED),
                    "EPEOPLE": fix(STORAGE_DR, "seo-mj", ANNOUNCED)},
                "RED-14": {"*": fix("재해복구 전환시험 연 1회 이상(실제 전환, 소요시간 측정)", "seo-mj",
                                    value="never", note="실제 전환시험 기록은 공개되지 않음(가정)")},
                "RED-01": {"GOV24": keep(3, note="정부는 핵심 시스템 3시간 내 복구를 공언. 실제 전환 능력은 RED-14 참조"),
                           "DBRAIN": fix(AA_DR, "seo-mj", ANNOUNCED, value=720),
                           "EPOST": fix(AA_DR, "seo-mj", ANNOUNCED, value=720),
                           "GDRIVE": fix("G-Drive 대체 서비스 전환", "lee-gs", value=2160,
                                         note="백업이 없어 복구 불가. 재구축 기간을 입력"),
                           "NTOPS": fix(STORAGE_DR, "han-yr", ANNOUNCED, value=312,
                                        note="10.9 복구(13일)"),
                           "G4B": fix(STORAGE_DR, "seo-mj", ANNOUNCED, value=720),
                           "EPEOPLE": fix(STORAGE_DR, "seo-mj", ANNOUNCED, value=720),
                           "ONNARA": fix(STORAGE_DR, "seo-mj", ANNOUNCED, value=720)},
                "RED-02": {"GOV24": fix(AA_DR, "seo-mj", ANNOUNCED, value=1),
                           "DBRAIN": fix(AA_DR, "seo-mj", ANNOUNCED, value=24),
                           "EPOST": fix(AA_DR, "seo-mj", ANNOUNCED, value=24),
                           "GDRIVE": fix("G-Drive 대체 서비스 전환 및 원격 백업", "lee-gs", value=8760,
                                         note="백업 없음 — 전체 자료 유실 가능. 상한을 1년으로 표시"),
                           "NTOPS": fix(STORAGE_DR, "han-yr", ANNOUNCED, value=8760, note="백업 없음(가정) — 상한을 1년으로 표시"),
                           "G4B": fix(STORAGE_DR, "seo-mj", ANNOUNCED, value=8760, note="백업 없음(가정) — 상한을 1년으로 표시"),
                           "ONNARA": fix("온라인 원격 백업 일 단위 전환", "seo-mj", value=744,
                                         note="월말 오프라인 백업(공주) 기준")},
                "RED-05": {"*": fix("서버 이중화(HA) 점검·보완", "seo-mj", status="partial",
                                    note="서버 재해복구 4.3%. 센터 내 이중화는 계층별로 일부(가정)")},
                "RED-13": {"G4B": fix("연계 시스템 의존성 목록·대체 수단 정비", "seo-mj", value="never",
                                      note="화재 후 부처가 연계 장애를 사후 점검(가정)")},
                # --- 백업 ---
                "BKP-01": {"GDRIVE": fix("G-Drive 백업 정책 수립", "lee-gs",
                                         note="대용량·저성능 저장소라는 이유로 백업 대상에서 제외"),
                           "NTOPS": fix("nTOPS 백업 정책 수립", "han-yr", note="백업 없음(38.4%를 대표, 가정)"),
                           "G4B": fix("G4B 백업 정책 수립", "seo-mj", note="백업 없음(38.4%를 대표, 가정)")},
                "BKP-02": {"GDRIVE": fix("G-Drive 자료 원격 백업", "lee-gs", value="never",
                                         note="외부 백업 없음. 같은 전산실의 오래된 백업 디스크도 소실"),
                           "NTOPS": fix("nTOPS 일일 백업", "han-yr", value="never", note="백업 없음(38.4%를 대표, 가정)"),
                           "G4B": fix("G4B 일일 백업", "seo-mj", value="never", note="백업 없음(38.4%를 대표, 가정)")},
                "BKP-03": {"GDRIVE": fix("G-Drive 자료 원격 백업", "lee-gs", value="never"),
                           "NTOPS": fix("nTOPS 원격 소산", "han-yr", value="never"),
                           "G4B": fix("G4B 원격 소산", "seo-mj", value="never"),
                           "ONNARA": keep("2025-08-31", note="3등급: 월말 오프라인 소산(공주), 마지막 2025년 8월 말")},
                "BKP-04": {"GDRIVE": fix("G-Drive 자료 원격 백업", "lee-gs", value=1,
                                         note="운영 사본 1개뿐"),
                           "NTOPS": fix("nTOPS 백업 사본 확보", "han-yr", value=1, note="운영 사본 1개뿐(가정)"),
                           "G4B": fix("G4B 백업 사본 확보", "seo-mj", value=1, note="운영 사본 1개뿐(가정)")},
                "BKP-15": {"GDRIVE": fix("G-Drive 자료를 다른 매체(테이프·원격 객체 저장소)에 백업", "lee-gs", value=1,
                                         note="운영 저장장치 한 종류뿐, 같은 전산실의 백업 디스크도 소실"),
                           "NTOPS": fix("nTOPS 백업 매체 확보", "han-yr", value=1, note="운영 저장장치뿐(가정)"),
                           "G4B": fix("G4B 백업 매체 확보", "seo-mj", value=1, note="운영 저장장치뿐(가정)")},
                "BKP-05": {"GOV24": fix("불변(WORM) 백업 도입", "seo-mj", value="none"),
                           "DBRAIN": fix("불변(WORM) 백업 도입", "seo-mj", value="none"),
                           "EPOST": fix("불변(WORM) 백업 도입", "seo-mj", value="none"),
                           "GDRIVE": fix("G-Drive 자료 오프라인 백업", "lee-gs", value="none"),
                           "NTOPS": fix("오프라인 백업 도입", "han-yr", value="none", note="백업 없음(38.4%를 대표, 가정)"),
                           "G4B": fix("오프라인 백업 도입", "seo-mj", value="none", note="백업 없음(38.4%를 대표, 가정)"),
                           "EPEOPLE": keep("offline", note="월말 오프라인 백업(공주) — 가정")},
                "BKP-08": {"*": fix("분기 복구 테스트(복구 시간 측정)", "seo-mj", value="never",
                                    note="복구 테스트 기록이 공개되지 않아 없음으로 가정(화재 후 전체 복구에 95일 소요)")},
                "BKP-11": {"GDRIVE": fix("G-Drive 원격 사본 암호화·키 분리 보관", "lee-gs", note="원격 사본 자체가 없음"),
                           "NTOPS": fix("nTOPS 원격 사본 암호화·키 분리 보관", "han-yr", note="원격 사본 자체가 없음(가정)"),
                           "G4B": fix("G4B 원격 사본 암호화·키 분리 보관", "seo-mj", note="원격 사본 자체가 없음(가정)"),
                           "*": fix("원격 백업 암호화 키를 대전 밖에 보관", "seo-mj", status="partial",
                                    note="키 보관 위치 미공개(가정)")},
                "BKP-13": {"NTOPS": fix("nTOPS 원격 백업", "han-yr", value="same-room", note="백업 없음 — 운영 사본뿐(가정)"),
                           "G4B": fix("G4B 원격 백업", "seo-mj", value="same-room", note="백업 없음 — 운영 사본뿐(가정)"),
                           "GDRIVE": fix("G-Drive 자료 원격 백업", "lee-gs", value="same-room",
                                         note="오래된 백업 디스크가 같은 전산실에 있다가 소실"),
                           "*": fix("센터 내 백업 외에 원격 일일 백업을 복구 기준으로 지정", "seo-mj",
                                    value="same-building", note="매일 백업은 같은 센터 안의 다른 장비에 보관")},
                "BKP-06": fix("업무자료(G-Drive 포함) 원격 백업 의무화", "lee-gs",
                              note="G-Drive 858 TB(74개 기관, 가입자 약 19.1만 명) 외부 백업 없음"),
                "BKP-07": fix("백업 제외 시 위험수용 서명·만료일·보완통제 의무화", "kim-do",
                              note="G-Drive를 '대용량·저성능'이라는 이유로 승인 없이 백업 제외"),
                "BKP-12": fix("nTOPS 구성정보·시스템 목록을 광주·공주에 매일 사본 보관", "han-yr",
                              note="nTOPS가 대전에만 있어 화재 후 2주간 중단 시스템 수를 647개로 잘못 집계(709개로 정정)"),
                "GOV-01": fix("nTOPS 시스템 목록 원격 사본과 정합성 점검", "han-yr", value="never",
                              note="원격지에 사본이 있는 정합성 점검 기록 없음"),
                "GOV-08": fix("판교 데이터센터 화재(2022) 교훈 조치 추적", "kim-do", status="partial",
                              note="이설 사업은 판교 화재 교훈에서 시작했으나 민간 보호지침은 미적용"),
                "ACC-07": na("공개 자료 재구성이므로 기관 결재 대상이 아님"),
                "ACC-08": fix("개선 권고 기한 관리·기한 경과 시 원장 보고", "kim-do", value="2024-09-25",
                              note="LG CNS 교체 권고(2024.6.27) 후 90일을 기한으로 간주. 조치 없이 경과"),
                "ACC-09": na("정식 위험수용 없음. 노후 축전지 계속 사용은 기한부 위험수용이 아니었음(BAT-04)"),
                "RED-15": {"*": na("국가정보자원관리원 자체 시설에서 운영")},
                "BKP-09": {"GOV24": fix(AA_DR, "seo-mj", ANNOUNCED, value="never",
                                        note="광주센터 전체 복구 기록 미공개(가정)")},
                "BKP-10": {"GDRIVE": fix("G-Drive 백업 작업 구성·실패 알림", "lee-gs",
                                         note="백업 작업 자체가 없음"),
                           "NTOPS": fix("nTOPS 백업 작업 구성·실패 알림", "han-yr", note="백업 작업 자체가 없음(가정)"),
                           "G4B": fix("G4B 백업 작업 구성·실패 알림", "seo-mj", note="백업 작업 자체가 없음(가정)")},
                "BKP-14": {"GDRIVE": fix("G-Drive 자료 보존기간 설정", "lee-gs", note="백업 없음"),
                           "NTOPS": fix("nTOPS 백업 보존기간 설정", "han-yr", note="백업 없음(가정)"),
                           "G4B": fix("G4B 백업 보존기간 설정", "seo-mj", note="백업 없음(가정)")},
                "GOV-09": {sys: fix("기능훈련·종합훈련(재해복구 사이트 실제 전환) 연 1회 이상", "seo-mj", value="tabletop",
                                    note="실제 전환 훈련 기록이 공개되지 않음 — 도상훈련만으로 가정")
                           for sys in ("GOV24", "DBRAIN", "EPOST", "GDRIVE", "NTOPS", "G4B", "EPEOPLE")},
                "GOV-02": keep(note="기능연속성계획 보유(재난안전법). 검토일은 가정"),
                "GOV-05": keep(note="훈련 기록 미공개 — 도상훈련 실시로 가정"),
                "ACC-04": {"DJ-71": keep(note="유지보수 업체(LG CNS)는 2024.6 수명 경과를 보고함 — "
                                              "조치하지 않은 쪽은 기관(BAT-04)")},
            },
            cite={
                "BAT-02": "한겨레21 58092; 아주경제 20250928102944505 (2014.8 설치, 10년 경과)",
                "BAT-04": "한겨레21 58092 (2024.6.27 LG CNS 교체 권고)",
                "BAT-12": "코리아헤럴드 10585063 (축전지-서버 약 60 cm)",
                "BAT-19": "코리아헤럴드 10585063; 동아일보 영문 20250930 (이격 약 60 cm)",
                "BAT-16": "SBS N1008343964 (1번 랙 BPU만 차단, 경찰 최종 발표 2025.11.25)",
                "BAT-17": "국정감사 증언 요약 2025.10.1 (SOC 30% 이하 저감 지침)",
                "BAT-18": "SBS N1008343964; 국민일보 2025.12.31 (불법 하도급 10명 입건)",
                "GOV-07": "세계일보 20250930514256 (2~5층 소방 점검 불가)",
                "RED-03": "민주당 부산시당 보도자료 1214046 (재해복구 47개, 7.2%)",
                "RED-04": "서울신문 20251002010004 (7-1 전산실 96개 시스템 이중화 없음)",
                "RED-14": "전자신문 단독 2025.9.29 (3시간 복구 공언, 광주 완전 DR 25개)",
                "BKP-06": "이데일리 04769126642328656 (G-Drive 858 TB 백업 없음)",
                "BKP-07": "이데일리 04769126642328656 ('대용량·저성능' 이유로 백업 제외)",
                "BKP-12": "국민일보 0028801603 (nTOPS 복구 후 709개로 정정)",
                "BKP-13": "서울신문 20251002010004 (백업 디스크 같은 전산실에서 소실)",
                "GOV-01": "국민일보 0028801603; 뉴스1 6023415 (647→709 정정)",
                "RED-11": "국민일보 1759048327 (항온항습 중단으로 551개 선제 중단)",
                "BKP-03": "머니투데이 2025100114125895860 (원격 백업 체계)",
            },
            assumed="재구성 가정 — 공개 자료 없음",
        ),
    },
)

# --- the evidence files some answers cite (written next to the submissions) -------------

EVIDENCE_FILES = {
    ("KIBO", 2025, "ups-battery-register.txt"): """\
기술보증기금 축전지 현황 대장 (예시 자료 — fictional sample data)
작성: 시설관리팀, 2025-10-02

사이트   위치            종류     제조사/모델         설치      용량     설계수명  비고
HQ-DC    부산 본사 B1 UPS실  리튬이온  예시전지 LX-550      2021-09  2 x 275 kWh  15년    BMS 30초 주기
SEL-BR   서울 지점 3층 전산실  납축전지  예시전지 VR-12100     2020-03  40 kWh      5년     사용연한 초과, 교체 예정
""",
    ("KIBO", 2026, "ups-battery-register.txt"): """\
기술보증기금 축전지 현황 대장 (예시 자료 — fictional sample data)
작성: 시설관리팀, 2026-10-01

사이트   위치                 종류     제조사/모델         설치      용량          설계수명  비고
HQ-DC    부산 본사 B1 축전지실(방화구획)  리튬이온  예시전지 LX-550      2021-09  2 x 275 kWh  15년    BMS 3초, 방화구획 2026-03
SEL-BR   서울 지점 3층 전산실        납축전지  예시전지 VR-12100     2026-02  40 kWh       5년     2026-02 교체
DR-GS    가산 IDC 축전지실(사업자)     납축전지  (사업자 제공)          2024-06  400 kWh      5년     사업자 대장 사본 별첨
""",
    ("KOREG", 2026, "restore-test-2026-09.txt"): """\
신용보증재단중앙회 복구 테스트 결과보고서 (예시 자료 — fictional sample data)
대상: 지역신보 통합보증시스템(KOREG-GRT), 1등급
일시: 2026-09-17 14:00 ~ 15:52
방법: 서초 IDC 재해복구센터에서 전일 백업본으로 보증원장 DB 표본 복구
결과: 복구 소요 1시간 52분(RTO 2시간 이내), 건수·해시 대조 일치(표본 12,480건)
후속조치: 없음
""",
}


# --- what a good answer cites ---------------------------------------------------------------
# {y} year, {date} the answer's date, {ym} its month, {site} {sys} {dr} names, {doc} a document number.

EVIDENCE = {
    "RED-01": "업무영향분석 결과보고서 {y} ({doc})", "RED-02": "백업·복제 정책서 ({doc})",
    "RED-03": "재해복구 구성도 ({sys})", "RED-04": "재해복구 사이트 지정 문서 ({dr})",
    "RED-05": "{sys} 시스템 구성도(이중화 표시)", "RED-06": "스토리지 복제 상태 보고서 {ym}",
    "RED-07": "수전 단선결선도 ({site})", "RED-08": "UPS 계통도 ({site})",
    "RED-16": "UPS 계통도 및 한쪽 계통 정지 시험 기록 ({site})", "RED-09": "비상발전기 연료 저장량 점검표 {ym}",
    "RED-10": "발전기 부하운전 기록부 {date}", "RED-11": "항온항습기 배치·전원 계통도 ({site})",
    "RED-12": "회선 계약서 및 경로도 ({sys})", "RED-13": "연계 시스템 의존성 목록 검토본 {date}",
    "RED-14": "{sys} 전환시험 결과보고서 {date}", "RED-15": "위탁 운영 재해복구 수준 확인 회신 ({doc})",
    "RED-20": "재해복구 이용계약서 ({dr})",
    "BAT-01": "축전지 현황 대장 {ym} ({site})", "BAT-02": "UPS 축전지 설치 확인서 ({site})",
    "BAT-03": "축전지 교체 계획 및 예산 {y}", "BAT-04": "점검 권고사항 조치 대장 {ym}",
    "BAT-05": "한국전기안전공사 정기검사 확인증 ({doc})", "BAT-06": "축전지 월간 점검표 {date}",
    "BAT-07": "셀·모듈 진단 결과 {date}", "BAT-21": "내부저항 추이 분석표 {ym}",
    "BAT-08": "축전지 용량시험 성적서 ({site})", "BAT-22": "축전지 용량시험 성적서 {date}",
    "BAT-09": "BMS 경보 연동 시험 기록 {ym}", "BAT-10": "BMS 경보 이력 검토 {ym}",
    "BAT-11": "가스감지기 배치도·작동시험 기록 {ym}", "BAT-12": "축전지실 평면도·방화구획 사진 ({site})",
    "BAT-13": "축전지 랙 구성표 ({site})", "BAT-19": "이격거리 실측 사진 {ym}",
    "BAT-14": "소화설비 사양서·배기 시험 기록 ({site})", "BAT-15": "KC 62619 인증서 ({site})",
    "BAT-16": "축전지 교체·이설 작업절차서 ({doc})", "BAT-17": "작업 전 SOC 측정 기록 ({doc})",
    "BAT-18": "전기공사업 등록증·작업 입회 기록 ({doc})", "BAT-20": "UPS 분기 점검 보고서 {date}",
    "BKP-01": "{sys} 백업 정책서 ({doc})", "BKP-02": "백업 작업 로그 {date}", "BKP-03": "원격 소산 전송 기록 {date}",
    "BKP-04": "백업 사본 현황표 {ym}", "BKP-15": "백업 매체 현황표 {ym}", "BKP-05": "백업 보호 설정 화면 {ym}",
    "BKP-06": "공용 저장소 목록 및 원격 백업 증적 {ym}", "BKP-07": "백업 제외 목록 및 위험수용서 {ym}",
    "BKP-08": "{sys} 복구 테스트 결과보고서 {date}", "BKP-09": "{sys} 재해복구 사이트 전체 복구 결과 {date}",
    "BKP-10": "백업 실패 알림·재수행 기록 ({doc})", "BKP-11": "백업 암호화 키 관리대장 ({doc})",
    "BKP-12": "구성정보·운영절차서 원격 사본 목록 {ym}", "BKP-13": "백업 보관 위치 현황 {ym}",
    "BKP-14": "기록물 보존기간표 대비 백업 보존 설정", "BKP-20": "{sys} 백업 복구 테스트 결과 {date}",
    "ACC-01": "정보시스템 담당자 지정 현황 ({doc})", "ACC-20": "정보시스템 담당자 지정 현황 ({doc})",
    "ACC-02": "점검항목별 책임자·대리자 목록 ({doc})", "ACC-03": "전기안전관리자 선임 신고서 ({site})",
    "ACC-04": "유지보수 계약서 특수조건 ({site})", "ACC-05": "비상연락망 호출 시험 결과 {date}",
    "ACC-06": "기능연속성계획 재해선언 절차 ({doc})", "ACC-07": "점검 결과 결재 문서 ({doc})",
    "ACC-08": "개선조치 관리대장 {ym}", "ACC-09": "위험수용 승인서 ({doc})", "ACC-10": "증적 관리대장 {ym}",
    "GOV-01": "정보시스템 현황 정합성 점검 결과 {date} (EA 포털 등록)", "GOV-02": "기능연속성계획 개정본 {date} ({doc})",
    "GOV-03": "업무영향분석 결과보고서 {date}", "GOV-04": "운영시설 안정성 자체점검 결과 {date} ({site})",
    "GOV-05": "재해복구 훈련 결과보고서 {date}", "GOV-09": "재해복구 훈련 결과보고서 ({sys} 포함)", "GOV-06": "비상대응 교육 결과 {date}",
    "GOV-07": "소방 합동점검 결과 및 소방서 자료 접수 확인 ({site})", "GOV-08": "국정자원 화재 교훈 검토 회의록·조치 추적표 {ym}",
    "GOV-20": "재해복구계획 제출 공문 ({doc})",
}
# An item whose failing answers take the remediation of another (GOV-09 fails when GOV-05 finds no exercise).
DERIVED = {"GOV-09": "GOV-05"}
# Site answers about a provider's facility cite the provider's documents.
PROVIDED = " — 사업자 제공"


# === from here on: the machinery ===========================================================

class Skip(str):
    """A value that makes the answer not_applicable; the text says why."""


@dataclass
class Ctx:
    """Everything an answer's value can depend on."""

    inst: dict
    run: dict
    year: int
    as_of: dt.date
    item: dict
    sites: dict[str, dict]
    site: dict | None = None
    system: dict | None = None

    @property
    def target(self) -> str:
        return (self.site or self.system or {}).get("id", "")

    @property
    def grade(self) -> int | None:
        return self.system["grade"] if self.system else None

    @property
    def model(self) -> str:
        return self.system.get("model") or "backup-only"

    @property
    def dr(self) -> dict | None:
        return self.sites.get(self.system.get("dr_site") or "")

    def rand(self, low: int, high: int, salt: str = "", yearly: bool = True) -> int:
        """A number that looks picked by hand but is the same on every run (and every year, if not yearly)."""
        key = f"{self.inst['code']}|{self.year if yearly else ''}|{self.item['id']}|{self.target}|{salt}"
        return low + int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % (high - low + 1)

    def ago(self, low: int, high: int) -> dt.date:
        return self.as_of - dt.timedelta(days=self.rand(low, high))

    def ahead(self, low: int, high: int) -> dt.date:
        return self.as_of + dt.timedelta(days=self.rand(low, high))

    def doc(self) -> str:
        """A document number, the same in both years: the same document is cited again."""
        issuer = "사업자" if self.site and self.site["kind"] == "colocation" else self.inst["dept"]
        return f"{issuer}-{self.rand(1000, 9999, 'doc', yearly=False)}"


def installed(site: dict) -> dt.date:
    text = site["installed"]
    return D(text if len(text) == 10 else text + "-15")


def end_of_life(site: dict) -> dt.date:
    start = installed(site)
    return start.replace(year=start.year + site["life"])


def battery_ratio(c: Ctx) -> float:
    return round((c.as_of - installed(c.site)).days / 365.25 / c.site["life"], 2)


def since_installed(low: int, high: int):
    """An event date within the window, but not before the battery was installed."""
    def value(c: Ctx) -> dt.date:
        return max(c.ago(low, high), min(c.as_of, installed(c.site) + dt.timedelta(days=20)))
    return value


def capacity_test(c: Ctx) -> dt.date:
    """The last capacity test: every two years on a fixed day per site, not before installation."""
    day = D("2026-10-01") - dt.timedelta(days=c.rand(60, 600, yearly=False))
    while day > c.as_of:
        day -= dt.timedelta(days=730)
    return max(day, min(c.as_of, installed(c.site) + dt.timedelta(days=20)))


def rto(c: Ctx) -> float:
    by_model = {"active-active": 1, "hot": 2, "warm": 12, "cold": 48}
    return by_model.get(c.model, {1: 48, 2: 48, 3: 48, 4: 120}[c.grade])


def rpo(c: Ctx) -> float:
    by_model = {"active-active": 0.1, "hot": 0.25, "warm": 1}
    return by_model.get(c.model, 168 if c.grade == 4 else 24)


def dr_distance(c: Ctx) -> str:
    if c.dr is None:
        return "none"
    return "same-campus" if c.dr["region"] == c.sites[c.system["site"]]["region"] else "other-region"


def replication(c: Ctx) -> str:
    if c.dr is None or c.model in ("none", "backup-only", "cold"):
        return "local-raid-only"
    return {"active-active": "app-active-active", "hot": "sync-remote"}.get(c.model, "async-remote")


def with_dr(low: int, high: int):
    """The date of a test that needs a DR site; never without one."""
    return lambda c: c.ago(low, high) if c.dr else "never"


def by_grade(top: tuple[int, int], rest: tuple[int, int]):
    return lambda c: c.ago(*top) if c.grade in (1, 2) else c.ago(*rest)


def kesco(c: Ctx) -> Any:
    limit = 20 if c.site["battery"] == "li-ion" else 70
    kwh = c.site.get("kwh", 500)
    return c.ahead(90, 540) if kwh > limit else Skip(f"축전지 {kwh} kWh로 법정 정기검사 대상 아님")


def battery_work(c: Ctx) -> bool:
    return c.year in c.site.get("work", ())


def soc(c: Ctx) -> Any:
    if not battery_work(c):
        return Skip(f"{c.year}년에는 축전지 분리·이설 작업이 없었음")
    recorded = c.site.get("soc")  # already resolved for the year
    return 100 if recorded is None else recorded


def exercise_failing(c: Ctx) -> bool:
    """Whether the institution's latest exercise (GOV-05) is missing or too old this year."""
    over = expand(c.run["answers"]).get("GOV-05")
    return isinstance(over, Over) and over.action is not None


def exercise_type(c: Ctx) -> str:
    """GOV-09: no exercise when GOV-05 fails; else functional or full-scale for grades 1-2, tabletop for grade 3."""
    if exercise_failing(c):
        return "none"
    return ("functional", "full-scale")[c.rand(0, 1)] if c.grade in (1, 2) else "tabletop"


def protected_copy(c: Ctx) -> str:
    if c.grade == 3:
        return ("none", "offline")[c.rand(0, 1)]
    return ("immutable", "offline", "both")[c.rand(0, 2)]


VALUES = {
    "RED-01": rto, "RED-02": rpo, "RED-03": lambda c: c.model, "RED-04": dr_distance, "RED-06": replication,
    "RED-08": lambda c: c.site["ups"], "RED-16": lambda c: c.site["ups"], "RED-09": lambda c: c.site.get("fuel", 24),
    "RED-10": lambda c: c.ago(4, 27), "RED-13": lambda c: c.ago(40, 320), "RED-14": with_dr(40, 320),
    "BAT-02": battery_ratio, "BAT-04": lambda c: 0, "BAT-05": kesco, "BAT-06": since_installed(3, 27),
    "BAT-07": since_installed(10, 80), "BAT-20": since_installed(10, 80), "BAT-21": lambda c: c.rand(3, 12),
    "BAT-08": lambda c: c.rand(88, 97, yearly=False), "BAT-22": capacity_test, "BAT-09": lambda c: c.site.get("bms", 5),
    "BAT-12": lambda c: c.site["room"], "BAT-13": lambda c: c.site.get("group", 40),
    "BAT-19": lambda c: c.site.get("clearance", 1.2), "BAT-17": soc,
    "BKP-02": by_grade((0, 1), (0, 5)), "BKP-03": by_grade((0, 1), (1, 27)), "BKP-04": lambda c: c.rand(3, 4),
    "BKP-05": protected_copy, "BKP-08": by_grade((10, 85), (30, 330)), "BKP-09": with_dr(40, 320),
    "BKP-13": lambda c: "other-site", "BKP-20": lambda c: c.ago(30, 330),
    "BKP-15": lambda c: c.rand(2, 3), "GOV-09": exercise_type,
    "ACC-05": lambda c: c.ago(20, 150), "ACC-09": lambda c: c.run.get("risk") or Skip("기한부 위험수용 건 없음"),
    "GOV-01": lambda c: c.ago(10, 150), "GOV-02": lambda c: c.ago(30, 300), "GOV-03": lambda c: c.ago(30, 300),
    "GOV-04": lambda c: c.ago(40, 330), "GOV-05": lambda c: c.ago(30, 330), "GOV-06": lambda c: c.ago(30, 330),
    "GOV-20": lambda c: c.ago(100, 300),
}


def hosted_elsewhere(c: Ctx) -> Any:
    kinds = {c.sites[s]["kind"] for s in (c.system["site"], c.system.get("dr_site")) if s}
    return "compliant" if kinds - {"own"} else Skip("자체 전산실에서만 운영하는 시스템")


STATUS = {
    "RED-20": lambda c: "compliant" if c.dr else "non_compliant",
    "RED-15": hosted_elsewhere,
    "ACC-01": lambda c: "compliant" if c.system.get("deputy") else "partial",
    "ACC-07": lambda c: "compliant" if c.run.get("approved") else "partial",
    "BAT-18": lambda c: "compliant" if battery_work(c) else Skip(f"{c.year}년에는 축전지 작업이 없었음"),
}


def battery_plan(c: Ctx) -> str:
    eol = end_of_life(c.site)
    if (eol - c.as_of).days > 730:
        return "24개월 내 교체 도래 축전지 없음"
    return f"설계수명 도래 {eol.year}년 {eol.month}월, 교체 일정·예산 확보"


def copies_note(c: Ctx) -> str:
    where = c.dr["name"] if c.dr else "외부 소산 매체"
    return f"운영 DB, {c.sites[c.system['site']]['name']} 백업 장비, {where} 사본"


NOTES = {
    "BAT-02": lambda c: f"{installed(c.site).year}년 {installed(c.site).month}월 설치, 설계수명 {c.site['life']}년",
    "BAT-03": battery_plan,
    "BKP-04": copies_note,
    "BKP-15": lambda c: "디스크 스토리지, 테이프" + (", 클라우드 객체 저장소" if c.rand(2, 3) == 3 else ""),
    "RED-04": lambda c: "같은 도시의 다른 건물(다른 지역 아님)" if dr_distance(c) == "same-campus" else None,
    "BAT-17": lambda c: f"{c.year}년 축전지 교체 작업, 작업 전 모듈별 SOC 기록" if battery_work(c) else None,
}


# --- checklists: items, where they apply, and whether a value passes -----------------------

def load_items(version: str) -> list[dict]:
    """The items of a bundled checklist, in order, each with its section's id and title."""
    data = yaml.safe_load((CHECKLISTS / f"mss-it-resilience-{version}.yaml").read_text(encoding="utf-8"))
    return [{**item, "section": section["id"], "section_title": section["title"]["ko"]}
            for section in data["sections"] for item in section["items"]], data["scoring"]


def targets(item: dict, sites: list[dict], systems: list[dict]) -> list[dict] | None:
    """The sites or systems an item asks about (None for an institution-scope item)."""
    scope, rule = item.get("scope", "institution"), item.get("applies_to") or {}
    if scope == "institution":
        return None
    if scope == "system":
        return [s for s in systems if "grades" not in rule or s["grade"] in rule["grades"]]
    hosted: dict[str, set[int]] = {}
    for s in systems:
        for key in ("site", "dr_site"):
            if s.get(key):
                hosted.setdefault(s[key], set()).add(s["grade"])
    return [s for s in sites
            if ("battery" not in rule or s["battery"] in rule["battery"])
            and ("site_kinds" not in rule or s["kind"] in rule["site_kinds"])
            and ("grades" not in rule or hosted.get(s["id"], set()) & set(rule["grades"]))]


def passes(item: dict, value: Any, grade: int | None, as_of: dt.date) -> bool:
    spec = item.get("answer") or {}
    rule = (spec.get("by_grade") or {}).get(grade) or spec.get("pass_if") or {}
    if value == "never":
        return False
    if "in" in rule and value not in rule["in"]:
        return False
    if isinstance(value, (int, float)):
        return rule.get("min", value) <= value <= rule.get("max", value)
    if isinstance(value, dt.date):
        if "max_age_days" in rule and (as_of - value).days > rule["max_age_days"]:
            return False
        if "min_days_ahead" in rule and (value - as_of).days < rule["min_days_ahead"]:
            return False
    return True


def default_due(as_of: dt.date, days: int) -> dt.date:
    """A due date a person would pick: the 15th or the end of a month, inside the severity window."""
    limit = as_of + dt.timedelta(days=days)
    for due in (limit.replace(day=15), limit.replace(day=1) - dt.timedelta(days=1)):
        if as_of + dt.timedelta(days=7) < due <= limit:
            return due
    return limit


# --- one submission --------------------------------------------------------------------------

def expand(table: dict) -> dict[str, Any]:
    """Answers table -> {item id: Over or {target: Over}}, tuples of ids spread out."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        for item_id in (key if isinstance(key, tuple) else (key,)):
            if isinstance(value, Over):
                out[item_id] = value
            else:
                out.setdefault(item_id, {}).update(value)
    return out


class Submission:
    """Builds the data of one submission and collects mistakes in the tables."""

    def __init__(self, inst: dict, year: int) -> None:
        self.inst, self.year, self.run = inst, year, inst["runs"][year]
        self.version = self.run.get("version", f"{year}.1")
        self.as_of = D(self.run["as_of"])
        self.items, self.scoring = load_items(self.version)
        self.sites = [self.resolve(s) for s in inst["sites"] if year in s.get("years", (year,))]
        self.systems = [self.resolve(s) for s in inst["systems"] if year in s["years"]]
        self.site_map = {s["id"]: s for s in self.sites}
        self.overs = expand(self.run["answers"])
        self.used: set[tuple[str, str | None]] = set()
        self.mistakes: list[str] = []
        self.dues: list[dt.date] = []

    def resolve(self, raw: dict) -> dict:
        return {k: in_year(v, self.year) for k, v in raw.items()}

    def duty(self, role: str) -> str:
        return in_year(self.inst["duty"][role], self.year)

    def path(self) -> Path:
        return HERE / self.run.get("path", f"{self.year}/{self.inst['code'].lower()}.yaml")

    # answers -----------------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for item in self.items:
            if item["id"] == "ACC-08":
                continue
            found = targets(item, self.sites, self.systems)
            if found is None:
                out[item["id"]] = self.answer(item, None)
            elif found:
                key = "sites" if item["scope"] == "site" else "systems"
                out[item["id"]] = {key: {t["id"]: self.answer(item, t) for t in found}}
        out["ACC-08"] = self.answer(self.item("ACC-08"), None)
        self.check_unused()
        return {item["id"]: out[item["id"]] for item in self.items if item["id"] in out}

    def item(self, item_id: str) -> dict:
        return next(i for i in self.items if i["id"] == item_id)

    def over(self, item: dict, target: dict | None) -> Over | None:
        entry = self.overs.get(item["id"])
        if entry is None and item["id"] in DERIVED:  # no exercise at all: the exercise's own remediation
            source = self.overs.get(DERIVED[item["id"]])
            self.used.add((item["id"], None))
            return Over(action=source.action, owner=source.owner) if isinstance(source, Over) and source.action else None
        if target is None or not isinstance(entry, dict):
            self.used.add((item["id"], None))
            return entry
        name = target["id"] if target["id"] in entry else "*"
        self.used.add((item["id"], name))
        return entry.get(name)

    def check_unused(self) -> None:
        for item_id, entry in self.overs.items():
            for name in (entry if isinstance(entry, dict) else [None]):
                if (item_id, name) not in self.used:
                    self.mistakes.append(f"{item_id} / {name}: table entry matches no applicable answer")

    def context(self, item: dict, target: dict | None) -> Ctx:
        scope = item.get("scope")
        return Ctx(self.inst, self.run, self.year, self.as_of, item, self.site_map,
                   target if scope == "site" else None, target if scope == "system" else None)

    def answer(self, item: dict, target: dict | None) -> dict:
        c, over = self.context(item, target), self.over(item, target)
        label = f"{item['id']} / {c.target or '-'}"
        if over and over.status == "not_applicable":
            return {"status": "not_applicable", "owner": self.owner(c), "comment": over.note}
        value, status = self.judge(c, over)
        if isinstance(value if value is not None else status, Skip):
            return {"status": "not_applicable", "owner": self.owner(c), "comment": str(value or status)}
        failing = status in ("partial", "non_compliant")
        if failing != bool(over and over.action):
            self.mistakes.append(f"{label}: {'fails without a remediation' if failing else 'passes but has a remediation'}"
                                 f" (value {value!r}, status {status})")
        out: dict[str, Any] = {"value": value} if value is not None else {"status": status}
        out["owner"] = self.owner(c)
        evidence = self.evidence(c, failing)
        if evidence:
            out["evidence"] = evidence
        note = over.note if over and over.note else self.note(c, failing)
        if note:
            out["comment"] = note
        if failing and over and over.action:
            out["remediation"] = self.remediation(item, over)
        return out

    def judge(self, c: Ctx, over: Over | None) -> tuple[Any, Any]:
        """(value, status): the value for number/date/choice items, else the declared status."""
        kind = (c.item.get("answer") or {}).get("type", "status")
        if kind in ("number", "date", "choice"):
            value = over.value if over and over.value is not None else self.value(c)
            if isinstance(value, Skip):
                return value, None
            if kind == "date" and isinstance(value, str) and value != "never":
                value = D(value)
            return value, "compliant" if passes(c.item, value, c.grade, self.as_of) else "non_compliant"
        derived = STATUS.get(c.item["id"], lambda _: "compliant")(c)
        if over and over.status:
            return None, over.status
        if over and over.action and derived == "compliant":
            return None, "non_compliant"
        return None, derived

    def value(self, c: Ctx) -> Any:
        if c.item["id"] == "ACC-08":
            return min(self.dues) if self.dues else Skip("진행 중인 개선조치 없음")
        return VALUES[c.item["id"]](c)

    def owner(self, c: Ctx) -> str:
        if c.system:
            return c.system["owner"]
        if c.site:
            return c.site.get("owner") or self.duty("fac")
        return self.duty({"RED": "it", "BAT": "fac", "BKP": "it", "ACC": "sec", "GOV": "plan"}[c.item["section"]])

    def evidence(self, c: Ctx, failing: bool) -> list[dict]:
        if failing:  # a failing answer cites the public report that shows the gap, if any
            cite = (self.run.get("cite") or {}).get(c.item["id"])
            return [{"ref": cite}] if cite else []
        if c.item.get("evidence") == "none":
            return []
        name = (self.run.get("files") or {}).get((c.item["id"], c.target or None))
        files = [self.evidence_file(name)] if name else []
        return files + [{"ref": self.run.get("assumed") or self.ref(c)}]

    def ref(self, c: Ctx) -> str:
        answer_date = self.value(c) if c.item["id"] in VALUES else None
        day = answer_date if isinstance(answer_date, dt.date) and answer_date <= self.as_of else c.ago(5, 120)
        text = EVIDENCE[c.item["id"]].format(
            y=self.year, date=day, ym=f"{day:%Y-%m}", doc=c.doc(), site=c.site["name"] if c.site else "",
            sys=c.system["name"] if c.system else "", dr=c.dr["name"] if c.system and c.dr else "")
        return text + (PROVIDED if c.site and c.site["kind"] == "colocation" else "")

    def evidence_file(self, name: str) -> dict:
        body = EVIDENCE_FILES[(self.inst["code"], self.year, name)].encode("utf-8")
        return {"file": f"evidence/{self.inst['code'].lower()}/{name}", "sha256": hashlib.sha256(body).hexdigest()}

    def note(self, c: Ctx, failing: bool) -> str | None:
        make = NOTES.get(c.item["id"])
        if make is None or (failing and c.item["id"] not in ("BAT-02", "RED-04")):
            return None
        return make(c)

    def remediation(self, item: dict, over: Over) -> dict:
        due = D(over.due) if over.due else default_due(self.as_of, self.scoring["remediation_days"][item["severity"]])
        if item["id"] != "ACC-08":
            self.dues.append(due)
        return {"action": over.action, "owner": over.owner, "due": due}

    # the whole file ------------------------------------------------------------------------

    def document(self) -> dict:
        run, inst = self.run, self.inst
        doc: dict[str, Any] = {"checklist": "mss-it-resilience", "checklist_version": self.version,
                               "period": self.year, "as_of": self.as_of}
        if run.get("classification"):
            doc["classification"] = run["classification"]
        doc["institution"] = {"code": inst["code"], "name": {"ko": inst["ko"], "en": inst["en"]}}
        doc["people"] = {key: {k: v for k, v in p.items() if k != "years" and v}
                         for key, p in inst["people"].items() if self.year in p["years"]}
        doc["prepared_by"] = run["prepared"]
        if run.get("approved"):
            doc["approved_by"] = {"person": run["approved"][0], "date": D(run["approved"][1])}
        doc["sites"] = [{k: s[k] for k in ("id", "name", "kind", "battery", "owner") if s.get(k)} for s in self.sites]
        doc["systems"] = [{k: s[k] for k in ("id", "name", "grade", "owner", "deputy", "site", "dr_site") if s.get(k)}
                          for s in self.systems]
        doc["answers"] = self.answers()
        return doc

    def header(self) -> list[str]:
        inst, version = self.inst, self.version
        title = f"# {inst['ko']} ({inst['code']}) {self.year}년 정보시스템 재난대비 점검 — mss-it-resilience {version}"
        return [HEADER, title, *(f"# {line}" for line in self.run.get("story", []))]


# --- YAML, written the way a person would --------------------------------------------------

WIDTH = 120
_NEEDS_QUOTES = re.compile(r"^$|^[-?:,\[\]{}#&*!|>'\"%@`\s]|[,\[\]{}]|: |:$| #|\s$")
_LOOKS_TYPED = re.compile(r"^(?:[-+]?[0-9][0-9_.:eE+-]*|true|false|yes|no|on|off|y|n|null|~|\.nan|\.inf)$", re.I)


def scalar(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _NEEDS_QUOTES.search(text) or _LOOKS_TYPED.match(text):
        return json.dumps(text, ensure_ascii=False)
    return text


def flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def block(mapping: dict, indent: int) -> list[str]:
    """A mapping one key per line; short values inline, long lists and maps spread out."""
    lines, pad = [], " " * indent
    for key, value in mapping.items():
        inline = f"{pad}{key}: {flow(value)}"
        if len(inline) <= WIDTH or not isinstance(value, (dict, list)):
            lines.append(inline)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            lines.extend(f"{pad}  - {flow(v)}" for v in value)
        else:
            lines.append(f"{pad}{key}:")
            lines.extend(block(value, indent + 2))
    return lines


def entry(key: str, answer: dict, indent: int) -> list[str]:
    """One answer: on one line when short and plain, else one field per line."""
    line = f"{' ' * indent}{key}: {flow(answer)}"
    if len(line) <= WIDTH and "remediation" not in answer and "comment" not in answer:
        return [line]
    return [f"{' ' * indent}{key}:", *block(answer, indent + 2)]


def render(header: list[str], doc: dict, items: list[dict]) -> str:
    lines = [*header]
    for key in ("checklist", "checklist_version", "period", "as_of", "classification"):
        if key in doc:
            lines.append(f"{key}: {scalar(doc[key])}")
    lines += ["institution:", *block(doc["institution"], 2), "people:"]
    lines += [f"  {key}: {flow(p)}" for key, p in doc["people"].items()]
    lines.append(f"prepared_by: {doc['prepared_by']}")
    if "approved_by" in doc:
        lines.append(f"approved_by: {flow(doc['approved_by'])}")
    lines += ["sites:", *(f"  - {flow(s)}" for s in doc["sites"])]
    lines += ["systems:", *(f"  - {flow(s)}" for s in doc["systems"])]
    lines.append("answers:")
    section = None
    for item in items:
        answer = doc["answers"].get(item["id"])
        if answer is None:
            continue
        if item["section"] != section:
            section = item["section"]
            lines += ["", f"  # ── {section} {item['section_title']} ──"]
        lines.append(f"  # {item['id']} {item['title']['ko']}")
        if "sites" in answer or "systems" in answer:
            (key, per_target), = answer.items()
            lines.append(f"  {item['id']}:")
            lines.append(f"    {key}:")
            for target, one in per_target.items():
                lines.extend(entry(target, one, 6))
        else:
            lines.extend(entry(item["id"], answer, 2))
    return "\n".join(lines) + "\n"


# --- main --------------------------------------------------------------------------------------

def build(inst: dict, year: int) -> tuple[dict[Path, bytes], list[str]]:
    """One submission and its evidence files (path -> bytes), and the mistakes found in the tables."""
    sub = Submission(inst, year)
    doc = sub.document()
    text = render(sub.header(), doc, sub.items)
    if yaml.safe_load(text) != doc:
        sub.mistakes.append("the YAML written does not read back as the data (quoting?)")
    files = {sub.path(): text.encode("utf-8")}
    for (code, file_year, name), body in EVIDENCE_FILES.items():
        if code == inst["code"] and file_year == year:
            files[sub.path().parent / "evidence" / code.lower() / name] = body.encode("utf-8")
    return files, [f"{inst['code']} {year}: {m}" for m in sub.mistakes]


def main(argv: list[str]) -> int:
    """Write the samples, or with --check only report those that differ from what would be written."""
    files: dict[Path, bytes] = {}
    mistakes: list[str] = []
    for inst in [*INSTITUTIONS, NIRS]:
        for year in inst["runs"]:
            built, found = build(inst, year)
            files.update(built)
            mistakes += found
    stale = [path for path, data in files.items() if not path.is_file() or path.read_bytes() != data]
    if "--check" in argv:
        mistakes += [f"{path.relative_to(HERE.parent)} is not what examples/make_samples.py writes" for path in stale]
    elif not mistakes:
        for path in stale:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[path])
    for mistake in mistakes:
        print(mistake, file=sys.stderr)
    return 1 if mistakes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Generate large, valid submissions on a bundled checklist, for the benchmarks.

    python benchmarks/generate.py --systems 1600 -o big.yaml
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from auditkit.checklists import load_catalog
from auditkit.model import Checklist, Item, applicable_targets, build_submission
from auditkit.verdict import Rule

AS_OF = dt.date(2026, 10, 15)
KINDS = [("own", "li-ion"), ("own", "vrla"), ("nirs", "none"), ("colocation", "vrla"), ("cloud", "none")]


def passing_value(item: Item, grade: int | None, rng: random.Random, as_of: dt.date = AS_OF) -> Any:
    rule: Rule | None = item.answer.rule_for(grade)
    spec = item.answer
    if spec.type == "choice":
        allowed = rule.within if rule and rule.within else spec.options
        return next((o for o in allowed if o != "none"), allowed[0])  # every system has a DR site: "none" would
        # contradict it (RED-04 accepts none for grade 3 since 2026.1; validation cross-checks it against dr_site)
    if spec.type == "number":
        if rule and rule.max is not None:
            return rule.max if rule.min is None else (rule.min + rule.max) / 2
        return (rule.min if rule and rule.min is not None else 0) + rng.randint(0, 3)
    if rule and rule.min_days_ahead is not None:
        return str(as_of + dt.timedelta(days=rule.min_days_ahead + rng.randint(1, 30)))
    age = rule.max_age_days if rule and rule.max_age_days is not None else 30
    return str(as_of - dt.timedelta(days=rng.randint(0, age)))


def answer(item: Item, grade: int | None, rng: random.Random, as_of: dt.date = AS_OF) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if item.answer.computed:
        entry["value"] = passing_value(item, grade, rng, as_of)
    else:
        entry["status"] = "compliant"
        if item.answer.type == "text":
            entry["value"] = "점검 완료"
    entry["owner"] = f"p{rng.randint(0, 9)}"
    if item.evidence == "required":
        entry["evidence"] = [{"ref": f"증적-{item.id}-{rng.randint(1000, 9999)}"}]
    return entry


def submission(checklist: Checklist, systems: int, code: str = "BIG", seed: int = 1, as_of: dt.date = AS_OF,
               no_dr: float = 0.0) -> dict[str, Any]:
    """A valid submission, every answer compliant; the same seed with another as_of gives the same file a
    year apart (each date moved with as_of). `no_dr`: the share of grade 1-2 systems left without a DR site."""
    rng, drop = random.Random(seed), random.Random(-seed)
    sites = [{"id": f"S{i:02d}", "name": f"전산실 {i}", "kind": KINDS[i % len(KINDS)][0],
              "battery": KINDS[i % len(KINDS)][1], "owner": "p0"} for i in range(max(2, systems // 100))]
    rows = []
    for i in range(systems):
        grade = 1 + i % 4
        row = {"id": f"SYS-{i:04d}", "name": f"정보시스템 {i}", "grade": grade, "owner": f"p{i % 10}",
               "deputy": f"p{(i + 1) % 10}", "site": sites[i % len(sites)]["id"]}
        if not (no_dr and grade <= 2 and drop.random() < no_dr):
            row["dr_site"] = sites[(i + 1) % len(sites)]["id"]
        rows.append(row)
    data: dict[str, Any] = {
        "checklist": checklist.id, "checklist_version": checklist.version, "period": as_of.year, "as_of": str(as_of),
        "institution": {"code": code, "name": {"ko": f"시험기관 {code}", "en": f"Test institution {code}"}},
        "people": {f"p{i}": {"name": f"담당자{i}", "role": "정보보호팀", "email": f"p{i}@example.kr"} for i in range(10)},
        "prepared_by": "p0", "approved_by": {"person": "p1", "date": str(as_of + dt.timedelta(days=5))},
        "sites": sites, "systems": rows, "answers": {}}
    model = build_submission(data)
    grades = {s.id: s.grade for s in model.systems}
    for item in checklist.items.values():
        targets = applicable_targets(item, model)
        if targets is None:
            data["answers"][item.id] = answer(item, None, rng, as_of)
        elif targets:
            key = "sites" if item.scope == "site" else "systems"
            data["answers"][item.id] = {key: {t: answer(item, grades.get(t), rng, as_of) for t in targets}}
    without_dr(data, as_of)
    return data


# what a system without a DR site answers (anything else contradicts it: rules/crosscheck.py)
NO_DR_ANSWER = {"RED-03": "none", "RED-04": "none", "RED-06": "none", "BKP-09": "never"}


def without_dr(data: dict[str, Any], as_of: dt.date) -> None:
    """A system without a DR site answers RED-03/04/06 none and BKP-09 never, each failing with a remediation:
    building the DR site."""
    for row in data["systems"]:
        if "dr_site" in row:
            continue
        for item_id, value in NO_DR_ANSWER.items():
            entry = data["answers"].get(item_id, {}).get("systems", {}).get(row["id"])
            if entry is not None:
                entry["value"] = value
                entry["remediation"] = {"action": "재해복구 시설 확보", "owner": entry["owner"],
                                        "due": str(as_of + dt.timedelta(days=25))}


def year_pair(checklist: Checklist, systems: int, share: float = 0.1, seed: int = 1
              ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Last year's and this year's submission of one institution: every date renewed (as in a real year), and
    `share` of the answers edited on one side or the other: an owner handed over, evidence replaced, or a
    status answer that slipped to partial with a remediation promised (a regression, or seen from the other side
    an improvement)."""
    old = submission(checklist, systems, "BIG", seed, AS_OF - dt.timedelta(days=365))
    new = submission(checklist, systems, "BIG", seed, AS_OF)
    rng = random.Random(seed + 1000)
    for item in checklist.items.values():
        for side in (old, new):
            entry = side["answers"].get(item.id)
            if entry is None:
                continue
            nested = entry.get("sites", entry.get("systems"))
            for target in (nested.values() if isinstance(nested, dict) else [entry]):
                if rng.random() < share / 2:
                    edit(item, target, side, rng)
    return old, new


def with_findings(checklist: Checklist, data: dict[str, Any], share: float = 0.1, seed: int = 7) -> int:
    """Turn `share` of the status answers partial, each with a remediation; returns how many (the findings)."""
    rng, count = random.Random(seed), 0
    due = str(dt.date.fromisoformat(data["as_of"]) + dt.timedelta(days=20))
    for item in checklist.items.values():
        entry = data["answers"].get(item.id)
        if entry is None or item.answer.type != "status":
            continue
        nested = entry.get("sites", entry.get("systems"))
        for target in (nested.values() if isinstance(nested, dict) else [entry]):
            if rng.random() < share:
                target["status"] = "partial"
                target["remediation"] = {"action": "이중화 구성 보완", "owner": target["owner"], "due": due}
                count += 1
    return count


def varied(checklist: Checklist, index: int, seed: int = 2026, as_of: dt.date = AS_OF) -> dict[str, Any]:
    """One institution of the national corpus: sizes from 3 to 12 systems (one in twenty 20 to 80), a share of findings
    from none to nine tenths (partial or non-compliant, each with its remediation, due from six weeks ago to half a year ahead), some
    grade 1-2 systems without a DR site, some files not yet approved: every rating occurs, every file is valid."""
    rng = random.Random(seed * 100003 + index)
    systems = rng.choice((3, 4, 5, 6, 7, 8, 10, 12)) if rng.random() < 0.95 else rng.randint(20, 80)
    data = submission(checklist, systems, f"N{index:04d}", seed=seed + index, as_of=as_of, no_dr=0.05)
    data["institution"]["name"] = {"ko": f"{rng.choice(REGIONS)} {rng.choice(BODIES)} {index:04d}",
                                   "en": f"Public body {index:04d}"}
    share = rng.choice((0.0, 0.0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.6, 0.9))
    if share:
        with_findings(checklist, data, share, seed=index)
        as_of = dt.date.fromisoformat(data["as_of"])
        for item in checklist.items.values():
            entry = data["answers"].get(item.id)
            nested = entry.get("sites", entry.get("systems")) if entry else None
            for target in (nested.values() if isinstance(nested, dict) else [entry] if entry else []):
                if "remediation" in target:  # due from six weeks ago (overdue) to half a year ahead
                    target["remediation"]["due"] = str(as_of + dt.timedelta(days=rng.randint(-45, 180)))
                if "remediation" in target and rng.random() < share * 0.7:
                    target["status"] = "non_compliant"
    if rng.random() < 0.1:
        del data["approved_by"]
    return data


REGIONS = ("서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "경기", "강원", "충북", "충남", "전북", "전남", "경북",
           "경남", "제주")
BODIES = ("정보화진흥원", "시설관리공단", "도시공사", "신용보증재단", "테크노파크", "교육청", "보건환경연구원", "문화재단")


def corpus(folder: Path, count: int, seed: int = 2026, as_of: dt.date = AS_OF) -> list[Path]:
    """`count` varied submissions (see varied()) written to folder/inst-NNNN.yaml, for the national benchmarks;
    another seed and an as_of a year earlier give the same institutions' previous year."""
    checklist = load_catalog().resolve("mss-it-resilience")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"inst-{index:04d}.yaml"
        path.write_text(to_yaml(varied(checklist, index, seed, as_of)), encoding="utf-8")
        paths.append(path)
    return paths


def edit(item: Item, entry: dict[str, Any], side: dict[str, Any], rng: random.Random) -> None:
    choice = rng.randrange(3)
    if choice == 0 or (choice == 2 and item.answer.type != "status"):
        entry["owner"] = f"p{(int(entry['owner'][1:]) + rng.randint(1, 9)) % 10}"
    elif choice == 1:
        entry["evidence"] = [{"ref": f"증적-{item.id}-{rng.randint(10000, 99999)}"}]
    else:
        as_of = dt.date.fromisoformat(side["as_of"])
        entry["status"] = "partial"
        entry["remediation"] = {"action": "보완 조치", "owner": entry["owner"], "due": str(as_of + dt.timedelta(days=20))}


def to_yaml(data: dict[str, Any]) -> str:
    """Block YAML with flow maps for leaves: what a person's file looks like, written fast."""
    lines = []
    for key, value in data.items():
        if key == "answers":
            lines.append("answers:")
            for item_id, entry in value.items():
                lines.append(f"  {item_id}:")
                if "sites" in entry or "systems" in entry:
                    scope = "sites" if "sites" in entry else "systems"
                    lines.append(f"    {scope}:")
                    lines.extend(f"      {t}: {flow(a)}" for t, a in entry[scope].items())
                else:
                    lines.extend(f"    {k}: {flow(v)}" for k, v in entry.items())
        elif isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {flow(v)}" for v in value)
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {flow(v)}" for k, v in value.items())
        else:
            lines.append(f"{key}: {flow(value)}")
    return "\n".join(lines) + "\n"


def flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, str):
        return value if value[:4].isdigit() and len(value) == 10 else json.dumps(value, ensure_ascii=False)
    return str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--systems", type=int, default=1600)
    parser.add_argument("--code", default="BIG")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=int, metavar="N", help="write N varied submissions into the folder OUTPUT")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    if args.corpus:
        corpus(Path(args.output), args.corpus, args.seed)
        return
    checklist = load_catalog().resolve("mss-it-resilience")
    Path(args.output).write_text(to_yaml(submission(checklist, args.systems, args.code, args.seed)), encoding="utf-8")


if __name__ == "__main__":
    main()

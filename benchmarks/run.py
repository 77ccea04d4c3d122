"""auditkit benchmarks: generate large inputs, time the commands users wait for, print medians and ratios.

    ./dev.sh bench              # everything (about 10 minutes on 2 cores)
    ./dev.sh bench --quick      # fewer repeats, smaller batches (a smoke run)
    ./dev.sh bench --only validate,startup
    ./dev.sh bench --only national-validate,national-rollup,national-jobs,national-previous   # 2,000 submissions

Ratios are measured within one run, so that a noisy shared machine slows both sides alike.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
PY = sys.executable
AUDITKIT = [PY, "-m", "auditkit"]


@dataclass
class Row:
    name: str
    value: str
    target: str
    holds: bool | None


def timed(cmd: list[str], repeats: int, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Median wall seconds of a command, and its peak RSS in KiB (os.wait4: this command's own process tree only)."""
    times, peak = [], 0
    for _ in range(repeats):
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors)
            _, status, usage = os.wait4(process.pid, 0)
            times.append(time.perf_counter() - start)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                errors.seek(0)
                raise SystemExit(f"benchmark command failed ({process.returncode}): {' '.join(cmd)}\n"
                                 f"{errors.read().decode(errors='replace')[-2000:]}")
        peak = max(peak, usage.ru_maxrss)
    return statistics.median(times), peak


def python_snippet(code: str, repeats: int) -> float:
    return timed([PY, "-c", code], repeats)[0]


def paired(ours: list[str], base: list[str], repeats: int) -> tuple[float, float]:
    """Medians of two commands run in turn (ours, base, ours, …): a load that comes and goes on a shared machine
    then slows both sides of a ratio alike instead of one of them."""
    a, b = [], []
    for _ in range(repeats):
        a.append(timed(ours, 1)[0])
        b.append(timed(base, 1)[0])
    return statistics.median(a), statistics.median(b)


def make_inputs(folder: Path, quick: bool) -> dict[str, object]:
    from generate import submission, to_yaml, with_findings, year_pair

    from auditkit.checklists import load_catalog

    checklist = load_catalog().resolve("mss-it-resilience")
    paths: dict[str, object] = {}
    for systems in (100, 1600):
        path = folder / f"big-{systems}.yaml"
        path.write_text(to_yaml(submission(checklist, systems, "BIG")), encoding="utf-8")
        paths[f"big{systems}"] = path
    failing = submission(checklist, 1600, "BIG")
    paths["findings"] = with_findings(checklist, failing)
    paths["big1600f"] = folder / "big-1600-findings.yaml"
    paths["big1600f"].write_text(to_yaml(failing), encoding="utf-8")
    other = folder / "big-1600-other.yaml"
    other.write_text(to_yaml(submission(checklist, 1600, "BIG", seed=2)), encoding="utf-8")
    paths["big1600b"] = other
    for name, data in zip(("year-old", "year-new"), year_pair(checklist, 1600), strict=True):
        path = folder / f"{name}.yaml"
        path.write_text(to_yaml(data), encoding="utf-8")
        paths[name] = path
    many = folder / "many"
    many.mkdir()
    for i in range(40 if quick else 200):
        (many / f"inst-{i:03d}.yaml").write_text(to_yaml(submission(checklist, 3 + i % 10, f"I{i:03d}", seed=i)), encoding="utf-8")
    paths["many"] = many
    eight = folder / "eight"
    eight.mkdir()
    for i in range(8):
        (eight / f"r-{i}.yaml").write_text(to_yaml(submission(checklist, 12, f"R{i}", seed=100 + i)), encoding="utf-8")
    paths["eight"] = eight
    paths["one"] = sorted(many.glob("*.yaml"))[5]
    return paths


def bench_startup(p: dict[str, object], repeats: int) -> list[Row]:
    script = Path(PY).parent / "auditkit"  # the console script users run, not `python -m`
    ours, base = paired([str(script) if script.exists() else PY, *([] if script.exists() else ["-m", "auditkit"]),
                         "--help"], [PY, "-c", "import click"], repeats * 3)
    ratio = ours / base
    return [Row("start-up: auditkit --help", f"{ours:.3f} s = {ratio:.2f}× python + click", "≤ 1.5×", ratio <= 1.5)]


def bench_validate(p: dict[str, object], repeats: int) -> list[Row]:
    one = timed(AUDITKIT + ["validate", str(p["one"])], repeats)[0]
    parse_code = f"import yaml; yaml.load(open({str(p['big1600'])!r}, encoding='utf-8'), Loader=yaml.CSafeLoader)"
    big, parse = paired(AUDITKIT + ["validate", str(p["big1600"])], [PY, "-c", parse_code], repeats)
    many = timed(AUDITKIT + ["validate", str(p["many"])], 1)[0]
    count = len(list(Path(str(p["many"])).glob("*.yaml")))
    return [Row("validate: one ordinary file", f"{one:.2f} s", "", None),
            Row("validate: 1,600 systems", f"{big:.2f} s = {big / parse:.2f}× libyaml parse ({parse:.2f} s)", "≤ 2×", big / parse <= 2),
            Row(f"validate: {count} files", f"{many:.2f} s ({1000 * many / count:.0f} ms/file)", "", None)]


def bench_workbook(p: dict[str, object], repeats: int) -> list[Row]:
    """Export and import of the 1,600-system submission, each against validating the same YAML (issue 13)."""
    with tempfile.TemporaryDirectory() as tmp:
        book, back = str(Path(tmp) / "big.xlsx"), str(Path(tmp) / "back.yaml")
        validate = AUDITKIT + ["validate", "--quiet", str(p["big1600"])]
        export, base = paired(AUDITKIT + ["export", str(p["big1600"]), "-o", book], validate, repeats)
        imported, base2 = paired(AUDITKIT + ["import", book, "-o", back], validate, repeats)
        size = Path(book).stat().st_size / 1048576
    return [Row("workbook: export 1,600 systems", f"{export:.2f} s = {export / base:.2f}× validate ({base:.2f} s), {size:.1f} MiB",
                "≤ 2×", export / base <= 2),
            Row("workbook: import 1,600 systems", f"{imported:.2f} s = {imported / base2:.2f}× validate ({base2:.2f} s)",
                "≤ 2×", imported / base2 <= 2)]


def bench_report(p: dict[str, object], repeats: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "r.html"
        subprocess.run(AUDITKIT + ["report", str(p["one"]), "--format", "html", "-o", str(html)], cwd=ROOT, check=True,
                       capture_output=True)
        code = ("import weasyprint, pathlib; from auditkit.render import TEMPLATES; "
                f"s = pathlib.Path({str(html)!r}).read_text(encoding='utf-8'); "
                f"a = [weasyprint.Attachment(string=pathlib.Path({str(p['one'])!r}).read_bytes(), name='s.yaml')]; "
                "weasyprint.HTML(string=s, base_url=TEMPLATES.as_uri() + '/').write_pdf(pdf_variant='pdf/a-3a', attachments=a)")
        command = AUDITKIT + ["report", str(p["one"]), "--force", "-o", str(Path(tmp) / "r.pdf")]
        ours, bare = paired(command, [PY, "-c", code], repeats + 2)
    ratio = ours / bare
    return [Row("report: one PDF", f"{ours:.2f} s = {ratio:.2f}× WeasyPrint alone ({bare:.2f} s)", "≤ 1.15×", ratio <= 1.15)]


def bench_big_pdf(p: dict[str, object], repeats: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        small, _ = timed(AUDITKIT + ["report", str(p["big100"]), "-o", str(Path(tmp) / "a.pdf")], 1)
        big, rss = timed(AUDITKIT + ["report", str(p["big1600"]), "-o", str(Path(tmp) / "b.pdf")], 1)
        worse, worse_rss = timed(AUDITKIT + ["report", str(p["big1600f"]), "-o", str(Path(tmp) / "c.pdf")], 1)
    growth = big / small
    return [Row("report: 1,600-system PDF", f"{big:.1f} s, peak {rss / 1048576:.2f} GiB", "≤ 90 s, ≤ 1.5 GiB",
                big <= 90 and rss / 1048576 <= 1.5),
            Row(f"report: same with {p['findings']:,} findings", f"{worse:.1f} s, peak {worse_rss / 1048576:.2f} GiB",
                "≤ 90 s, ≤ 1.5 GiB", worse <= 90 and worse_rss / 1048576 <= 1.5),
            Row("report: growth 100 → 1,600 systems", f"{growth:.1f}× for 16× the systems ({small:.1f} s → {big:.1f} s)",
                "≤ 16× (linear)", growth <= 16)]


def bench_tagging(p: dict[str, object], repeats: int) -> list[Row]:
    """What tagging (PDF/A-3a: structure tree, artifacts, signature fields as form elements) costs over --untagged."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for key, name, times in (("one", "one PDF", repeats + 2), ("big1600", "1,600-system PDF", 1)):
            tagged_cmd = AUDITKIT + ["report", str(p[key]), "--force", "-o", str(Path(tmp) / "t.pdf")]
            plain_cmd = AUDITKIT + ["report", str(p[key]), "--force", "--untagged", "-o", str(Path(tmp) / "u.pdf")]
            tagged, plain = paired(tagged_cmd, plain_cmd, times)
            tagged_rss, plain_rss = timed(tagged_cmd, 1)[1], timed(plain_cmd, 1)[1]
            size, plain_size = (Path(tmp) / "t.pdf").stat().st_size, (Path(tmp) / "u.pdf").stat().st_size
            rows.append(Row(f"tagging: {name}", f"{tagged:.1f} s vs {plain:.1f} s untagged = {tagged / plain:.2f}×; "
                            f"peak {tagged_rss / 1048576:.2f} vs {plain_rss / 1048576:.2f} GiB; "
                            f"{size / 1e6:.1f} vs {plain_size / 1e6:.1f} MB", "", None))
    return rows


def bench_rollup(p: dict[str, object], repeats: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        took = timed(AUDITKIT + ["rollup", str(p["many"]), "-o", str(Path(tmp) / "all.pdf")], 1)[0]
    count = len(list(Path(str(p["many"])).glob("*.yaml")))
    return [Row(f"roll-up of {count}", f"{took:.1f} s", "", None)]


def bench_diff(p: dict[str, object], repeats: int) -> list[Row]:
    """Two years of one institution (dates renewed, 10 % of answers edited: about 2,000 changes), and for reference
    two unrelated files in which every one of the 58,000 answers differs (60,000 changes)."""
    rows = []
    for old, new, name, target in (("year-old", "year-new", "diff: two 1,600-system files (a year apart)", True),
                                   ("big1600", "big1600b", "diff: same, every answer differs", False)):
        load_code = f"from auditkit.loader import load_file; load_file({str(p[old])!r}); load_file({str(p[new])!r})"
        took, load = paired(AUDITKIT + ["diff", str(p[old]), str(p[new]), "--format", "json"], [PY, "-c", load_code],
                            repeats)
        ratio = took / load
        rows.append(Row(name, f"{took:.2f} s = {ratio:.2f}× loading both ({load:.2f} s)", "≤ 2×" if target else "",
                        ratio <= 2 if target else None))
    return rows


def bench_jobs(p: dict[str, object], repeats: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        one = timed(AUDITKIT + ["report", str(p["eight"]), "--jobs", "1", "-o", str(Path(tmp) / "j1")], 1)[0]
        two = timed(AUDITKIT + ["report", str(p["eight"]), "--jobs", "2", "-o", str(Path(tmp) / "j2")], 1)[0]
        again = timed(AUDITKIT + ["report", str(p["eight"]), "-o", str(Path(tmp) / "j2")], 1)[0]
        edited = sorted(Path(str(p["eight"])).glob("*.yaml"))[0]
        edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        changed = timed(AUDITKIT + ["report", str(p["eight"]), "-o", str(Path(tmp) / "j2")], 1)[0]
    return [Row("batch of 8 reports: --jobs 2 vs --jobs 1", f"{one / two:.2f}× faster ({one:.1f} s → {two:.1f} s)", "≥ 1.6×",
                one / two >= 1.6),
            Row("the same batch again: nothing changed / 1 changed", f"{again:.2f} s / {changed:.2f} s (all 8: {two:.1f} s)",
                "", None)]


# --- national scale (issue 16): 2,000 varied submissions ------------------------------------------------------

def national(p: dict[str, object], quick: bool) -> tuple[Path, Path, int]:
    """The national corpus (generated once per run): 2,000 submissions, and its first tenth in a folder of its own."""
    if "national" not in p:
        from generate import corpus

        root = Path(str(p["many"])).parent
        count = 400 if quick else 2000
        files = corpus(root / "national", count)
        small = root / "national-tenth"
        small.mkdir()
        for path in files[: count // 10]:
            (small / path.name).symlink_to(path)
        p["national"], p["national-tenth"], p["national-count"] = root / "national", small, count
    return Path(str(p["national"])), Path(str(p["national-tenth"])), int(str(p["national-count"]))


def gib(kib: int) -> float:
    return kib / 1048576


def bench_national_validate(p: dict[str, object], repeats: int) -> list[Row]:
    folder, _, count = national(p, repeats == 1)
    one_by_one = ("import sys, pathlib; from auditkit.checklists import load_catalog; from auditkit.validate import "
                  "validate_file; c = load_catalog(); "
                  f"[validate_file(str(f), c) for f in sorted(pathlib.Path({str(folder)!r}).glob('*.yaml'))]")
    ours, base = paired(AUDITKIT + ["validate", "--quiet", str(folder)], [PY, "-c", one_by_one], 1)
    _, rss = timed(AUDITKIT + ["validate", "--quiet", str(folder)], 1)
    ratio = ours / base
    return [Row(f"validate: {count:,} files", f"{ours:.1f} s = {ratio:.2f}× one by one ({base:.1f} s), peak {rss / 1024:.0f} MB",
                "≤ 1.2×, ≤ 300 MB", ratio <= 1.2 and rss / 1024 <= 300)]


def bench_national_rollup(p: dict[str, object], repeats: int) -> list[Row]:
    folder, tenth, count = national(p, repeats == 1)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        small, small_rss = timed(AUDITKIT + ["rollup", str(tenth), "-o", str(out / "s.pdf")], 1)
        big, big_rss = timed(AUDITKIT + ["rollup", str(folder), "-o", str(out / "b.pdf")], 1)
        csv_time, _ = timed(AUDITKIT + ["rollup", "--format", "csv", str(folder), "-o", str(out / "b.csv")], 1)
        csv_one, _ = timed(AUDITKIT + ["rollup", "--format", "csv", "--jobs", "1", str(folder), "-o", str(out / "c.csv")], 1)
        json_time, json_rss = timed(AUDITKIT + ["rollup", "--format", "json", str(folder), "-o", str(out / "b.json")], 1)
        pages = pdf_pages(out / "b.pdf")
        # the same roll-up merged from two shards' JSON (each half rolled up on its own, as two machines would)
        files = sorted(folder.glob("*.yaml"))
        halves = [files[: len(files) // 2], files[len(files) // 2:]]
        shard = [timed(AUDITKIT + ["rollup", "--format", "json", *map(str, half), "-o", str(out / f"h{i}.json")], 1)[0]
                 for i, half in enumerate(halves)]
        merge, merge_rss = timed(AUDITKIT + ["rollup", str(out / "h0.json"), str(out / "h1.json"), "-o", str(out / "m.pdf")], 1)
        same = (out / "m.pdf").read_bytes() == (out / "b.pdf").read_bytes()
    time_growth, rss_growth = big / small, big_rss / small_rss
    return [Row(f"roll-up PDF of {count:,} ({pages} pages)", f"{big:.1f} s, peak {gib(big_rss):.2f} GiB",
                "≤ 60 s, ≤ 1 GiB", big <= 60 and gib(big_rss) <= 1),
            Row(f"roll-up PDF growth {count // 10:,} → {count:,}",
                f"time {time_growth:.1f}× ({small:.1f} s → {big:.1f} s), memory {rss_growth:.1f}×", "≤ 11× (linear)",
                time_growth <= 11 and rss_growth <= 11),
            Row(f"roll-up CSV / JSON of {count:,}", f"{csv_time:.1f} s / {json_time:.1f} s (peak {gib(json_rss):.2f} GiB); "
                f"CSV with --jobs 1: {csv_one:.1f} s", "≤ 20 s", csv_time <= 20 and json_time <= 20),
            Row("roll-up PDF merged from 2 shards' JSON", f"{merge:.1f} s, peak {gib(merge_rss):.2f} GiB (shards "
                f"{shard[0]:.1f} s + {shard[1]:.1f} s); {'byte-identical' if same else 'DIFFERENT'}", "identical", same)]


def bench_national_previous(p: dict[str, object], repeats: int) -> list[Row]:
    """`rollup --previous` (who kept their word) on this year's and last year's national corpus, against the plain
    roll-up of this year, in CSV and in PDF."""
    import datetime as dt

    from generate import AS_OF, corpus

    folder, _, count = national(p, repeats == 1)
    older = folder.parent / "national-previous"
    if not older.exists():
        # the same institutions a year before, answered otherwise (another seed): promises kept, broken and dropped
        corpus(older, count, seed=2025, as_of=AS_OF - dt.timedelta(days=365))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("csv", "pdf"):
            plain, plain_rss = timed(AUDITKIT + ["rollup", "--format", fmt, str(folder), "-o", str(Path(tmp) / f"a.{fmt}")], 1)
            both, both_rss = timed(AUDITKIT + ["rollup", "--format", fmt, str(folder), "--previous", str(older), "-o",
                                               str(Path(tmp) / f"b.{fmt}")], 1)
            ratio = both / plain
            rows.append(Row(f"rollup --previous {count:,} + {count:,} ({fmt})",
                            f"{both:.1f} s = {ratio:.2f}× the plain roll-up ({plain:.1f} s); peak {gib(both_rss):.2f} "
                            f"GiB vs {gib(plain_rss):.2f}", "≤ 2×", ratio <= 2))
        # the previous year as the roll-up JSON made of it last year (what the ministry kept), instead of its files
        last = str(Path(tmp) / "last.json")
        timed(AUDITKIT + ["rollup", "--format", "json", str(older), "-o", last], 1)
        plain, _ = timed(AUDITKIT + ["rollup", "--format", "csv", str(folder), "-o", str(Path(tmp) / "c.csv")], 1)
        both, _ = timed(AUDITKIT + ["rollup", "--format", "csv", str(folder), "--previous", last, "-o",
                                    str(Path(tmp) / "d.csv")], 1)
        same = (Path(tmp) / "d.csv").read_bytes() == (Path(tmp) / "b.csv").read_bytes()
        rows.append(Row("rollup --previous with last year's roll-up JSON (csv)",
                        f"{both:.1f} s = {both / plain:.2f}× the plain roll-up ({plain:.1f} s); "
                        f"{'the same CSV' if same else 'a DIFFERENT CSV'} as from the files", "≤ 2×, the same",
                        both / plain <= 2 and same))
    return rows


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def bench_national_jobs(p: dict[str, object], repeats: int) -> list[Row]:
    folder, tenth, count = national(p, repeats == 1)
    with tempfile.TemporaryDirectory() as tmp:
        one, two = paired(AUDITKIT + ["report", "--format", "json", "--jobs", "1", str(folder), "-o", str(Path(tmp) / "a")],
                          AUDITKIT + ["report", "--format", "json", "--jobs", "2", str(folder), "-o", str(Path(tmp) / "b")], 1)
        # a PDF batch's memory: the largest process (parent or worker) of a batch of 8 and of 40 reports
        files = sorted(tenth.glob("*.yaml"))
        few = timed(AUDITKIT + ["report", "--jobs", "2", *map(str, files[:8]), "-o", str(Path(tmp) / "c")], 1)
        many = timed(AUDITKIT + ["report", "--jobs", "2", *map(str, files[:40]), "-o", str(Path(tmp) / "d")], 1)
    speed = one / two
    per_report = (few[0] / 8, many[0] / 40)
    return [Row(f"report JSON of {count:,}: --jobs 2 vs --jobs 1", f"{speed:.2f}× faster ({one:.1f} s → {two:.1f} s)",
                "≥ 1.7×", speed >= 1.7),
            Row("PDF batch of 8 vs 40 (--jobs 2): per report, peak", f"{per_report[0]:.2f} s vs {per_report[1]:.2f} s, "
                f"{few[1] / 1024:.0f} MB vs {many[1] / 1024:.0f} MB", "same (≤ 1.1×)",
                per_report[1] <= 1.1 * per_report[0] and many[1] <= 1.1 * few[1])]


BENCHES: dict[str, Callable[[dict[str, object], int], list[Row]]] = {
    "startup": bench_startup, "validate": bench_validate, "report": bench_report, "bigpdf": bench_big_pdf,
    "tagging": bench_tagging, "rollup": bench_rollup, "diff": bench_diff, "jobs": bench_jobs, "workbook": bench_workbook,
    "national-validate": bench_national_validate, "national-rollup": bench_national_rollup,
    "national-jobs": bench_national_jobs, "national-previous": bench_national_previous}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one repeat, 40 files instead of 200")
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated: " + ",".join(BENCHES))
    args = parser.parse_args()
    repeats = 1 if args.quick else 3
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        print("generating inputs …", file=sys.stderr)
        inputs = make_inputs(Path(tmp), args.quick)
        for name in args.only.split(","):
            print(f"running {name} …", file=sys.stderr)
            rows += BENCHES[name](inputs, repeats)
    print(f"\nauditkit benchmarks on {os.cpu_count()} cores, Python {sys.version.split()[0]} (medians of {repeats})\n")
    width = max(len(r.name) for r in rows)
    print(f"{'measure':<{width}}  {'result':<58} {'target':<18} holds")
    for row in rows:
        holds = "" if row.holds is None else ("yes" if row.holds else "NO")
        print(f"{row.name:<{width}}  {row.value:<58} {row.target:<18} {holds}")
    return 0 if all(r.holds is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

"""Abuse (issue 11): an output never destroys what is not an old output of the same command; inputs that are not
regular files neither hang nor mislead; a batch always ends, and ends clean; "up to date" and `verify` do not trust
what they check. Process tests run in subprocesses with bounded time limits, so that a regression fails, not hangs.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import pty
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from conftest import DATA, MINI, ROOT, run

EXAMPLES = ROOT / "examples"
LIMIT = 90  # seconds any subprocess here may take before the test fails


@pytest.fixture
def sub(tmp_path: Path) -> Path:
    target = tmp_path / "sub.yaml"
    shutil.copy(DATA / "mini-valid.yaml", target)
    return target


def auditkit(args: list[str], cwd: Path, prelude: str = "", stdout: int | None = subprocess.PIPE) -> subprocess.Popen[bytes]:
    code = (f"import runpy, sys\n{prelude}\nsys.argv = ['auditkit'] + {[str(a) for a in args]!r}\n"
            "runpy.run_module('auditkit', run_name='__main__')\n")
    return subprocess.Popen([sys.executable, "-c", code], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE,
                            start_new_session=True)


def finish(process: subprocess.Popen[bytes], limit: float = LIMIT) -> tuple[int, str]:
    try:
        _, err = process.communicate(timeout=limit)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.returncode, err.decode("utf-8", "replace")


# --- an output that is an input ---------------------------------------------------------------------------------

def _commands(sub: Path, out: Path) -> dict[str, list[object]]:
    return {
        "report": ["report", "--checklist", MINI, "--format", "json", sub, "-o", out],
        "rollup": ["rollup", "--checklist", MINI, "--format", "csv", sub, "-o", out],
        "diff": ["diff", "--checklist", MINI, "--format", "json", sub, sub, "-o", out],
        "schema": ["schema", "--checklist", MINI, "mini-check", "-o", out],
        "init": ["init", "--checklist", MINI, "mini-check", "--institution", "TEST", "--from", sub, "-o", out, "--force"],
    }


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink"])
@pytest.mark.parametrize("command", ["report", "rollup", "diff", "schema", "init"])
def test_an_output_that_is_an_input_is_refused(sub: Path, tmp_path: Path, command: str, how: str) -> None:
    protected = sub
    if command == "schema":  # its input is the checklist
        protected = tmp_path / "mini.yaml"
        shutil.copy(MINI, protected)
    out = {"same": protected, "symlink": tmp_path / "link.yaml", "hardlink": tmp_path / "hard.yaml"}[how]
    if how == "symlink":
        out.symlink_to(protected)
    elif how == "hardlink":
        os.link(protected, out)
    before = protected.read_bytes()
    args = _commands(sub, out)[command]
    result = run(*(args if command != "schema" else ["schema", "--checklist", protected, "mini-check", "-o", out]))
    assert result.exit_code == 2, result.output
    assert protected.read_bytes() == before
    assert "Error:" in result.output and ("is the input" in result.output or "symbolic link" in result.output)


def test_an_output_that_is_the_checklist_or_an_evidence_file_is_refused(tmp_path: Path) -> None:
    checklist = tmp_path / "mini.yaml"
    shutil.copy(MINI, checklist)
    before = checklist.read_bytes()
    result = run("schema", "--checklist", checklist, "mini-check", "-o", checklist)
    assert result.exit_code == 2 and checklist.read_bytes() == before, result.output
    sub = tmp_path / "sub.yaml"
    text = (DATA / "mini-valid.yaml").read_text(encoding="utf-8")
    (tmp_path / "policy.pdf").write_bytes(b"the evidence")
    sub.write_text(text.replace('evidence: [{ref: "백업정책 2026"}]',
                                f'evidence: [{{file: policy.pdf, sha256: {hashlib.sha256(b"the evidence").hexdigest()}}}]'),
                   encoding="utf-8")
    result = run("report", "--checklist", checklist, "--format", "json", sub, "-o", tmp_path / "policy.pdf")
    assert result.exit_code == 1 and (tmp_path / "policy.pdf").read_bytes() == b"the evidence", result.output
    assert "is the input" in result.output


# --- only regular files are replaced --------------------------------------------------------------------------

def test_a_fifo_a_device_a_socket_or_a_folder_as_output_is_refused(sub: Path, tmp_path: Path) -> None:
    import socket

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock"
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(sock_path))
    for target, word in ((fifo, "named pipe"), (Path("/dev/full"), "a device"), (sock_path, "a socket")):
        result = run("report", "--checklist", MINI, "--format", "json", sub, "-o", target)
        assert result.exit_code == 2 and word in result.output, result.output
    listener.close()
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode), "/dev/full was replaced"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    folder = tmp_path / "folder"
    folder.mkdir()
    result = run("diff", "--checklist", MINI, sub, sub, "--format", "json", "-o", folder)
    assert result.exit_code == 2 and "Error" in result.output and "Traceback" not in result.output


def test_an_output_symlink_is_refused_and_left_alone(sub: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "precious.txt"
    elsewhere.write_text("not a report")
    link = tmp_path / "out.json"
    link.symlink_to(elsewhere)
    result = run("report", "--checklist", MINI, "--format", "json", sub, "-o", link)
    assert result.exit_code == 2 and "symbolic link" in result.output
    assert link.is_symlink() and elsewhere.read_text() == "not a report"


# --- permissions -------------------------------------------------------------------------------------------

def test_a_new_output_follows_the_umask_and_an_old_one_keeps_its_mode(sub: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    status, err = finish(auditkit(["report", "--checklist", MINI, "--format", "json", sub, "-o", out], tmp_path,
                                  "import os; os.umask(0o077)"))
    assert status == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    out.chmod(0o640)
    assert run("report", "--checklist", MINI, "--format", "json", "--lang", "en", sub, "-o", out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


# --- batches -------------------------------------------------------------------------------------------------

def _copies(tmp_path: Path, *names: str) -> list[Path]:
    paths = []
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / "mini-valid.yaml", path)
        paths.append(path)
    return paths


def test_same_names_in_different_folders_get_distinct_outputs(tmp_path: Path) -> None:
    inputs = _copies(tmp_path / "in", "a/2026/sub.yaml", "b/2026/sub.yaml")
    out = tmp_path / "out"
    result = run("report", "--checklist", MINI, "--format", "json", "--jobs", "1", *inputs, "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(out)) == ["a-2026-sub.json", "b-2026-sub.json"]


def test_names_that_still_collide_stop_the_batch_before_writing(tmp_path: Path) -> None:
    inputs = _copies(tmp_path / "in", "x/kibo.yaml", "y/kibo.yaml", "z/x-kibo.yaml")
    out = tmp_path / "out"
    result = run("report", "--checklist", MINI, "--format", "json", "--jobs", "1", *inputs, "-o", out)
    assert result.exit_code == 2
    assert f"{inputs[0]} and {inputs[2]}" in result.output, result.output
    assert not out.exists() or os.listdir(out) == []


def test_batch_output_problems_are_one_line(tmp_path: Path) -> None:
    inputs = _copies(tmp_path / "in", "a.yaml", "b.yaml")
    a_file = tmp_path / "afile"
    a_file.write_text("x")
    result = run("report", "--checklist", MINI, "--format", "json", *inputs, "-o", a_file)
    assert result.exit_code == 2 and "is a file, not a folder" in result.output, result.output
    result = run("report", "--checklist", MINI, "--format", "json", *inputs, "-o", a_file / "reports")
    assert result.exit_code == 1 and f"cannot create the folder {a_file / 'reports'}: Not a directory" in result.output
    assert "internal error" not in result.output and len(result.output.strip().splitlines()) == 1, result.output
    long_name = _copies(tmp_path / "in", ("n" * 245) + ".yaml")[0]
    result = run("report", "--checklist", MINI, "--format", "json", long_name, "-o", tmp_path / ("n" * 300 + ".json"))
    assert result.exit_code == 1 and "File name too long" in result.output and "internal error" not in result.output
    result = run("report", "--checklist", MINI, "--format", "json", long_name, "-o", tmp_path / ("n" * 250 + ".json"))
    assert result.exit_code == 0, result.output  # 255 characters: the temporary file's name is kept short enough to fit


# --- standard output ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "html"])
def test_dash_writes_to_standard_output(sub: Path, tmp_path: Path, fmt: str) -> None:
    process = auditkit(["report", "--checklist", MINI, "--format", fmt, sub, "-o", "-"], tmp_path)
    out, err = process.communicate(timeout=LIMIT)
    assert process.returncode == 0, err
    assert not (tmp_path / "-").exists()
    assert (json.loads(out)["institution"]["code"] == "TEST") if fmt == "json" else out.startswith(b"<!DOCTYPE html>")


def test_a_pdf_to_a_terminal_is_refused(sub: Path, tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    process = auditkit(["report", "--checklist", MINI, sub, "-o", "-"], tmp_path, stdout=follower)
    os.close(follower)
    status, err = finish(process)
    os.close(leader)
    assert status == 2 and "refusing to write a PDF to a terminal" in err, err


def test_a_pdf_to_a_pipe_is_written(sub: Path, tmp_path: Path) -> None:
    process = auditkit(["report", "--checklist", MINI, sub, "-o", "-"], tmp_path)
    out, err = process.communicate(timeout=LIMIT)
    assert process.returncode == 0, err
    assert list(PdfReader(io.BytesIO(out)).attachments) == ["sub.yaml"]


# --- inputs that are not regular files -------------------------------------------------------------------------

def test_a_fifo_nobody_writes_to_does_not_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import auditkit.loader

    monkeypatch.setattr(auditkit.loader, "FIFO_WAIT", 0.5)
    fifo = tmp_path / "sub.yaml"
    os.mkfifo(fifo)
    for args in (["validate"], ["report", "--format", "json", "-o", tmp_path / "out.json"],
                 ["diff", fifo], ["init", "mini-check", "--institution", "TEST", "-o", tmp_path / "new.yaml", "--from"]):
        started = time.monotonic()
        result = run(*args[:1], "--checklist", MINI, *args[1:], fifo)
        assert result.exit_code == 1 and "nothing was written to it" in result.output, (args, result.output)
        assert time.monotonic() - started < 10


def test_verify_of_a_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "r.pdf"
    os.mkfifo(fifo)
    status, err = finish(auditkit(["verify", fifo], tmp_path), limit=30)
    assert status == 1 and "Error" in err and "Traceback" not in err, err


def test_an_endless_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    started = time.monotonic()
    result = run("validate", "--checklist", MINI, "/dev/zero")
    assert result.exit_code == 1 and "is a device, not a file" in result.output
    assert time.monotonic() - started < 10


def _feed(fifo: Path, data: bytes) -> threading.Thread:
    def write() -> None:
        with open(fifo, "wb") as handle:
            handle.write(data)
    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_an_endless_pipe_is_cut_at_the_size_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "zero.yaml"
    os.mkfifo(fifo)
    process = subprocess.Popen(f"cat /dev/zero > {fifo}", shell=True, start_new_session=True)
    try:
        result = run("validate", "--checklist", MINI, fifo)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert result.exit_code == 1 and "more than 32 MiB came through this pipe" in result.output, result.output


def test_a_pipe_is_read_once_and_what_was_read_is_embedded(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    os.mkfifo(old)
    os.mkfifo(new)
    data = (DATA / "mini-valid.yaml").read_bytes()
    threads = [_feed(old, data), _feed(new, data.replace(b"2026-09-01", b"2026-09-02"))]
    out = tmp_path / "diff.pdf"
    result = run("diff", "--checklist", MINI, "--format", "pdf", old, new, "-o", out)
    assert result.exit_code == 0, result.output
    attachments = PdfReader(str(out)).attachments
    assert attachments["old-old.yaml"] == [data]
    assert attachments["new-new.yaml"] == [data.replace(b"2026-09-01", b"2026-09-02")]
    for thread in threads:
        thread.join(5)


# --- "up to date" and verify --------------------------------------------------------------------------------

def _report(sub: Path, out: Path, *extra: str) -> str:
    result = run("report", "--checklist", MINI, *extra, sub, "-o", out)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_damaged_pdf_is_not_kept_as_up_to_date(sub: Path, tmp_path: Path) -> None:
    out = tmp_path / "sub.pdf"
    _report(sub, out)
    good = out.read_bytes()
    assert "up to date" in _report(sub, out)
    damaged = bytearray(good)
    damaged[len(good) // 3:len(good) // 3 + 20000] = bytes(min(20000, len(good) // 3))
    out.write_bytes(bytes(damaged))
    assert "up to date" not in _report(sub, out)
    assert out.read_bytes() == good


def test_another_institutions_pdf_with_copied_keywords_is_not_kept(sub: Path, tmp_path: Path) -> None:
    out = tmp_path / "sub.pdf"
    _report(sub, out)
    keywords = PdfReader(str(out)).metadata["/Keywords"]
    other = tmp_path / "other" / "sub.yaml"
    other.parent.mkdir()
    other.write_text(sub.read_text(encoding="utf-8").replace("code: TEST", "code: OTHER"), encoding="utf-8")
    forged = tmp_path / "forged.pdf"
    _report(other, forged)
    writer = PdfWriter(clone_from=str(forged))
    writer.add_metadata({"/Keywords": keywords})
    with open(out, "wb") as handle:
        writer.write(handle)
    output = _report(sub, out)
    assert "up to date" not in output
    assert "(TEST)" in PdfReader(str(out)).pages[0].extract_text()


def test_verify_catches_a_swapped_attachment_and_hash(tmp_path: Path) -> None:
    """KOSME's report with KIBO's YAML embedded and KIBO's hash recorded: consistent with itself, not with its pages."""
    for code in ("kosme", "kibo"):
        assert run("report", EXAMPLES / "2026" / f"{code}.yaml", "-o", tmp_path / f"{code}.pdf").exit_code == 0
    kibo = (EXAMPLES / "2026" / "kibo.yaml").read_bytes()
    kosme = PdfReader(str(tmp_path / "kosme.pdf"))
    writer = PdfWriter()
    for page in kosme.pages:
        writer.add_page(page)
    writer.add_attachment("kibo.yaml", kibo)
    writer.add_metadata({"/Subject": f"auditkit submission sha256={hashlib.sha256(kibo).hexdigest()}"})
    forged = tmp_path / "forged.pdf"
    with open(forged, "wb") as handle:
        writer.write(handle)
    good = run("verify", tmp_path / "kibo.pdf", EXAMPLES / "2026" / "kibo.yaml")
    assert good.exit_code == 0, good.output
    assert "page 1 shows institution KIBO" in good.output and "does not show who made the report" in good.output
    bad = run("verify", forged, EXAMPLES / "2026" / "kibo.yaml")
    assert bad.exit_code == 1
    assert "MISMATCH: page 1 does not show institution KIBO" in bad.output, bad.output
    assert "does not show who made the report" in " ".join(run("verify", "--help").output.split())


# --- processes ---------------------------------------------------------------------------------------------

def _batch(tmp_path: Path, count: int) -> list[Path]:
    return _copies(tmp_path / "in", *(f"s{i}.yaml" for i in range(count)))


@pytest.mark.parametrize("fmt", ["pdf", "json"])  # a PDF child renders one report; a JSON child takes several in turn
def test_a_worker_killed_by_sigkill_does_not_hang_the_batch(tmp_path: Path, fmt: str) -> None:
    inputs = _batch(tmp_path, 4)
    out = tmp_path / "out"
    prelude = ("import os, signal, auditkit.report as r\n"
               "real = r.report_bytes\n"
               "def bytes_or_die(result, *a):\n"
               "    if result.path.endswith('s1.yaml'): os.kill(os.getpid(), signal.SIGKILL)\n"
               "    return real(result, *a)\n"
               "r.report_bytes = bytes_or_die")
    status, err = finish(auditkit(["report", "--checklist", MINI, "--format", fmt, "--jobs", "2", *inputs, "-o", out],
                                  tmp_path, prelude))
    assert status == 1, err
    assert sorted(os.listdir(out)) == [f"s0.{fmt}", f"s2.{fmt}", f"s3.{fmt}"]
    assert f"{inputs[1]}: the worker rendering it was killed by SIGKILL" in err, err
    assert f"1 of 4 submission(s) not rendered: {inputs[1]}" in err and "Traceback" not in err


def test_a_roll_up_worker_killed_by_sigkill_loses_only_the_input_it_was_reading(tmp_path: Path) -> None:
    inputs = _batch(tmp_path, 20)  # enough for the roll-up to read them in worker processes
    for n, path in enumerate(inputs):  # twenty institutions
        path.write_text(path.read_text(encoding="utf-8").replace("code: TEST,", f"code: T{n:02d},"), encoding="utf-8")
    out = tmp_path / "all.csv"
    prelude = ("import os, signal, auditkit.rollup as r\n"
               "real = r.read_submission\n"
               "def read_or_die(path, *a):\n"
               "    if path.endswith('s7.yaml'): os.kill(os.getpid(), signal.SIGKILL)\n"
               "    return real(path, *a)\n"
               "r.read_submission = read_or_die")
    status, err = finish(auditkit(["rollup", "--checklist", MINI, "--format", "csv", "--jobs", "2",
                                   *(p.parent for p in inputs[:1]), "-o", out], tmp_path, prelude))
    assert status == 1, err
    assert f"Error: not included: {inputs[7]}: the worker reading it was killed by SIGKILL" in err, err
    assert "(19 institution(s))" in err and "Traceback" not in err
    assert len(out.read_bytes().decode("utf-8-sig").splitlines()) == 1 + 19


def _children_of(pid_file: Path) -> list[int]:
    return [int(p) for p in pid_file.read_text().split()] if pid_file.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return not Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_to_the_parent_alone_stops_the_workers(tmp_path: Path, sig: signal.Signals) -> None:
    inputs = _batch(tmp_path, 4)
    out = tmp_path / "out"
    pids = tmp_path / "pids"
    prelude = ("import os, time, auditkit.report as r\n"
               "real = r.report_bytes\n"
               "def slow(*a):\n"
               f"    open({str(pids)!r}, 'a').write(f'{{os.getpid()}} ')\n"
               "    time.sleep(30)\n"
               "    return real(*a)\n"
               "r.report_bytes = slow")
    process = auditkit(["report", "--checklist", MINI, "--jobs", "2", "--format", "json", *inputs, "-o", out], tmp_path,
                       prelude)
    deadline = time.monotonic() + LIMIT
    while len(_children_of(pids)) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    assert len(_children_of(pids)) == 2, finish(process)
    os.kill(process.pid, sig)  # the parent alone, not its process group
    status, err = finish(process, limit=30)
    assert status != 0
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert not any(_alive(pid) for pid in _children_of(pids)), "a worker outlived the batch"
    time.sleep(1)
    assert os.listdir(out) == [], "something was written after the parent had stopped"


def test_out_of_memory_is_one_line(sub: Path, tmp_path: Path) -> None:
    prelude = ("import auditkit.render as r\n"
               "def hungry(*a, **k): raise MemoryError\n"
               "r.write_pdf_bytes = hungry")
    status, err = finish(auditkit(["report", "--checklist", MINI, sub, "-o", tmp_path / "x.pdf"], tmp_path, prelude))
    assert status == 1 and f"out of memory while rendering {tmp_path / 'x.pdf'}" in err, err
    assert "internal error" not in err and len(err.strip().splitlines()) == 2, err


@pytest.mark.parametrize("epoch", ["99999999999999", "-5", "soon"])
def test_source_date_epoch_out_of_range_is_one_line(sub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    epoch: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = run("report", "--checklist", MINI, sub, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 1 and "SOURCE_DATE_EPOCH" in result.output, result.output
    assert "internal error" not in result.output and not (tmp_path / "x.pdf").exists()


def test_no_weasyprint_folder_is_left_behind(sub: Path, tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    inputs = _batch(tmp_path, 3)
    done = subprocess.run([sys.executable, "-m", "auditkit", "report", "--checklist", MINI, "--jobs", "2", *map(str, inputs),
                           "-o", str(tmp_path / "out")], env=env, capture_output=True, timeout=LIMIT, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert os.listdir(temp) == []


# --- identities and text -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new"), [("code: TEST", 'code: "TEST\\n"'), ("id: CORE", 'id: "CORE\\n"'),
                                          ("kim: {name", '"kim\\n": {name'), ("as_of: 2026-10-15", 'as_of: "2026-10-15\\n"')])
def test_patterns_match_whole_strings_in_both_validators(sub: Path, old: str, new: str) -> None:
    """Python's `$` matches before a final line break; ECMA's (jsonschema-rs) does not: both must refuse it."""
    import jsonschema_rs

    from auditkit.checklists import load_catalog
    from auditkit.loader import load_file
    from auditkit.schema import submission_problems, submission_schema

    text = sub.read_text(encoding="utf-8")
    assert old in text
    sub.write_text(text.replace(old, new), encoding="utf-8")
    checklist = load_catalog((MINI,)).resolve("mini-check")
    doc = load_file(sub)
    assert not jsonschema_rs.validator_for(submission_schema(checklist), validate_formats=True).is_valid(doc.data)
    assert submission_problems(doc, checklist), "the Python validator let a trailing line break through"
    assert run("validate", "--checklist", MINI, sub).exit_code == 1


def test_every_csv_cell_is_neutralised_and_numbers_stay_numbers(sub: Path, tmp_path: Path) -> None:
    from auditkit.csvcells import neutral

    for payload in ("=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert neutral(payload) == "'" + payload
    assert [neutral(v) for v in ("-3.5", "+2", "81.3", 7, -1.5, "김민수")] == ["-3.5", "+2", "81.3", 7, -1.5, "김민수"]
    text = sub.read_text(encoding="utf-8").replace("{ko: 시험기관, en: Test Agency}", "{ko: \"=cmd|' /C calc'!A0\", en: x}")
    sub.write_text(text, encoding="utf-8")
    out = tmp_path / "r.csv"
    assert run("rollup", "--checklist", MINI, "--format", "csv", sub, "-o", out).exit_code == 0
    row = out.read_bytes().decode("utf-8-sig").splitlines()[1]
    cells = row.split(",")
    assert cells[1] == "'=cmd|' /C calc'!A0" and float(cells[4]) > 0 and cells[2] == "2026", row  # numbers as numbers


def _named(sub: Path, name: str) -> Path:
    text = sub.read_text(encoding="utf-8")
    sub.write_text(text.replace("{ko: 시험기관, en: Test Agency}", f"{{ko: \"{name}\", en: \"{name}\"}}"), encoding="utf-8")
    return sub


def test_markdown_diff_escapes_submission_text(sub: Path, tmp_path: Path) -> None:
    _named(sub, "<img src=x onerror=alert(1)> [click](javascript:alert(1)) \u202eevil")
    new = tmp_path / "new.yaml"
    new.write_text(sub.read_text(encoding="utf-8").replace("2026-09-01", "2026-09-02"), encoding="utf-8")
    out = run("diff", "--checklist", MINI, "--format", "md", sub, new).stdout
    title = out.splitlines()[0]
    assert "<img" not in out and "](" not in out and "\u202e" not in out
    assert "&lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(javascript:alert\\(1\\)\\) &lt;U\\+202E&gt;evil" in title, title


def test_bidi_and_zero_width_characters_are_shown_in_text(sub: Path, tmp_path: Path) -> None:
    _named(sub, "시험\u200b기관\u202e")
    out = run("diff", "--checklist", MINI, sub, sub).stdout
    assert "시험<U+200B>기관<U+202E>" in out.splitlines()[0] and "\u202e" not in out


@pytest.mark.parametrize(("old", "new", "code"), [
    ("approved_by: {person: lee, date: 2026-10-20}", "approved_by: {person: lee, date: 9999-12-31}", "approval-future"),
    ("approved_by: {person: lee, date: 2026-10-20}", "approved_by: {person: lee, date: 2024-01-01}",
     "approval-before-as-of"),
    ("period: 2026", "period: 2030", "as-of-outside-period"),
])
def test_dates_that_make_no_sense_are_errors(sub: Path, tmp_path: Path, old: str, new: str, code: str) -> None:
    text = sub.read_text(encoding="utf-8")
    sub.write_text(text.replace(old, new), encoding="utf-8")
    result = run("validate", "--checklist", MINI, "--format", "json", sub)
    assert result.exit_code == 1
    assert code in {p["code"] for f in json.loads(result.stdout)["files"] for p in f["errors"]}, result.stdout
    pdf = tmp_path / "draft.pdf"
    assert run("report", "--checklist", MINI, "--draft", sub, "-o", pdf).exit_code == 0
    assert not str(PdfReader(str(pdf)).metadata.get("/CreationDate", "")).startswith("D:9999")


def test_a_rollup_refuses_mixed_inputs(sub: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin.yaml"
    shutil.copy(sub, twin)
    result = run("rollup", "--checklist", MINI, "--format", "json", sub, twin, "-o", tmp_path / "r.json")
    assert result.exit_code == 1 and f"TEST 2026 in {sub} and {twin}" in result.output, result.output
    twin.write_text(sub.read_text(encoding="utf-8").replace("code: TEST", "code: OTHER").replace("2026", "2025"),
                    encoding="utf-8")  # the same submission a year earlier
    result = run("rollup", "--checklist", MINI, "--format", "json", sub, twin, "-o", tmp_path / "r.json")
    assert result.exit_code == 1 and "different periods (2025, 2026)" in result.output, result.output
    assert not (tmp_path / "r.json").exists()


def test_a_file_name_that_is_not_utf8_is_named_and_skipped(sub: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sub, folder / "good.yaml")
    bad = os.path.join(os.fsencode(folder), "기보".encode("cp949") + b".yaml")
    shutil.copy(sub, bad)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(sub, other / "other.yaml")
    for args in (["validate"], ["report", "--format", "json", "-o", f"{tmp_path / 'out'}/"],
                 ["rollup", "--format", "json", "-o", tmp_path / "r.json"]):
        result = run(*args[:1], "--checklist", MINI, *args[1:], folder)
        assert result.exit_code == 1, (args, result.output)
        assert "\\xb1" in result.output and ".yaml: the file name is not UTF-8" in result.output, result.output
        assert "internal error" not in result.output
    assert os.listdir(tmp_path / "out") == ["good.json"]


def test_evidence_beyond_the_hashing_limit_is_refused_quickly(sub: Path) -> None:
    huge = sub.parent / "backup.img"
    with open(huge, "wb") as handle:
        handle.truncate(20 * 2**30)  # sparse: 20 GiB that take no room
    text = sub.read_text(encoding="utf-8")
    sub.write_text(text.replace('evidence: [{ref: "백업정책 2026"}]', f"evidence: [{{file: backup.img, sha256: {'0' * 64}}}]"),
                   encoding="utf-8")
    started = time.monotonic()
    result = run("validate", "--checklist", MINI, sub)
    assert time.monotonic() - started < 20
    assert result.exit_code == 1 and "is 20.0 GiB; auditkit hashes evidence up to 1 GiB" in result.output, result.output


def test_an_html_report_is_self_contained(sub: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run("report", "--checklist", MINI, "--format", "html", sub, "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<link" not in html and ".kpi" in html.split("</style>")[0]


@pytest.mark.parametrize("megabytes", [120, 200])  # here: MemoryError at 120 MB; SIGSEGV or GLib's SIGTRAP at 200
def test_a_real_memory_limit_is_one_clear_line(tmp_path: Path, megabytes: int) -> None:
    """Under `ulimit -v` a render fails with MemoryError, or GLib aborts its process when it cannot start a thread:
    either way one line says it was out of memory while rendering (the PDF renders in a process of its own)."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (megabytes * 2**20, megabytes * 2**20))

    shutil.copy(EXAMPLES / "2026" / "kibo.yaml", tmp_path / "kibo.yaml")
    done = subprocess.run([sys.executable, "-m", "auditkit", "report", "kibo.yaml", "-o", "kibo.pdf"], cwd=tmp_path,
                          capture_output=True, timeout=LIMIT, preexec_fn=limit)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1, err
    assert "out of memory" in err and "internal error" not in err and "Traceback" not in err, err
    assert not (tmp_path / "kibo.pdf").exists()


def test_a_child_takes_at_most_per_child_jobs_and_every_job_is_answered() -> None:
    from collections import Counter

    from auditkit.workers import run_in_children

    answers = list(run_in_children(list(range(7)), 2, lambda job: (job, os.getpid()), lambda job, code: (job, None),
                                   lambda job, exc: (job, None), per_child=3))
    assert sorted(job for job, _pid in answers) == list(range(7))
    per_process = Counter(pid for _job, pid in answers)
    assert None not in per_process and max(per_process.values()) <= 3 and len(per_process) >= 3
    assert os.getpid() not in per_process

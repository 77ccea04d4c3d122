"""Faults: interrupted runs, unwritable folders, a full disk, a missing font, a batch with a broken input,
hostile text in a rendered report, and internal errors. Nothing is half-written, nothing leaks, and every
failure is one clear line (a traceback only with --debug).

About stray temporary files: outputs are written to `.NAME.XXXX.part` in the target's folder and renamed
over the target. Ctrl-C (SIGINT) and SIGTERM at any moment leave the old file and no temporary file
(during the write SIGTERM is turned into an exit that removes it). Only SIGKILL during the final write can
leave a `.NAME.*.part` file behind — the target itself is still the old file, whole.
"""
from __future__ import annotations

import builtins
import errno
import importlib.util
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from auditkit import render
from auditkit.checklists import load_catalog
from conftest import DATA, MINI, ROOT, edit, run

OLD = b"%PDF-1.7\n% the report of last week: must survive whatever happens to this run\n%%EOF\n"


def leftovers(folder: Path, *expected: str) -> list[str]:
    """Files in folder other than the expected ones."""
    return sorted(name for name in os.listdir(folder) if name not in expected)


def one_line_errors(output: str) -> None:
    assert "Traceback" not in output, output
    assert "internal error" not in output, output


# --- (a) interrupted report -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 200-system submission on the bundled checklist: its PDF takes several seconds to render."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text(generate.to_yaml(generate.submission(load_catalog().resolve("mss-it-resilience"), 200)), encoding="utf-8")
    return path


def start(args: list[str], cwd: Path, prelude: str = "") -> subprocess.Popen[bytes]:
    """`python -m auditkit ARGS` in a child process, after running prelude (to slow something down)."""
    code = (f"import runpy, sys\n{prelude}\nsys.argv = ['auditkit'] + {args!r}\n"
            "runpy.run_module('auditkit', run_name='__main__')\n")
    return subprocess.Popen([sys.executable, "-c", code], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    try:
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, err.decode("utf-8", "replace")


SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL]


@pytest.mark.parametrize("sig", SIGNALS, ids=[s.name for s in SIGNALS])
def test_interrupted_report_leaves_the_old_pdf(big: Path, tmp_path: Path, sig: signal.Signals) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "out.pdf"
    target.write_bytes(OLD)
    process = start(["report", str(big), "-o", str(target)], tmp_path)
    time.sleep(1.5)
    assert process.poll() is None, "the report finished before it could be interrupted: use a bigger submission"
    process.send_signal(sig)
    status, err = finish(process)
    assert status != 0
    assert target.read_bytes() == OLD
    assert leftovers(folder, "out.pdf") == [], "a temporary file was left behind"
    if sig == signal.SIGINT:
        assert "Traceback" not in err and "Aborted" in err, err


@pytest.mark.parametrize("sig", SIGNALS, ids=[s.name for s in SIGNALS])
def test_interrupted_write_leaves_the_old_pdf(tmp_path: Path, sig: signal.Signals) -> None:
    """The signal arrives while the new PDF is being written (fsync held back for 60 s)."""
    shutil.copy(DATA / "mini-valid.yaml", tmp_path / "sub.yaml")
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "out.pdf"
    target.write_bytes(OLD)
    prelude = "import os, time\nreal_fsync = os.fsync\nos.fsync = lambda fd: (time.sleep(60), real_fsync(fd))"
    process = start(["report", "--checklist", MINI, "sub.yaml", "-o", str(target)], tmp_path, prelude)
    deadline = time.monotonic() + 90
    while not leftovers(folder, "out.pdf") and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, finish(process)
    assert re.fullmatch(r"\.out\.pdf\..+\.part", leftovers(folder, "out.pdf")[0])
    process.send_signal(sig)
    status, err = finish(process)
    assert target.read_bytes() == OLD
    if sig == signal.SIGKILL:  # nothing can clean up after SIGKILL: the .part file stays, the target is whole
        assert status == -signal.SIGKILL
        assert all(re.fullmatch(r"\.out\.pdf\..+\.part", name) for name in leftovers(folder, "out.pdf"))
    else:
        assert leftovers(folder, "out.pdf") == [], "a temporary file was left behind"
        assert status == (1 if sig == signal.SIGINT else 128 + signal.SIGTERM), err
        assert "Traceback" not in err, err


# --- (b) unwritable folder, (c) full disk --------------------------------------------------------------------

@pytest.fixture
def sub(tmp_path: Path) -> Path:
    target = tmp_path / "sub.yaml"
    shutil.copy(DATA / "mini-valid.yaml", target)
    return target


COMMANDS = {
    "report-pdf": lambda sub, out: ["report", "--checklist", MINI, sub, "-o", out],
    "report-json": lambda sub, out: ["report", "--checklist", MINI, "--format", "json", sub, "-o", out],
    "rollup-csv": lambda sub, out: ["rollup", "--checklist", MINI, "--format", "csv", sub, "-o", out],
    "schema": lambda sub, out: ["schema", MINI, "-o", out],
}


def refused(exc: OSError) -> Any:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise exc
    return fail


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unwritable_output_folder(sub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "out.file"
    target.write_bytes(OLD)
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):  # root ignores the mode bits: make the OS answer as it would for a user
            denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))
            monkeypatch.setattr(tempfile, "mkstemp", refused(denied))
        result = run(*COMMANDS[command](sub, target))
    finally:
        folder.chmod(0o700)
    one_line_errors(result.output)
    assert result.exit_code == 1, result.output
    assert f"cannot write {target}: Permission denied (is the folder writable?)" in result.output
    assert target.read_bytes() == OLD
    assert leftovers(folder, "out.file") == []


class FullDisk:
    """A file whose writes fail with ENOSPC after the first few bytes, as on a full disk."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self) -> None:
        self.handle.flush()

    def fileno(self) -> int:
        return self.handle.fileno()


def _full_on_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: FullDisk(real(fd, *a, **k)))


FAULTS = {
    "write": ("No space left on device", _full_on_write),
    "fsync": ("No space left on device",
              lambda mp: mp.setattr(os, "fsync", refused(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))))),
    "rename": ("Read-only file system",
               lambda mp: mp.setattr(os, "replace", refused(OSError(errno.EROFS, os.strerror(errno.EROFS))))),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("command", ["report-pdf", "report-json"])
def test_full_disk_keeps_the_old_file(sub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str,
                                      command: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "out.file"
    target.write_bytes(OLD)
    words, inject = FAULTS[fault]
    inject(monkeypatch)  # the PDF is rendered first; only writing it fails
    result = run(*COMMANDS[command](sub, target))
    monkeypatch.undo()
    one_line_errors(result.output)
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: {sub}: cannot write {target}: {words}"], result.output
    assert target.read_bytes() == OLD
    assert leftovers(folder, "out.file") == []


# --- (d) missing font --------------------------------------------------------------------------------------

def test_missing_font_is_named(sub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    render.environment(), render.strings(), render.sandbox_fetcher_class()  # built from the real templates
    broken = tmp_path / "templates"
    (broken / "fonts").mkdir(parents=True)
    (broken / "fonts" / "NanumGothic.ttf").symlink_to(render.TEMPLATES / "fonts" / "NanumGothic.ttf")
    monkeypatch.setattr(render, "TEMPLATES", broken)  # as if the bold font had not been installed
    target = tmp_path / "out.pdf"
    result = run("report", "--checklist", MINI, sub, "-o", target)
    one_line_errors(result.output)
    assert result.exit_code == 1
    assert f"the bundled font {broken / 'fonts' / 'NanumGothicBold.ttf'} is missing; reinstall auditkit" in result.output
    assert not target.exists() and leftovers(tmp_path, "sub.yaml", "templates") == []


# --- (e) a batch with one broken input ---------------------------------------------------------------------

def test_batch_renders_the_good_pdfs_and_lists_the_broken_one(tmp_path: Path) -> None:
    for name in ("a", "b", "broken"):
        shutil.copy(DATA / "mini-valid.yaml", tmp_path / f"{name}.yaml")
    edit(tmp_path / "broken.yaml", "prepared_by: kim", "prepared_by: park")
    out = tmp_path / "reports"
    result = run("report", "--checklist", MINI, "--jobs", "1", tmp_path / "a.yaml", tmp_path / "broken.yaml",
                 tmp_path / "b.yaml", "-o", out)
    one_line_errors(result.output)
    assert result.exit_code == 1
    assert sorted(os.listdir(out)) == ["a.pdf", "b.pdf"]
    for name in ("a", "b"):
        pdf = PdfReader(str(out / f"{name}.pdf"))
        assert list(pdf.attachments) == [f"{name}.yaml"] and len(pdf.pages) > 1
    assert f"Error: {tmp_path / 'broken.yaml'}:9:1: [error] prepared_by 'park' is not in people" in result.output
    assert f"1 of 3 submission(s) not rendered: {tmp_path / 'broken.yaml'}" in result.output


# --- (f) the rendering sandbox -----------------------------------------------------------------------------

PAYLOADS = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/hostname">',
    "<style>@import url(http://127.0.0.1:9/x)</style>",
    "url(file:///etc/shadow)",
    '<object data="file:///etc/passwd"></object><iframe src="http://127.0.0.1:9/"></iframe>',
    '"><svg><image href="file:///etc/passwd"/></svg>',
    "</head><link rel=stylesheet href=http://127.0.0.1:9/evil.css>",
    '<div style="background: url(file:///etc/shadow)">x</div>',
    "<script>fetch('http://127.0.0.1:9/')</script>",
]


def hostile(index: int, text: str = "") -> str:
    """A YAML double-quoted scalar: the text and one payload."""
    return json.dumps(f"{text} {PAYLOADS[index % len(PAYLOADS)]}".strip(), ensure_ascii=False)


def hostile_submission(folder: Path) -> Path:
    path = folder / "hostile.yaml"
    shutil.copy(DATA / "mini-valid.yaml", path)
    replacements = [
        ("institution: {code: TEST, name: {ko: 시험기관, en: Test Agency}}",
         f"classification: {hostile(0, '대외비')}\n"
         f"institution: {{code: TEST, name: {{ko: {hostile(1, '시험기관')}, en: {hostile(2)}}}}}"),
        ("kim: {name: 김민수, role: 팀장, email: kim@example.kr}",
         f"kim: {{name: {hostile(3, '김민수')}, role: {hostile(4)}, email: kim@example.kr}}"),
        ("lee: {name: 이정훈}", f"lee: {{name: {hostile(5, '이정훈')}}}"),
        ("name: 본사 전산실", f"name: {hostile(6, '본사')}"),
        ("name: 재해복구센터", f"name: {hostile(7)}"),
        ("name: 핵심시스템", f"name: {hostile(8)}"),
        ("name: 홈페이지", f"name: {hostile(0)}"),
        ('[{ref: "백업정책 2026"}]', f"[{{ref: {hostile(1)}}}, {{ref: {hostile(2)}}}]\n    comment: {hostile(3)}"),
        ("action: 복구 테스트 실시", f"action: {hostile(4)}"),
        ("      CORE: {value: 3}", f"      CORE: {{value: 3, comment: {hostile(5)}}}"),
        ("value: 연락망 2026-09 갱신, 훈련 미실시", f"value: {hostile(6)}"),
        ("action: 연락망 훈련", f"action: {hostile(7)}"),
        ("HQ: {value: separate-fire-rated-room}", f"HQ: {{value: separate-fire-rated-room, comment: {hostile(8)}}}"),
    ]
    for old, new in replacements:
        edit(path, old, new)
    return path


def sandbox_class() -> Any:
    return render.sandbox_fetcher_class()


class Watch:
    """Every URL WeasyPrint asks for, every file opened by path and every network connection tried."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import weasyprint.urls

        self.urls: list[str] = []
        self.other_fetchers: list[str] = []
        self.files: list[str] = []
        self.connections: list[Any] = []
        sandbox = sandbox_class()
        sandbox.refused.clear()
        fetch = sandbox.fetch

        def spy(fetcher: Any, url: str, *args: Any, **kwargs: Any) -> Any:
            self.urls.append(url)
            return fetch(fetcher, url, *args, **kwargs)

        def other(fetcher: Any, url: str, *args: Any, **kwargs: Any) -> Any:
            self.other_fetchers.append(url)
            raise AssertionError(f"a fetcher other than the sandbox was asked for {url}")

        monkeypatch.setattr(sandbox, "fetch", spy)
        monkeypatch.setattr(weasyprint.urls.URLFetcher, "fetch", other)
        real_open = builtins.open

        def watched_open(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, (str, bytes, os.PathLike)):
                self.files.append(os.path.realpath(os.fsdecode(file)))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", watched_open)
        monkeypatch.setattr(io, "open", watched_open)

        def no_network(*args: Any, **kwargs: Any) -> Any:
            self.connections.append(args)
            raise OSError(errno.ENETUNREACH, "the test forbids network access")

        monkeypatch.setattr(socket.socket, "connect", no_network)
        monkeypatch.setattr(socket, "create_connection", no_network)


def test_hostile_text_in_every_field_fetches_nothing_outside_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = hostile_submission(tmp_path)
    checked = run("validate", "--checklist", MINI, source)
    assert checked.exit_code == 0, checked.output  # hostile, but a valid submission: it must render
    watch = Watch(monkeypatch)
    target = tmp_path / "hostile.pdf"
    result = run("report", "--checklist", MINI, "--jobs", "1", source, "-o", target)  # in this process, to be watched
    monkeypatch.undo()
    assert result.exit_code == 0, result.output
    templates = render.TEMPLATES.resolve()
    assert watch.urls, "the fetcher was never asked for the stylesheet and fonts"
    for url in watch.urls:
        assert url.startswith("file://") and Path(url[7:]).resolve().is_relative_to(templates), url
    assert sandbox_class().refused == [] and watch.other_fetchers == [] and watch.connections == []
    assert not [f for f in watch.files if f.startswith(("/etc", "/root", "/proc", "/home"))], watch.files
    reader = PdfReader(str(target))
    assert list(reader.attachments) == ["hostile.yaml"]
    assert reader.attachments["hostile.yaml"][0] == source.read_bytes()
    html = tmp_path / "hostile.html"
    assert run("report", "--checklist", MINI, "--format", "html", source, "-o", html).exit_code == 0
    text = html.read_text(encoding="utf-8")
    for payload in PAYLOADS:  # every payload is printed as text, escaped, and never becomes markup
        assert "<" not in payload or payload not in text, payload
    assert text.count("&lt;img src=&#34;file:///etc/passwd&#34;&gt;") >= 2


def test_sandbox_refuses_payloads_even_if_they_reached_the_html(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second wall: raw (unescaped) payloads in the HTML are refused by the fetcher."""
    watch = Watch(monkeypatch)
    html = "<html><head><link rel=stylesheet href=report.css></head><body><p>시험</p>" + "".join(PAYLOADS) + "</body></html>"
    try:
        pdf: bytes | None = render.write_pdf_bytes(html, [("sub.yaml", b"checklist: x\n")])
    except render.AuditkitError:
        pdf = None  # refusing may also fail the rendering: that is fine, nothing was read
    refused = sandbox_class().refused
    monkeypatch.undo()
    for url in ("file:///etc/passwd", "file:///etc/hostname", "http://127.0.0.1:9/evil.css"):
        assert url in refused, refused
    templates = render.TEMPLATES.resolve()
    served = [u for u in watch.urls if u not in refused]
    assert all(Path(u[7:]).resolve().is_relative_to(templates) for u in served), served
    assert watch.connections == [] and watch.other_fetchers == []
    assert not [f for f in watch.files if f.startswith(("/etc", "/root"))], watch.files
    if pdf is not None:
        assert list(PdfReader(io.BytesIO(pdf)).attachments) == ["sub.yaml"]  # nothing from the payloads


# --- (g) internal errors ------------------------------------------------------------------------------------

@pytest.fixture
def broken_core(monkeypatch: pytest.MonkeyPatch) -> None:
    import auditkit.rules

    def boom(*args: Any) -> Any:
        raise RuntimeError("the rules engine fell over\nwith a second line")
    monkeypatch.setattr(auditkit.rules, "check", boom)


def test_internal_error_is_one_line_asking_for_a_bug_report(broken_core: None) -> None:
    result = run("validate", "--checklist", MINI, DATA / "mini-valid.yaml")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "internal error" in lines[0] and "bug" in lines[0] and "--debug" in lines[0]
    assert "RuntimeError: the rules engine fell over with a second line" in lines[0]
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(broken_core: None) -> None:
    result = run("--debug", "validate", "--checklist", MINI, DATA / "mini-valid.yaml")
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.output
    assert 'raise RuntimeError("the rules engine fell over' in result.output
    assert "internal error" in result.output


def test_internal_error_in_a_subprocess_has_no_traceback(tmp_path: Path) -> None:
    prelude = ("import auditkit.rules\n"
               "def boom(*args): raise RuntimeError('boom')\n"
               "auditkit.rules.check = boom")
    shutil.copy(DATA / "mini-valid.yaml", tmp_path / "sub.yaml")
    status, err = finish(start(["validate", "--checklist", MINI, "sub.yaml"], tmp_path, prelude))
    assert status == 1 and "internal error (RuntimeError: boom)" in err and "Traceback" not in err, err
    status, err = finish(start(["--debug", "validate", "--checklist", MINI, "sub.yaml"], tmp_path, prelude))
    assert status == 1 and "Traceback (most recent call last)" in err, err

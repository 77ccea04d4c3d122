"""Safe, precise YAML loading.

The document is built from libyaml's event stream, not from PyYAML's
constructors, so that nothing is ever constructed from a tag, aliases are
refused before anything can expand them, nesting depth is bounded without
recursion, duplicate keys are found, and every value keeps the line and column
where the user wrote it.

Plain scalars are resolved close to YAML 1.2's core schema, so the YAML 1.1
surprises of PyYAML do not reach an audit file: ``yes``/``on`` stay text, a
leading-zero number such as a phone number stays text, ``.nan``/``.inf`` and
integers too large to be real stay text (and the schema says so), and dates
stay ISO text (the schema and the rules check that they are real dates).
"""
from __future__ import annotations

import errno
import math
import os
import re
import select
import stat
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from . import mistakes
from .errors import InputError, Problem
from .i18n import N_, _

MAX_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64
FIFO_WAIT = 10.0  # seconds to wait for a writer to a named pipe before saying nothing came
TOO_DEEP = N_("nesting deeper than {depth} levels: an auditkit file is never this deep")  # format with depth=MAX_DEPTH

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")  # read as workbooks (macro-enabled ones only to refuse them)
Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]{0,17})\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|(0|[1-9][0-9]*)\.[0-9]*)([eE][-+]?[0-9]+)?\Z|[-+]?(0|[1-9][0-9]*)[eE][-+]?[0-9]+\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STR_TAGS = {"tag:yaml.org,2002:str", "!"}
_SEQ_TAGS = {None, "tag:yaml.org,2002:seq"}
_MAP_TAGS = {None, "tag:yaml.org,2002:map"}
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")  # NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR


@dataclass
class Document:
    """A loaded YAML file: its data, where each value stands, and non-fatal problems."""

    path: str
    data: Any
    positions: Positions
    text: str
    problems: list[Problem] = field(default_factory=list)
    raw: bytes = b""  # the file's bytes as read, for hashing and embedding
    cells: dict[Path_, tuple[str, int, int]] | None = None  # a workbook: path -> (sheet, row, column)

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at ``path``, or of its nearest written ancestor."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def locate(self, problems: list[Problem]) -> list[Problem]:
        """Problems of a workbook with their sheet and cell (found from their pointers), in the order of the sheets;
        any other file's problems as they are."""
        if self.cells is None:
            return problems
        from .workbook import locate

        return locate(self.cells, problems)


def printable(text: str, limit: int = 80) -> str:
    """User text as quoted in a one-line message: line breaks and control characters escaped, a pasted
    megabyte cut short."""
    text = text if len(text) <= limit else text[:limit - 3] + "..."
    return text if text.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def pointer(path: Path_) -> str:
    """The JSON Pointer (RFC 6901) of a path."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def resolve_plain(text: str) -> Any:
    """Value of a plain (unquoted) scalar, close to YAML 1.2 core."""
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        number = float(text)
        return number if math.isfinite(number) else text
    return text


def read_text(path: str, raw: bytes) -> str:
    """Decode a file's bytes as UTF-8 (BOM allowed) or raise InputError saying how to fix it."""
    if len(raw) > MAX_BYTES:
        _fail(path, 1, 1, "too-large", _too_large(len(raw)))
    wide = _wide_encoding(raw)
    if wide:
        _fail(path, 1, 1, "encoding", _("file is {encoding} text (Notepad and Excel call it 'Unicode'); save it as UTF-8, "
                                        "e.g. `iconv -f {encoding} -t utf-8 in.yaml > out.yaml` or 'Save as… UTF-8' in "
                                        "your editor").format(encoding=wide))
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        _fail(path, line, 1, "binary", _("file contains NUL bytes: this is not a YAML text file (was a PDF or spreadsheet "
                                         "saved under a .yaml name?)"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = _("save it as UTF-8")
        try:
            raw.decode("cp949")
            hint = _("it looks like CP949/EUC-KR (Korean Windows encoding); save it as UTF-8, e.g. `iconv -f cp949 -t "
                     "utf-8 in.yaml > out.yaml` or 'Save as… UTF-8' in your editor")
        except UnicodeDecodeError:
            pass
        _fail(path, line, column, "encoding", _("file is not valid UTF-8 (byte 0x{byte}); {hint}").format(
            byte=f"{raw[exc.start]:02x}", hint=hint))
    raise AssertionError("unreachable")


OS_REASONS = {errno.ENOENT: N_("no such file or folder"), errno.EACCES: N_("permission denied"),
              errno.EPERM: N_("permission denied"), errno.ENOTDIR: N_("a part of the path is not a folder"),
              errno.ENAMETOOLONG: N_("the name is too long"), errno.ELOOP: N_("too many symbolic links"),
              errno.EIO: N_("input/output error (a failing disk or network drive?)")}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the current language for the usual reasons (the system's own words otherwise)."""
    known = OS_REASONS.get(exc.errno or 0)
    return _(known) if known else str(exc.strerror or exc)


def _too_large(size: int, limit: int = MAX_BYTES) -> str:
    return _("file is {size} MiB; the limit is {limit} MiB. Split it or remove pasted binary content").format(
        size=f"{size / 1048576:.1f}", limit=limit // 1048576)


def _wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when the bytes start with such a byte-order mark or look like ASCII text in it."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:16]
    if len(head) == 16 and (head[1::2] == bytes(8) or head[0::2] == bytes(8)) and b"\x00\x00" not in head:
        return "UTF-16"
    return None


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, counting line breaks as YAML and editors do (LF, CRLF, CR)."""
    before = text[:index]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    return line, index - max(before.rfind("\n"), before.rfind("\r"))


def _fail(path: str, line: int, column: int, code: str, message: str) -> NoReturn:
    raise InputError(Problem(path, line, column, code, message))


def load_file(path: str | Path) -> Document:
    """Read and load one YAML file (or .xlsx workbook); raise InputError if it cannot be read. The file is read once:
    the bytes loaded are the bytes hashed and embedded (`Document.raw`), also from a pipe such as `<(cat a.yaml)`."""
    name = str(path)
    if name.lower().endswith(WORKBOOK_SUFFIXES):
        from .workbook import load_workbook_file

        return load_workbook_file(name)
    raw = read_input(name)
    doc = load_text(name, read_text(name, raw))
    doc.raw = raw
    return doc


def read_input(name: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a file, a pipe or a named pipe (FIFO), at most `limit` of them; never hangs on a FIFO nobody
    writes to (FIFO_WAIT seconds), never reads a device (/dev/zero would never end)."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK)  # opening a FIFO nobody writes to would block
    except OSError as exc:
        _fail(name, 1, 1, "unreadable", _("cannot read file: {reason}").format(reason=os_reason(exc)))
    except ValueError:
        _fail(name, 1, 1, "unreadable", _("cannot read file: the name contains a NUL character"))
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):  # before open(): it refuses a folder's descriptor with IsADirectoryError
        os.close(fd)
        _fail(name, 1, 1, "unreadable", _("is a folder, not a file"))
    with open(fd, "rb") as handle:  # (not os.fdopen: tests stand in for it to fill the disk of an output)
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            _fail(name, 1, 1, "not-a-file", _("is a device, not a file: auditkit reads files and pipes only"))
        os.set_blocking(fd, True)
        if stat.S_ISFIFO(mode) and not select.select([fd], [], [], FIFO_WAIT)[0]:
            _fail(name, 1, 1, "empty-pipe", _("is a named pipe (FIFO) and nothing was written to it in {seconds} "
                                              "seconds").format(seconds=int(FIFO_WAIT)))
        try:
            raw = handle.read(limit + 1)  # a 10 GB file, or an endless pipe, is refused without reading it all
        except OSError as exc:
            _fail(name, 1, 1, "unreadable", _("cannot read file: {reason}").format(reason=os_reason(exc)))
        if len(raw) > limit:
            size = os.fstat(fd).st_size
            _fail(name, 1, 1, "too-large", _too_large(size, limit) if stat.S_ISREG(mode) else
                  _("more than {limit} MiB came through this pipe; the limit is {limit} MiB").format(limit=limit // 1048576))
    return raw


def load_text(path: str, text: str) -> Document:
    """Load YAML text into a Document; raise InputError for syntax, aliases, depth or tags."""
    text = text[1:] if text.startswith("\ufeff") else text  # libyaml skips a BOM without counting it in its marks
    if not unicodedata.is_normalized("NFC", text):  # 김민수 typed on a Mac (NFD) is the same name, and the same key
        text = unicodedata.normalize("NFC", text)
    odd = _ODD_BREAK.search(text)
    if odd:
        line, column = _line_column(text, odd.start())
        _fail(path, line, column, "line-separator", _("character U+{code} is a line break to YAML but not to most editors, "
                                                      "so every line number after it would be wrong: delete it or use a "
                                                      "real line break").format(code=f"{ord(odd.group()):04X}"))
    builder = _Builder(path, text)
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        at = mark.index if mark else -1
        end = _line_column(text, len(text))
        if at >= len(text) or line > end[0]:  # libyaml puts the end of a file without a final line break on a line of its own
            line, column = end
        if "maximum nesting depth" in str(exc.problem):  # libyaml >= 0.2.6 stops runaway nesting itself, first
            _fail(path, line, column, "too-deep", _(TOO_DEEP).format(depth=MAX_DEPTH))
        _fullwidth_syntax(path, text, exc, line)
        before = text[text.rfind("\n", 0, at) + 1:at] if at >= 0 else ""  # the line up to the error
        _fail(path, line, column, "syntax", _syntax_message(exc, text[at:at + 1] if at >= 0 else "", before))
    except yaml.reader.ReaderError as exc:  # a control character: no mark, a UTF-8 byte position instead
        line, column = _line_column(text, len(text.encode("utf-8")[:exc.position].decode("utf-8", "ignore")))
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        _fail(path, line, column, "control-character",
              _("character {char} is not allowed in a YAML file (a control character): delete it; it often comes with "
                "pasted text").format(char=char))
    except yaml.YAMLError as exc:
        _fail(path, 1, 1, "syntax", _("not readable as YAML: {reason}").format(reason=" ".join(str(exc).split())))
    if builder.fullwidth_keys:
        _fullwidth_key(path, text, *builder.fullwidth_keys[0])
    data = builder.result
    if builder.documents == 0:
        _fail(path, 1, 1, "empty", _("file is empty: expected a YAML mapping (run `auditkit init` for a skeleton)"))
    return Document(path, data, builder.positions, text, builder.problems, text.encode("utf-8"))


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def _fullwidth_syntax(path: str, text: str, exc: yaml.MarkedYAMLError, line: int) -> None:
    """A syntax error caused by a full-width space or colon (a Korean input method) is reported where that
    character was typed, often the line before the one libyaml names, with its own code and fix."""
    if mistakes.FULLWIDTH_SPACE not in text and mistakes.FULLWIDTH_COLON not in text:
        return
    first = exc.context_mark.line + 1 if exc.context_mark else line - 1
    found = mistakes.fullwidth_problem(_lines(text), min(first, line - 1), line)
    if found is not None:
        _fail(path, *found)


def _fullwidth_key(path: str, text: str, key: str, line: int, column: int) -> None:
    """A key holding a full-width space or colon (the YAML parsed, into the wrong shape) is an error at that
    character: everything under it would otherwise be reported as missing or unknown."""
    char = mistakes.fullwidth_in_key(key) or mistakes.FULLWIDTH_SPACE
    lines = _lines(text)
    found = mistakes.fullwidth_problem(lines, line, line)
    if found is None:  # a key inside a flow mapping, {name： 김민수}: point at the character itself
        at = lines[line - 1].find(char, column - 1) + 1 or column
        code = "fullwidth-colon" if char == mistakes.FULLWIDTH_COLON else "fullwidth-space"
        found = (line, at, code, mistakes.key_message(key.split(char)[0].strip() or key, char))
    _fail(path, *found)


# libyaml's own words (the problem and what it was reading), translated where shown; others print as libyaml says
LIBYAML_WORDS = (
    N_("mapping values are not allowed in this context"), N_("did not find expected key"),
    N_("did not find expected ',' or ']'"), N_("did not find expected ',' or '}'"), N_("found unexpected end of stream"),
    N_("found unknown escape character"), N_("did not find expected '-' indicator"),
    N_("found character that cannot start any token"), N_("found undefined tag handle"),
    N_("did not find expected alphabetic or numeric character"), N_("could not find expected ':'"),
    N_("did not find expected <document start>"), N_("did not find expected node content"),
    N_("block sequence entries are not allowed in this context"),
    N_("found a tab character where an indentation space is expected"), N_("syntax error"),
    N_("while parsing a block mapping"), N_("while parsing a flow sequence"), N_("while parsing a flow mapping"),
    N_("while scanning a quoted scalar"), N_("while parsing a quoted scalar"), N_("while parsing a block collection"),
    N_("while scanning for the next token"), N_("while parsing a node"), N_("while scanning an anchor"),
    N_("while scanning an alias"), N_("while scanning a simple key"), N_("while parsing a block node"),
    N_("while scanning a block scalar"), N_("while scanning a plain scalar"))


def _syntax_message(exc: yaml.MarkedYAMLError, char: str, before: str = "") -> str:
    problem = exc.problem or "syntax error"
    message = _("YAML syntax error: {problem}").format(problem=_(problem))
    if exc.context:
        start = exc.context_mark.line if exc.context_mark else -1
        here = exc.problem_mark.line if exc.problem_mark else start
        context = _(exc.context)
        message += " " + (_("({context} that starts at line {line})").format(context=context, line=start + 1)
                          if start != here else f"({context})")
    if char == "\t" or "\\t" in problem:
        message += "; " + _("indent with spaces, not tabs")
    elif "mapping values are not allowed" in problem and ": " not in before and before.strip():
        message += "; " + _("check the indentation of this line against the lines above (or quote a value containing ': ')")
    elif "mapping values are not allowed" in problem:
        message += "; " + _("a value containing ': ' must be quoted")
    elif "expected key" in problem or "expected '-' indicator" in problem:
        message += "; " + _("check the indentation: the keys of one mapping, and the items of one list, must line up")
    return message


class _Builder:
    """Builds Python data from YAML events, iteratively, recording positions."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.positions: Positions = {}
        self.problems: list[Problem] = []
        self.stack: list[list[Any]] = []  # frames: [container, path, pending_key, key_lines]
        self.result: Any = None
        self.documents = 0
        self.fullwidth_keys: list[tuple[str, int, int]] = []  # keys typed with a full-width space or colon
        if mistakes.FULLWIDTH_SPACE in text or mistakes.FULLWIDTH_COLON in text:
            self._key = self._key_watched  # type: ignore[method-assign]  # only such files pay for the look

    def feed(self, event: yaml.Event) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self._scalar(event)
        elif kind is yaml.MappingStartEvent:
            self._open(event, {}, _MAP_TAGS)
        elif kind is yaml.SequenceStartEvent:
            self._open(event, [], _SEQ_TAGS)
        elif kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            frame = self.stack.pop()
            if not self.stack:
                self.result = frame[0]
        elif kind is yaml.AliasEvent:
            self._error(event, "alias", _("aliases (*{anchor}) are not allowed in auditkit files: write the value out in "
                                          "full").format(anchor=event.anchor))
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self._error(event, "multiple-documents", _("a file holds one YAML document; remove the second '---' or "
                                                           "split the file"))

    def _error(self, event: yaml.Event, code: str, message: str) -> None:
        mark = event.start_mark
        _fail(self.path, mark.line + 1, mark.column + 1, code, message)

    def _check_tag(self, event: yaml.Event, allowed: Collection[str | None]) -> None:
        tag = getattr(event, "tag", None)
        if tag not in allowed:
            self._error(event, "tag", _("YAML tag '{tag}' is not allowed: auditkit files hold plain data only; remove the "
                                        "tag").format(tag=printable(str(tag))))

    def _open(self, event: yaml.Event, container: Any, tags: set[str | None]) -> None:
        self._check_tag(event, tags)
        if len(self.stack) >= MAX_DEPTH:
            self._error(event, "too-deep", _(TOO_DEEP).format(depth=MAX_DEPTH))
        child = self._child_path()
        self._place(event, container)
        self.stack.append([container, child, None, {}])

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame[0], dict) and frame[2] is None:
            self._key(event, frame)
            return
        if event.tag is None:
            value = resolve_plain(event.value) if event.implicit[0] else event.value
        else:
            self._check_tag(event, _STR_TAGS)
            value = event.value
        self._place(event, value)

    def _key(self, event: yaml.ScalarEvent, frame: list[Any]) -> None:
        if event.tag is not None:  # a tag on a key is refused like a tag on a value
            self._check_tag(event, _STR_TAGS)
        key = event.value
        line = event.start_mark.line + 1
        if key in frame[3]:
            self.problems.append(Problem(
                self.path, line, event.start_mark.column + 1, "duplicate-key",
                _("duplicate key '{key}' (first at line {line}): YAML would silently keep only the last; merge them into "
                  "one").format(key=printable(key), line=frame[3][key]),
                pointer=pointer(frame[1] + (key,))))
        else:
            frame[3][key] = line
            self.positions[frame[1] + (key,)] = (line, event.start_mark.column + 1)
        frame[2] = key

    def _key_watched(self, event: yaml.ScalarEvent, frame: list[Any]) -> None:
        if mistakes.fullwidth_in_key(event.value):
            self.fullwidth_keys.append((event.value, event.start_mark.line + 1, event.start_mark.column + 1))
        _Builder._key(self, event, frame)

    def _child_path(self) -> Path_:
        if not self.stack:
            return ()
        container, path, key = self.stack[-1][:3]
        return path + ((len(container),) if isinstance(container, list) else (key,))

    def _place(self, event: yaml.Event, value: Any) -> None:
        if not self.stack:
            self.positions[()] = (event.start_mark.line + 1, event.start_mark.column + 1)
            self.result = value
            return
        frame = self.stack[-1]
        container = frame[0]
        if isinstance(container, list):
            self.positions[frame[1] + (len(container),)] = (event.start_mark.line + 1, event.start_mark.column + 1)
            container.append(value)
            return
        if frame[2] is None:  # a mapping or sequence used as a key
            self._error(event, "complex-key", _("a mapping key must be plain text, not a list or mapping"))
        key = frame[2]
        if key not in container:
            container[key] = value
        frame[2] = None

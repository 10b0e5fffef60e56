"""Where in the program a record comes from: spans of the traced file's expressions (Python
3.11's per-instruction positions, so ``y * y`` inside ``z = y * y * 3`` gets its own columns;
older Pythons give whole lines) and the names the program binds to tensors."""
import ast
import linecache
import sys


class SourceFile:
    """The traced file: its text, and spans of the code running in it."""

    def __init__(self, filename, text=None):
        self.filename = filename
        if text is None:
            lines = linecache.getlines(filename)
            text = "".join(lines) if lines else None
        self.text = text
        self.lines = text.splitlines() if text is not None else []
        self._positions = {}
        self._statements = None

    def frame(self, start=None):
        """The innermost frame running the traced file (from ``start`` outwards), or None."""
        f = start if start is not None else sys._getframe(1)
        while f is not None and f.f_code.co_filename != self.filename:
            f = f.f_back
        return f

    def _column(self, line, byte_offset):
        """CPython counts columns in UTF-8 bytes; the trace, like the JavaScript reading it, in
        UTF-16 code units (an emoji is two), from 1."""
        if byte_offset is None:
            return None
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        before = text.encode("utf-8")[:byte_offset].decode("utf-8", errors="replace")
        return len(before.encode("utf-16-le")) // 2 + 1

    def statement_span(self, span):
        """The span of the innermost statement around ``span`` (a backward pass is located by its
        statement, as grad-graph's runner does), or ``span`` itself if there is none."""
        if span is None:
            return None
        if self._statements is None:
            self._statements = []
            try:
                tree = ast.parse(self.text or "")
            except (SyntaxError, ValueError):
                tree = None
            for node in ast.walk(tree) if tree is not None else []:
                if isinstance(node, ast.stmt) and node.end_lineno is not None:
                    self._statements.append(
                        {
                            "line": node.lineno,
                            "column": self._column(node.lineno, node.col_offset),
                            "endLine": node.end_lineno,
                            "endColumn": self._column(node.end_lineno, node.end_col_offset),
                        }
                    )
        key = lambda s: (s["line"], s["column"])  # noqa: E731
        end = lambda s: (s["endLine"], s["endColumn"])  # noqa: E731
        around = [s for s in self._statements if key(s) <= key(span) and end(s) >= end(span)]
        if not around:
            return span
        return min(around, key=lambda s: (s["endLine"] - s["line"], s["endColumn"] - s["column"]))

    def span_at(self, code, lasti, lineno):
        """The span of the instruction at byte offset ``lasti`` of ``code``."""
        pos = None
        get = getattr(code, "co_positions", None)
        if get is not None and lasti >= 0:
            table = self._positions.get(code)
            if table is None:
                table = self._positions[code] = list(get())
            if lasti // 2 < len(table):
                pos = table[lasti // 2]
        if pos is not None and None not in pos:
            line, end_line, col, end_col = pos
            return {
                "line": line,
                "column": self._column(line, col),
                "endLine": end_line,
                "endColumn": self._column(end_line, end_col),
            }
        if not lineno or lineno < 1:
            return None
        text = self.lines[lineno - 1] if lineno <= len(self.lines) else ""
        indent = len(text) - len(text.lstrip())
        return {"line": lineno, "column": indent + 1, "endLine": lineno, "endColumn": max(len(text.rstrip()), indent) + 1}

    def span_of_frame(self, f):
        return None if f is None else self.span_at(f.f_code, f.f_lasti, f.f_lineno)

    def span(self, start=None):
        """The span of what the traced file is running now (the call into torch), or None."""
        return self.span_of_frame(self.frame(start))

    def span_of_traceback(self, tb):
        """The span of the traced file's last frame in a traceback."""
        found = None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == self.filename:
                found = tb
            tb = tb.tb_next
        return None if found is None else self.span_at(found.tb_frame.f_code, found.tb_lasti, found.tb_lineno)


class NameWatch:
    """Learns the names the traced file binds to tensors: a line tracer on the traced file's frames
    (only those: other frames get no line events) compares each frame's tensor bindings with the
    last ones seen, and reports new ones. Off when another tracer (a debugger, coverage) is set."""

    def __init__(self, source, is_tensor, on_bound):
        self.source = source
        self.is_tensor = is_tensor
        self.on_bound = on_bound
        self._seen = {}  # id(frame) -> {name: id(value)}
        self._previous = None
        self.active = False
        self._traced = []

    def _local(self, frame, event, arg):
        self.scan(frame)
        if event == "return":
            self._seen.pop(id(frame), None)
        return self._local

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename == self.source.filename:
            return self._local
        return None

    def scan(self, frame):
        """Reports tensors bound to names in ``frame`` since its last scan."""
        seen = self._seen.setdefault(id(frame), {})
        for name, value in list(frame.f_locals.items()):
            if self.is_tensor(value) and seen.get(name) != id(value):
                seen[name] = id(value)
                self.on_bound(name, value)

    def start(self, frame):
        """Starts watching; ``frame`` (the one entering the recording) and its callers in the
        traced file are watched from their current bindings on."""
        if sys.gettrace() is not None:
            return
        f = frame
        while f is not None:
            if f.f_code.co_filename == self.source.filename:
                self._seen[id(f)] = {
                    n: id(v) for n, v in list(f.f_locals.items()) if self.is_tensor(v)
                }
                f.f_trace = self._local
                self._traced.append(f)
            f = f.f_back
        sys.settrace(self._global)
        self.active = True

    def stop(self):
        if not self.active:
            return
        for f in self._traced:
            self.scan(f)
            f.f_trace = None
        sys.settrace(None)
        self.active = False

    def names_of(self, t, start=None):
        """The names the traced file's frames bind to ``t`` now (for tensors made before recording)."""
        names = []
        f = start if start is not None else sys._getframe(1)
        while f is not None:
            if f.f_code.co_filename == self.source.filename:
                for n, v in list(f.f_locals.items()):
                    if v is t and n not in names:
                        names.append(n)
            f = f.f_back
        return names

"""Golden outputs of the script corpus, from real CPython 3.11 + PyTorch 1.13.

Run as `/usr/bin/python3 test/golden/scripts/generate.py` (part of `npm run golden`). For each
committed script `cases/*.py` it runs `/usr/bin/python3` on it and records stdout, stderr (whole,
and its last line) and the exit code in `golden.json`; Jupyter-style `In [74]:` cell markers are blanked first
(Python itself cannot parse them; grad-graph skips them). For each source in
`syntax-cases.json` it records what `compile()` raises (type, message, line, column) in
`syntax.json`, number_formats.py writes `number-formats.json` (float/int repr, format specs, round)
and spans.py writes `spans.json` (CPython's ast spans of expressions with parentheses). The
tests read these files; they never need PyTorch. (names.py, run by hand, writes the dir() lists
of src/script/pynames.ts.)
"""
import json
import os
import pathlib
import re
import runpy
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
MARKER = re.compile(r"^[ \t]*In \[[ \t]*\d*[ \t]*\]:[ \t]*$")


def strip_markers(source: str) -> str:
    return "\n".join("" if MARKER.match(line) else line for line in source.split("\n"))


def run_case(path: pathlib.Path) -> dict:
    source = path.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        script = pathlib.Path(tmp) / path.name
        script.write_text(strip_markers(source), encoding="utf-8")
        env = {"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}
        proc = subprocess.run(
            ["/usr/bin/python3", script.name],
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
        )
    lines = [line for line in proc.stderr.split("\n") if line.strip()]
    # The whole stderr (tracebacks compared exactly), with the temporary directory's path
    # replaced by the bare file name grad-graph's test runs under.
    stderr = proc.stderr.replace(str(script), path.name)
    return {
        "stdout": proc.stdout,
        "stderrLast": lines[-1] if lines else "",
        "stderr": stderr,
        "exitCode": proc.returncode,
    }


def syntax_case(source: str) -> dict:
    try:
        compile(source, "t.py", "exec")
    except SyntaxError as e:
        return {"type": type(e).__name__, "message": e.msg, "line": e.lineno, "column": e.offset}
    return {"type": None}


def main() -> None:
    # `--syntax-only` regenerates syntax.json alone (the scripts take minutes: torch loads each time).
    if "--syntax-only" not in sys.argv:
        # Names given on the command line regenerate only those cases (merged into golden.json).
        only = [a for a in sys.argv[1:] if not a.startswith("--")]
        cases = sorted((HERE / "cases").glob("*.py"))
        golden = {}
        if only:
            golden = json.loads((HERE / "golden.json").read_text(encoding="utf-8"))
            cases = [c for c in cases if c.stem in only]
        for path in cases:
            golden[path.stem] = run_case(path)
            print(f"{path.stem}: exit {golden[path.stem]['exitCode']}", file=sys.stderr)
        golden = dict(sorted(golden.items()))
        text = json.dumps(golden, indent=1, ensure_ascii=False) + "\n"
        (HERE / "golden.json").write_text(text, encoding="utf-8")
    sources = json.loads((HERE / "syntax-cases.json").read_text(encoding="utf-8"))
    syntax = [{"source": s, **syntax_case(s)} for s in sources]
    (HERE / "syntax.json").write_text(json.dumps(syntax, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(syntax)} syntax cases", file=sys.stderr)
    # Number formatting goldens (numbers.json) come from number_formats.py.
    runpy.run_path(str(HERE / "number_formats.py"), run_name="__main__")
    runpy.run_path(str(HERE / "spans.py"), run_name="__main__")


if __name__ == "__main__":
    main()

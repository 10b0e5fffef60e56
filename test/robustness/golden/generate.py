"""Goldens for the robustness tests, printed by CPython 3.11 and PyTorch 1.13 themselves.

Run with /usr/bin/python3 (the interpreter that has torch):
    /usr/bin/python3 test/robustness/golden/generate.py
Writes test/robustness/golden/robustness.json:
- exceptions: the names of Python's built-in exception types (what a ScriptError.type may be);
- nonfinite: scripts (nonfinite/*.py) whose values, gradients and printed forms involve nan and
  inf;
- regressions: scripts (regressions/*.py) that the fuzzer found mishandled, one per fix;
  each case with the stdout python3 printed and the last line of stderr (empty when it ran to the
  end).
"""
import builtins
import contextlib
import io
import json
import os
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
GROUPS = ("nonfinite", "regressions")


def exception_names():
    return sorted(
        n
        for n in dir(builtins)
        if isinstance(getattr(builtins, n), type) and issubclass(getattr(builtins, n), BaseException)
    )


def run(path):
    source = open(path, encoding="utf-8").read()
    out = io.StringIO()
    last = ""
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(source, os.path.basename(path), "exec"), {"__name__": "__main__"})
        except BaseException as e:  # noqa: BLE001 - the golden records any exception
            last = traceback.format_exception_only(type(e), e)[-1].rstrip("\n")
    return {"source": source, "stdout": out.getvalue(), "stderrLast": last}


def main():
    data = {"exceptions": exception_names()}
    for group in GROUPS:
        folder = os.path.join(HERE, group)
        cases = {}
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if name.endswith(".py"):
                    cases[name[:-3]] = run(os.path.join(folder, name))
        data[group] = cases
    with open(os.path.join(HERE, "robustness.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()

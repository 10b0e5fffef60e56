"""Records several scripts with `python -m grad_graph` in one process (PyTorch imports once):
reads [{"name", "source"}] as JSON from argv[1], runs each as `python -m grad_graph -o OUT NAME`
would in a fresh folder, and writes {name: trace} as JSON to argv[2]."""
import contextlib
import io
import json
import os
import sys
import tempfile

from grad_graph.__main__ import main

source_file, target_file = sys.argv[1], sys.argv[2]  # main() sets sys.argv for each script
with open(source_file, encoding="utf-8") as f:
    cases = json.load(f)
traces = {}
for case in cases:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, case["name"])
        with open(path, "w", encoding="utf-8") as f:
            f.write(case["source"])
        out = os.path.join(tmp, "trace.json")
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                main(["-o", out, case["name"]])
        finally:
            os.chdir(cwd)
            sys.path[:] = [p for p in sys.path if p != tmp]
        with open(out, encoding="utf-8") as f:
            traces[case["name"]] = json.load(f)
with open(target_file, "w", encoding="utf-8") as f:
    json.dump(traces, f)

"""Runs the code cells of every <grad-notebook> page in demos/ in real PyTorch, the way Jupyter
runs a notebook (one namespace; a cell's trailing expression is displayed with repr unless None;
an exception stops its cell only), and writes what each cell printed and raised to notebooks.json.

Run with the interpreter that has torch: /usr/bin/python3 test/demos/golden/generate.py
"""
import ast
import contextlib
import io
import json
import pathlib
import re
import textwrap

import torch

ROOT = pathlib.Path(__file__).resolve().parents[3]
CELL = re.compile(r'<script type="text/x-python"(?: data-label="([^"]*)")?>\n(.*?)</script>', re.S)


def cells_of(html):
    """The notebook's code cells: (label, source), dedented like the element does."""
    out = []
    for label, body in CELL.findall(html):
        out.append((label, textwrap.dedent(body).strip("\n") + "\n"))
    return out


def run_cell(source, namespace, filename):
    """Runs one cell like Jupyter: returns (stdout, error or None)."""
    buffer = io.StringIO()
    error = None
    tree = ast.parse(source, filename)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    with contextlib.redirect_stdout(buffer):
        try:
            exec(compile(tree, filename, "exec"), namespace)
            if last is not None:
                value = eval(compile(last, filename, "eval"), namespace)
                if value is not None:
                    print(repr(value))
        except Exception as e:  # noqa: BLE001 - every error is part of the record
            error = {"type": type(e).__name__, "message": str(e)}
    return buffer.getvalue(), error


def main():
    torch.set_printoptions(profile="default")
    pages = {}
    for path in sorted((ROOT / "demos").glob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "<grad-notebook" not in html:
            continue
        namespace = {"__name__": "__main__"}
        cells = []
        for label, source in cells_of(html):
            output, error = run_cell(source, namespace, f"<cell {label}>")
            cells.append({"label": label, "source": source, "output": output, "error": error})
        pages[path.name] = cells
    target = pathlib.Path(__file__).with_name("notebooks.json")
    target.write_text(json.dumps({"torch": torch.__version__, "pages": pages}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target} ({sum(len(c) for c in pages.values())} cells from {len(pages)} pages)")


if __name__ == "__main__":
    main()

"""Golden source spans from CPython 3.11's ast: for each source in SOURCES, the span of every
node of the first statement's expression (the statement's value), walked in ast.walk order, as
1-based line/column of its start and of the character after its end (grad-graph's Span). Writes
spans.json; test/script/spans.test.ts compares the runner's parser with it.
Run with /usr/bin/python3 (part of generate.py)."""
import ast
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent

SOURCES = [
    "(b * b).sum()",
    "((b * b)).sum()",
    "(a + b) * c",
    "a * (b + c)",
    "(x @ w + b).relu().mean()",
    "-(x + 1)",
    "(x)[0]",
    "(a, b)[1]",
    "f((a + b))",
    "(a + b) ** 2",
    "not (a and b)",
    "(a) if (b) else (c)",
    "(a < b) == (c > d)",
    "(x * 2).grad_fn.name()",
    "print((y ** 2).sum(), (z))",
]


def span(node: ast.AST) -> list:
    return [node.lineno, node.col_offset + 1, node.end_lineno, node.end_col_offset + 1]


def kinds(node: ast.AST) -> list:
    # The node kinds grad-graph's AST has: expression nodes only (no contexts or operators).
    return [
        {"kind": type(n).__name__, "span": span(n)}
        for n in ast.walk(node)
        if isinstance(n, ast.expr)
    ]


out = []
for source in SOURCES:
    stmt = ast.parse(source).body[0]
    out.append({"source": source, "nodes": kinds(stmt.value)})
(HERE / "spans.json").write_text(
    "[\n" + ",\n".join(json.dumps(o) for o in out) + "\n]\n", encoding="utf-8"
)
print(len(out), "span cases")

"""``python -m grad_graph [-o trace.json] [--html page.html] SCRIPT.py [ARGS…]``: runs a script under
``record()`` (as ``python SCRIPT.py`` would run it) and writes its trace. The script's own error is
printed as Python prints it and kept in the trace; the exit status is then 1."""
import argparse
import os
import sys

from ._api import record


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m grad_graph", description=__doc__.split("\n\n")[0])
    parser.add_argument("script", help="the Python file to run")
    parser.add_argument("-o", "--output", help="where to write the trace JSON ('-' for stdout)")
    parser.add_argument("--html", help="also write a standalone page that plays it")
    parser.add_argument("--value-limit", type=int, default=10_000, help="elements kept per tensor (default 10000)")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="arguments for the script")
    opts = parser.parse_args(argv)
    with open(opts.script, encoding="utf-8") as f:
        source = f.read()
    code = compile(source, opts.script, "exec")
    sys.argv = [opts.script] + opts.args
    sys.path.insert(0, os.path.dirname(os.path.abspath(opts.script)))
    scope = {"__name__": "__main__", "__file__": opts.script, "__builtins__": __builtins__}
    failed = None
    stdout = sys.stdout
    if opts.output == "-":
        sys.stdout = sys.stderr  # the script's prints must not mix with the JSON
    try:
        with record(filename=opts.script, source=source, value_limit=opts.value_limit) as rec:
            exec(code, scope)
    except SystemExit as e:
        failed = None if e.code in (None, 0) else e
    except BaseException as e:  # the script's error: printed as Python prints it, kept in the trace
        failed = e
    finally:
        sys.stdout = stdout
    trace = rec.trace
    if failed is not None and trace.data["error"] is not None:
        sys.stderr.write(trace.data["error"]["traceback"])
    if opts.output == "-":
        sys.stdout.write(trace.to_json())
    elif opts.output:
        trace.save(opts.output)
    if opts.html:
        trace.html(opts.html)
    return 1 if failed is not None else 0


if __name__ == "__main__":
    sys.exit(main())

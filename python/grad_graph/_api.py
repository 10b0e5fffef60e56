"""The public API: ``record()``, ``save()``, ``html()``, ``from_output()`` and the Trace they make."""
import json
import os

from ._trace import TraceBuilder

_state = {"current": None, "last": None}


def _set_current(recording):
    _state["current"] = recording


def _set_last(trace):
    _state["last"] = trace


class Trace:
    """A recorded trace (grad-graph's format ``grad-graph-trace``, version 1) as a JSON-ready dict
    in ``.data``; ``save()`` writes the JSON, ``html()`` a standalone page that plays it."""

    def __init__(self, data):
        self.data = data

    def to_json(self, indent=None):
        """The trace as JSON text (strict JSON: no NaN, no Infinity)."""
        separators = (",", ":") if indent is None else None
        return json.dumps(self.data, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators)

    def save(self, path):
        """Writes the trace as JSON to ``path``; returns the path."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.to_json())
        return path

    def html(self, path, script_url=None, bundle=None, view=None, title=None):
        """Writes a standalone page that plays the trace in ``<grad-graph>``; see :func:`html`.
        ``view`` defaults to ``"dataflow"``, or ``"autograd"`` for a graph recorded after it was
        built (:func:`from_output`, which has no ops to draw as data flow)."""
        from ._html import page

        if view is None:
            built = not self.data["ops"] and not self.data["backwardPasses"]
            view = "autograd" if built else "dataflow"
        text = page(self.to_json(), script_url=script_url, bundle=bundle, view=view, title=title)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def __repr__(self):
        d = self.data
        return (
            f"<grad_graph.Trace: {len(d['ops'])} ops, {len(d['tensors'])} tensors, "
            f"{len(d['backwardPasses'])} backward passes, {len(d['groups'])} groups>"
        )


def record(value_limit=10_000, filename=None, source=None, modules=True, prints=True):
    """Records what real PyTorch does inside the ``with`` block::

        with grad_graph.record() as rec:
            loss = model(x).sum()
            loss.backward()
        rec.trace.html("graph.html")   # or grad_graph.html("graph.html")

    Tensors with more than ``value_limit`` elements keep PyTorch's printed summary instead of
    every value. Spans and names come from the file that entered the block (or ``filename``, with
    its text read through ``linecache`` unless ``source`` is given). ``modules`` records module
    calls as groups; ``prints`` records what ``print()`` writes to stdout (still printed)."""
    from ._capture import Recording

    return Recording(filename=filename, source=source, value_limit=value_limit, modules=modules, prints=prints)


def _trace_or_last(trace):
    if trace is None:
        trace = _state["last"]
        if trace is None:
            raise RuntimeError("grad_graph: nothing recorded yet (use `with grad_graph.record():` first)")
    return trace if isinstance(trace, Trace) else Trace(trace)


def save(path, trace=None):
    """Writes ``trace`` (default: the last recording) as JSON to ``path``."""
    return _trace_or_last(trace).save(path)


def html(path, trace=None, script_url=None, bundle=None, view="dataflow", title=None):
    """Writes a standalone page that plays ``trace`` (default: the last recording).

    The page needs grad-graph's one-file bundle (``dist/grad-graph.js`` after ``npm run build``).
    By default it is inlined, found at ``bundle`` if given, else ``$GRAD_GRAPH_BUNDLE``, else the
    copy installed with this package (``pip install`` copies ``dist/grad-graph.js`` when the
    checkout has been built), else the checkout's ``dist/grad-graph.js``. With ``script_url`` the
    page loads the bundle from that URL instead (a smaller file; it needs the URL to be reachable).
    ``view`` is ``dataflow`` or ``autograd`` (``from_output`` traces have no ops: use autograd)."""
    return _trace_or_last(trace).html(path, script_url=script_url, bundle=bundle, view=view, title=title)


def from_output(output, params=None, value_limit=10_000):
    """The autograd graph behind ``output`` (a tensor or a list of tensors), like torchviz's
    ``make_dot(y, params=dict(model.named_parameters()))``: every grad_fn reachable from it, the
    leaves named by ``params``. It records no ops and no backward pass (they already ran): show it
    with ``view="autograd"``."""
    names = {id(p): n for n, p in (params or {}).items()}
    builder = TraceBuilder(None, None, value_limit)
    builder.names_of = lambda t: [names[id(t)]] if id(t) in names else []
    roots = list(output) if isinstance(output, (list, tuple)) else [output]
    keep = list((params or {}).values())  # held so their ids stay theirs while recording
    for root in roots:
        builder.ensure_tensor(root)
    del keep
    return Trace(builder.finish())


def _default_bundle():
    env = os.environ.get("GRAD_GRAPH_BUNDLE")
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (
        env,
        os.path.join(here, "grad-graph.js"),
        os.path.join(here, "..", "..", "dist", "grad-graph.js"),
    ):
        if candidate and os.path.isfile(candidate):
            return os.path.abspath(candidate)
    return None

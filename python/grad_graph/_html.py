"""A standalone page: ``<grad-graph>`` with the trace inlined as JSON data (never as markup)."""
import html as _html
import os

from . import _api

_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body{{margin:0;font-family:system-ui,sans-serif}} grad-graph{{display:block;height:100vh}}</style>
{bundle}
</head>
<body>
<grad-graph view="{view}"></grad-graph>
<script type="application/json" id="grad-graph-trace">{trace}</script>
<script type="module">
const el = document.querySelector('grad-graph');
el.trace = JSON.parse(document.getElementById('grad-graph-trace').textContent);
</script>
</body>
</html>
"""


def _script_text(text):
    # Inside <script>, only `</script` (and `<!--`) can end or change the element: escape `<`.
    return text.replace("<", "\\u003c")


def page(trace_json, script_url=None, bundle=None, view="dataflow", title=None):
    """The page's text; see :func:`grad_graph.html`."""
    if script_url is not None:
        tag = f'<script type="module" src="{_html.escape(script_url, quote=True)}"></script>'
    else:
        path = bundle or _api._default_bundle()
        if path is None or not os.path.isfile(path):
            raise FileNotFoundError(
                f"grad_graph.html: grad-graph's bundle was not found{' at ' + path if path else ''}. Run `npm run build` in the "
                "grad-graph checkout (it writes dist/grad-graph.js), pass bundle='path/to/grad-graph.js', "
                "set GRAD_GRAPH_BUNDLE, or pass script_url='https://…/grad-graph.js'."
            )
        with open(path, encoding="utf-8") as f:
            code = f.read()
        safe = code.replace("</script", "<\\/script")
        tag = f'<script type="module">{safe}</script>'
    if view not in ("dataflow", "autograd"):
        raise ValueError(f"grad_graph.html: view must be 'dataflow' or 'autograd', not {view!r}")
    return _TEMPLATE.format(
        title=_html.escape(title or "grad-graph"),
        bundle=tag,
        view=view,
        trace=_script_text(trace_json),
    )

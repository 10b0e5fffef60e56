"""grad-graph fences for MkDocs: a pymdownx.superfences custom fence.

A fence named ``grad-graph`` becomes the wrapper that grad-graph's page script turns into a live
``<grad-graph>`` element; readers without JavaScript still see the code. Superfences options are
the element's attributes (``no_code`` for ``no-code``; values quoted: ``view="autograd"``), plus
``run="build"`` to run the script when the site is built, with the ``grad-graph`` command of the
npm package (``node_modules/.bin/grad-graph``, or the ``GRAD_GRAPH_CLI`` environment variable):
the page then carries the trace, and a failing script stops ``mkdocs build`` with its error.

mkdocs.yml::

    markdown_extensions:
      - pymdownx.superfences:
          custom_fences:
            - name: grad-graph
              class: grad-graph
              validator: !!python/name:grad_graph_fence.validator
              format: !!python/name:grad_graph_fence.formatter
    extra_javascript:
      - js/grad-graph-loader.js
"""

import html
import os
import shutil
import subprocess

# The element's attributes a fence may set (src/embed.ts's FENCE_ATTRIBUTES).
ATTRIBUTES = {
    "autoplay", "loop", "speed", "view", "direction", "lang", "step",
    "no-controls", "no-code", "no-narration", "theme",
}


class GradGraphFenceError(Exception):
    """A grad-graph fence's script failed when the site was built."""


def validator(language, inputs, options, attrs, md):
    """Accepts the element's attributes and ``run``; any other option leaves the fence alone."""
    for key, value in inputs.items():
        name = key.replace("_", "-")
        if name == "run":
            if value not in ("build", "browser"):
                return False
            options["run"] = value
        elif name in ATTRIBUTES:
            options[name] = None if value == key else value
        else:
            return False
    return True


def _cli():
    found = os.environ.get("GRAD_GRAPH_CLI") or shutil.which(
        "grad-graph", path=os.path.join(os.getcwd(), "node_modules", ".bin")
    )
    if not found:
        raise GradGraphFenceError(
            "grad-graph: run=\"build\" needs the grad-graph command: npm install grad-graph, "
            "or set GRAD_GRAPH_CLI"
        )
    return found


def _trace(src):
    done = subprocess.run(
        [_cli(), "trace", "-"], input=src, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise GradGraphFenceError(
            "grad-graph: a script failed when the site was built\n" + done.stderr
        )
    return done.stdout.strip()


def formatter(src, language, class_name, options, md, **kwargs):
    """Writes the wrapper (options, exact source, maybe the trace) around the code block."""
    source = src if src.endswith("\n") else src + "\n"
    tokens = " ".join(
        name if value is None else f"{name}={value}"
        for name, value in options.items()
        if name != "run"
    )
    attrs = {
        "class": "grad-graph-fence",
        "data-grad-graph": tokens,
        "data-grad-graph-source": source,
    }
    if options.get("run") == "build":
        attrs["data-grad-graph-trace"] = _trace(source)
    written = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    code = html.escape(source)
    return f'<div{written}><pre><code class="language-python">{code}</code></pre></div>'

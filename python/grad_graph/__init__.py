"""grad_graph: record a run of real PyTorch and play it in grad-graph's ``<grad-graph>`` element.

    import grad_graph
    with grad_graph.record():
        loss = model(x).sum()
        loss.backward()
    grad_graph.html("graph.html")      # torchviz: make_dot(loss).render("graph")

or, for a graph already built, like torchviz's ``make_dot`` (the picture does not draw a trace
without ops or passes yet; the trace holds the whole graph)::

    grad_graph.from_output(y, params=dict(model.named_parameters())).save("graph.json")
"""
from ._api import Trace, from_output, html, record, save

__all__ = ["Trace", "from_output", "html", "record", "save"]
__version__ = "0.1.0"

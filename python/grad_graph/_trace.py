"""The trace under construction: the same records, ids and ``seq`` order as grad-graph's own
TraceRecorder (src/trace/recorder.ts), built from what the capture layer reports. It only copies
what it is told; it never changes a tensor."""
import threading
import weakref

import torch

from ._values import dtype_name, tensor_data

FORMAT = "grad-graph-trace"
VERSION = 1


class TraceBuilder:
    """Collects tensors, ops, grad_fns, backward passes, prints and groups; :meth:`finish` returns
    the trace as a JSON-ready dict."""

    def __init__(self, source, filename, value_limit):
        self.source = source
        self.filename = filename
        self.value_limit = value_limit
        self.lock = threading.RLock()
        self.seq = 0
        self.tensors = {}  # rid -> record (dict)
        self._tensor_ids = {}  # id(tensor) -> [rid, weakref]
        self._next_tensor = 1
        self.ops = []
        self.grad_fns = {}  # rid -> record
        self._nodes = {}  # id(node) -> (node, rid): nodes are held so their ids stay unique
        self.passes = []
        self.prints = []
        self.groups = []
        self.open_groups = []
        self.output = []
        self.error = None
        self.pass_ = None
        self._engine_made = set()  # ids reserved for .grad tensors the engine wrote
        #: Called with a tensor first seen outside an op: returns the names the program gave it.
        self.names_of = lambda t: []

    def next_seq(self):
        s = self.seq
        self.seq += 1
        return s

    def copy(self, t):
        return tensor_data(t, self.value_limit)

    # ── tensors ──────────────────────────────────────────────────────────────────────────

    def _forget(self, key, ref):
        entry = self._tensor_ids.get(key)
        if entry is not None and entry[1] is ref:
            del self._tensor_ids[key]

    def tensor_id(self, t):
        """The trace's id of ``t``, given on first sight (its record may come later, or never)."""
        key = id(t)
        entry = self._tensor_ids.get(key)
        if entry is not None:
            return entry[0]
        rid = self._next_tensor
        self._next_tensor += 1
        ref = None

        def gone(r, key=key):
            self._forget(key, r)

        try:
            ref = weakref.ref(t, gone)
        except TypeError:  # pragma: no cover - every torch.Tensor takes weak references
            ref = t
        self._tensor_ids[key] = [rid, ref]
        return rid

    def known(self, t):
        """The record of ``t``, or None if it has none yet."""
        entry = self._tensor_ids.get(id(t))
        return None if entry is None else self.tensors.get(entry[0])

    def live_tensors(self):
        """The recorded tensors still alive, with their records."""
        out = []
        for rid, ref in list(self._tensor_ids.values()):
            t = ref() if isinstance(ref, weakref.ref) else ref
            if t is not None and rid in self.tensors:
                out.append((t, self.tensors[rid]))
        return out

    def ensure_tensor(self, t, origin=None, span=None):
        """The record of ``t``, made on first sight."""
        rid = self.tensor_id(t)
        engine_made = rid in self._engine_made
        record = self.tensors.get(rid)
        if record is not None:
            return record
        seq = self.next_seq()
        requires_grad = bool(t.requires_grad)
        record = {
            "id": rid,
            "seq": seq,
            "names": [] if origin == "op" else list(self.names_of(t)),
            "shape": list(t.shape),
            "dtype": dtype_name(t.dtype),
            "requiresGrad": requires_grad,
            "isLeaf": bool(t.is_leaf),
            "gradFnId": None,
            "gradMode": torch.is_grad_enabled(),
            "detached": False,
            "origin": origin or ("grad" if engine_made else "external"),
            "span": span if origin == "op" else None,
            "retainsGrad": bool(t.retains_grad) if not t.is_leaf else False,
            "versions": [
                {"seq": seq, "opIndex": None, "requiresGrad": requires_grad, "data": self.copy(t)}
            ],
        }
        self.tensors[rid] = record
        if t.grad_fn is not None:
            record["gradFnId"] = self.ensure_grad_fn(t.grad_fn, None, rid)
            record["versions"][0]["gradFnId"] = record["gradFnId"]
        return record

    def name(self, t, name):
        """A program name was bound to ``t``."""
        record = self.ensure_tensor(t)
        if name not in record["names"]:
            record["names"].append(name)

    # ── grad_fns ─────────────────────────────────────────────────────────────────────────

    def grad_fn_id(self, node):
        entry = self._nodes.get(id(node))
        return None if entry is None or entry[0] is not node else entry[1]

    def ensure_grad_fn(self, root, op_index, tensor_rid):
        """Records ``root`` and every node reachable through its next edges (children first, so
        each record's edges point at records already made), iteratively: graphs are deep."""
        known = self.grad_fn_id(root)
        if known is not None:
            record = self.grad_fns[known]
            if record["opIndex"] is None and op_index is not None:
                record["opIndex"] = op_index
            if record["tensorId"] is None and tensor_rid is not None:
                record["tensorId"] = tensor_rid
            return known
        order = []
        seen = {id(root)}
        stack = [[root, list(root.next_functions), 0]]
        while stack:
            top = stack[-1]
            if top[2] >= len(top[1]):
                order.append(top[0])
                stack.pop()
                continue
            child = top[1][top[2]][0]
            top[2] += 1
            if child is not None and id(child) not in seen and self.grad_fn_id(child) is None:
                seen.add(id(child))
                stack.append([child, list(child.next_functions), 0])
        for node in order:
            rid = len(self._nodes) + 1
            self._nodes[id(node)] = (node, rid)
            variable = getattr(node, "variable", None) if type(node).__name__ == "AccumulateGrad" else None
            if variable is not None:
                tensor = self.ensure_tensor(variable)["id"]
            else:
                tensor = tensor_rid if node is root else None
            self.grad_fns[rid] = {
                "id": rid,
                "seq": self.next_seq(),
                "name": type(node).__name__,
                "next": [
                    None if nxt is None else {"gradFnId": self.grad_fn_id(nxt), "inputNr": nr}
                    for nxt, nr in node.next_functions
                ],
                "tensorId": tensor,
                "opIndex": op_index if node is root else None,
            }
        return self.grad_fn_id(root)

    # ── ops ──────────────────────────────────────────────────────────────────────────────

    def op(self, name, inputs, outputs, args, in_place, grad_enabled, span):
        """An op ran: record it, its outputs' values and the grad_fns it made."""
        index = len(self.ops)
        input_ids = [self.ensure_tensor(t)["id"] for t in inputs]
        seq = self.next_seq()
        output_ids = []
        for t in outputs:
            is_new = self.known(t) is None
            record = self.ensure_tensor(t, "op", span)
            output_ids.append(record["id"])
            if in_place and not is_new:
                record["versions"].append(
                    {"seq": seq, "opIndex": index, "requiresGrad": bool(t.requires_grad), "data": self.copy(t)}
                )
            elif is_new:
                record["versions"][0]["opIndex"] = index
                record["gradMode"] = grad_enabled
                record["detached"] = name == "detach"
            if name == "detach_":
                record["detached"] = True
            fn = t.grad_fn
            record["gradFnId"] = None if fn is None else self.ensure_grad_fn(fn, index, record["id"])
            record["isLeaf"] = bool(t.is_leaf)
            record["versions"][-1]["gradFnId"] = record["gradFnId"]
        first = outputs[0].grad_fn if outputs else None
        self.ops.append(
            {
                "index": index,
                "seq": seq,
                "op": name,
                "inputs": input_ids,
                "outputs": output_ids,
                "args": args,
                "inPlace": in_place,
                "gradEnabled": grad_enabled,
                "gradFnId": None if first is None else self.grad_fn_id(first),
                "gradFnName": None if first is None else type(first).__name__,
                "span": span,
            }
        )

    # ── backward ─────────────────────────────────────────────────────────────────────────

    def backward_started(self, roots, seeds, retain_graph, inputs, span):
        seq = self.next_seq()
        root_ids = [self.ensure_tensor(t)["id"] for t in roots]
        for t in roots:
            if t.grad_fn is not None:
                self.ensure_grad_fn(t.grad_fn, None, self.tensor_id(t))
        self.pass_ = {
            "index": len(self.passes),
            "seq": seq,
            "roots": root_ids,
            "seeds": [self.copy(s) for s in seeds],
            "retainGraph": bool(retain_graph),
            "inputs": None if inputs is None else [self.ensure_tensor(t)["id"] for t in inputs],
            "span": span,
            "steps": [],
            "accumulations": [],
            "endSeq": seq,
            "error": None,
        }
        self.passes.append(self.pass_)

    def engine_step(self, node, grads_in, grads_out):
        p = self.pass_
        if p is None:
            return
        rid = self.grad_fn_id(node)
        if rid is None:
            rid = self.ensure_grad_fn(node, None, None)
        p["steps"].append(
            {
                "seq": self.next_seq(),
                "gradFnId": rid,
                "name": type(node).__name__,
                "gradsIn": [None if g is None else self.copy(g) for g in grads_in],
                "gradsOut": [None if g is None else self.copy(g) for g in grads_out],
            }
        )

    def accumulated(self, tensor, incoming, before, after, retained):
        """A gradient was written into ``tensor.grad`` (``before`` is already a copy, or None)."""
        record = self.ensure_tensor(tensor)
        if retained:
            record["retainsGrad"] = True
        seq = self.next_seq()
        after_data = self.copy(after)
        grad_record = self.known(after)
        self._engine_made.add(self.tensor_id(after))
        if grad_record is not None:
            grad_record["versions"].append(
                {"seq": seq, "opIndex": None, "requiresGrad": bool(after.requires_grad), "data": after_data}
            )
        if self.pass_ is not None:
            self.pass_["accumulations"].append(
                {
                    "seq": seq,
                    "tensorId": record["id"],
                    "incoming": self.copy(incoming),
                    "before": before,
                    "after": after_data,
                    "retained": retained,
                    "gradId": self.tensor_id(after),
                }
            )

    def backward_finished(self, error, drop):
        p = self.pass_
        self.pass_ = None
        if p is None:
            return
        if drop:
            self.passes.pop()
            return
        p["endSeq"] = self.next_seq()
        p["error"] = error

    # ── prints, groups, the end ──────────────────────────────────────────────────────────

    def printed(self, text, span):
        self.prints.append({"seq": self.next_seq(), "text": text, "span": span})
        self.output.append(text)

    def group_started(self, kind, name, span, class_name=None, parameters=None):
        group = {
            "id": len(self.groups),
            "kind": kind,
            "name": name,
            "parent": self.open_groups[-1]["id"] if self.open_groups else None,
            "startSeq": self.next_seq(),
            "endSeq": -1,
            "span": span,
        }
        if class_name is not None:
            group["className"] = class_name
        if parameters is not None:
            group["parameters"] = parameters
        self.groups.append(group)
        self.open_groups.append(group)
        return group["id"]

    def group_ended(self, gid):
        """Group ``gid`` ended; groups opened inside it and still open end with it."""
        at = next((i for i, g in enumerate(self.open_groups) if g["id"] == gid), None)
        if at is None:
            return
        for g in self.open_groups[at:]:
            g["endSeq"] = self.seq
        del self.open_groups[at:]
        self.seq += 1

    def failed(self, type_name, message, span, traceback_text):
        self.error = {
            "seq": self.next_seq(),
            "type": type_name,
            "message": message,
            "span": span,
            "traceback": traceback_text,
        }

    def finish(self):
        """The trace as a JSON-ready dict (groups still open end now)."""
        for g in self.open_groups:
            g["endSeq"] = self.seq
        self.open_groups = []
        return {
            "format": FORMAT,
            "version": VERSION,
            "source": self.source,
            "filename": self.filename,
            "tensors": list(self.tensors.values()),
            "ops": self.ops,
            "gradFns": list(self.grad_fns.values()),
            "backwardPasses": self.passes,
            "prints": self.prints,
            "groups": self.groups,
            "output": "".join(self.output),
            "error": self.error,
        }

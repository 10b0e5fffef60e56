"""Recording a run of real PyTorch with PyTorch's own extension points:

- ops: a ``TorchFunctionMode`` (``__torch_function__``) sees every call of PyTorch's Python API
  (``torch.*``, ``Tensor.*``, ``torch.nn.functional.*``) by the name it was called with, before
  it decomposes into dispatcher ops; calls made inside a call are PyTorch's own, not recorded;
- backward passes: the mode also sees ``Tensor.backward`` and ``torch.autograd.grad``; for the
  pass, a hook on every Node of the graph (``Node.register_hook``) fires after the node ran, in the
  order the engine runs them, with the gradients it received and sent; a pre-hook
  (``Node.register_prehook``) on AccumulateGrad copies ``.grad`` before the write, and one on the
  grad_fn of a tensor that called ``retain_grad()`` sees its retained gradient;
- module calls: global forward pre-hooks and hooks (``register_module_forward_pre_hook``);
- where: Python's frames (the traced file's innermost frame and its instruction's position);
- names: a line tracer on the traced file's frames (see ``_source.NameWatch``).

Where PyTorch 1.13's mode misses a call (``t[0]`` and ``t[idx_tensor]`` take a C++ fast path
before the ``__torch_function__`` check; ``torch.autograd.backward`` has no check), a thin wrapper
routes the call through the same recording; a probe decides at start, so newer PyTorch (whose
mode sees them) gets no wrapper."""
import builtins
import inspect
import io
import os
import sys
import threading
import traceback
import types

import torch
import torch.nn.modules.module as _module_hooks
from torch.overrides import TorchFunctionMode, get_testing_overrides

from ._source import NameWatch, SourceFile
from ._trace import TraceBuilder
from ._values import encode_arg, index_text, is_tensor

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))

#: Python's operator methods, by the op they run (PyTorch's name, as the trace writes it).
_DUNDER = {
    "__add__": "add", "__sub__": "sub", "__mul__": "mul", "__truediv__": "div", "__div__": "div",
    "__pow__": "pow", "__floordiv__": "floor_divide", "__mod__": "remainder",
    "__matmul__": "matmul", "__neg__": "neg", "__abs__": "abs", "__pos__": "positive",
    "__iadd__": "add_", "__isub__": "sub_", "__imul__": "mul_", "__itruediv__": "div_",
    "__idiv__": "div_", "__ipow__": "pow_", "__ifloordiv__": "floor_divide_",
    "__imod__": "remainder_", "__and__": "bitwise_and", "__or__": "bitwise_or",
    "__xor__": "bitwise_xor", "__invert__": "bitwise_not", "__lt__": "lt", "__le__": "le",
    "__gt__": "gt", "__ge__": "ge", "__eq__": "eq", "__ne__": "ne",
}
#: Reflected operators (``2 - x``): the op and the parameter the Python number is, as
#: grad-graph's labels read them (``rsub`` other=2 is ``2 −``; ``pow`` self=2 is ``2 **``).
_REFLECTED = {
    "__radd__": ("add", "other"), "__rmul__": ("mul", "other"), "__rsub__": ("rsub", "other"),
    "__rtruediv__": ("rdiv", "other"), "__rdiv__": ("rdiv", "other"),
    "__rpow__": ("pow", "self"), "__rfloordiv__": ("floor_divide", "self"),
    "__rmod__": ("remainder", "self"), "__rmatmul__": ("matmul", "self"),
    "__rand__": ("bitwise_and", "other"), "__ror__": ("bitwise_or", "other"),
    "__rxor__": ("bitwise_xor", "other"),
}
#: Attribute reads that make a tensor (a view); others (``.grad``, ``.data``, ``.shape``) are not ops.
_VIEW_GETTERS = {"T", "mT", "H", "mH", "real", "imag"}
#: Calls that return a tensor but are not ops of the program's computation.
_NOT_OPS = {"requires_grad_", "register_hook", "_make_subclass", "backward", "retain_grad"}
#: Factories PyTorch gives no inspectable signature: their leading parameters.
_FACTORY_PARAMS = {
    "ones": ["size"], "zeros": ["size"], "empty": ["size"], "rand": ["size"], "randn": ["size"],
    "full": ["size", "fill_value"], "arange": ["start", "end", "step"],
    "linspace": ["start", "end", "steps"], "eye": ["n", "m"], "randint": ["low", "high", "size"],
    "tensor": ["data"], "as_tensor": ["data"],
}
_OVERRIDES = None
_SPECS = {}
_ORIGINAL_BACKWARD = torch.autograd.backward
_ORIGINAL_GRAD = torch.autograd.grad
_ORIGINAL_GETITEM = torch.Tensor.__getitem__
_ORIGINAL_SETITEM = torch.Tensor.__setitem__


def _overrides():
    global _OVERRIDES
    if _OVERRIDES is None:
        _OVERRIDES = get_testing_overrides()
    return _OVERRIDES


def _spec(func):
    """What a call is: ('op', name), ('backward', kind), ('retain', name), or None (not recorded)."""
    try:
        if func in _SPECS:
            return _SPECS[func]
    except TypeError:
        return None
    name = getattr(func, "__name__", "") or ""
    spec = ("op", name)
    if name in ("__get__", "__set__", "__delete__"):
        attr = getattr(getattr(func, "__self__", None), "__name__", "")
        if name == "__get__" and attr in _VIEW_GETTERS:
            return ("op", attr)
        # `.data` makes a tensor (sharing storage, outside the graph) but runs no op.
        return ("made", attr) if name == "__get__" and attr == "data" else None
    if func is torch.Tensor.backward:
        spec = ("backward", "tensor")
    elif func is _ORIGINAL_BACKWARD:
        spec = ("backward", "autograd")
    elif func is _ORIGINAL_GRAD:
        spec = ("backward", "grad")
    elif name == "retain_grad":
        spec = ("retain", name)
    elif name in _NOT_OPS:
        spec = None
    elif name in _REFLECTED:
        spec = ("op", _REFLECTED[name][0])
    elif name in _DUNDER:
        spec = ("op", _DUNDER[name])
    elif name.startswith("__") and name not in ("__getitem__", "__setitem__"):
        spec = None  # __repr__, __format__, __len__, __bool__, __iter__, __hash__, …
    if not isinstance(func, types.MethodWrapperType):
        _SPECS[func] = spec
    return spec


def _tensors_in(values):
    out = []
    for v in values:
        if is_tensor(v):
            out.append(v)
        elif isinstance(v, (list, tuple)):
            out.extend(x for x in v if is_tensor(x))
    return out


def _parameter_names(func, name):
    lam = _overrides().get(func)
    try:
        sig = inspect.signature(lam if lam is not None else func)
    except (TypeError, ValueError):
        return _FACTORY_PARAMS.get(name)
    return [
        p.name
        for p in sig.parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]


def _args(func, name, args, kwargs):
    """The non-tensor arguments by PyTorch's parameter names (its own signatures)."""
    raw = getattr(func, "__name__", "")
    if name in ("__getitem__", "__setitem__"):
        out = {"index": index_text(args[1])}
        if name == "__setitem__":
            out["value"] = encode_arg(args[2])
        return out
    if raw in _REFLECTED:
        return {_REFLECTED[raw][1]: encode_arg(args[1])} if len(args) > 1 and not is_tensor(args[1]) else {}
    names = _parameter_names(func, name) or []
    bound = {}
    positional = list(args)
    fits = len(positional) <= len(names) or not names
    if not fits:
        # Sizes as separate numbers (`view(2, 3)`, `ones(2, 3)`) fill the parameter that takes them.
        first = next((i for i, a in enumerate(positional) if not is_tensor(a)), len(positional))
        positional = positional[:first] + [positional[first:]]
    for i, value in enumerate(positional):
        key = names[i] if i < len(names) else f"arg{i}"
        bound[key] = value
    bound.update(kwargs)
    if name in ("ones", "zeros", "empty", "rand", "randn") and "size" in bound:
        size = bound["size"]
        bound["size"] = list(size) if isinstance(size, (tuple, list, torch.Size)) else [size]
    out = {}
    for key, value in bound.items():
        if key in ("out", "data") or key.startswith("__") or not key.isidentifier():
            continue
        if is_tensor(value) or (isinstance(value, (list, tuple)) and any(is_tensor(v) for v in value)):
            continue
        out[key] = encode_arg(value)
    return out


def _seq(x):
    if x is None:
        return []
    return list(x) if isinstance(x, (list, tuple)) else [x]


class _Print:
    """``print`` while recording: records what it writes, and reads as the built-in it stands for."""

    def __init__(self, call, original):
        self._call = call
        self._original = original

    def __call__(self, *args, **kwargs):
        return self._call(sys._getframe(1), *args, **kwargs)

    def __repr__(self):
        return repr(self._original)


class _Mode(TorchFunctionMode):
    def __init__(self, recording):
        super().__init__()
        self.recording = recording

    def __torch_function__(self, func, types, args=(), kwargs=None):
        return self.recording._call(func, args, kwargs or {})


def _probe_mode_sees(run, target):
    seen = []

    class Probe(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            if func is target:
                seen.append(func)
            return func(*args, **(kwargs or {}))

    with Probe():
        run()
    return bool(seen)


_PROBES = {}


def _needs_wrappers():
    """Which calls this PyTorch's mode misses (probed once): indexing and index assignment in some
    forms (1.13 takes fast paths for ints, slices, tensors), ``torch.autograd.backward``."""
    if not _PROBES:
        t = torch.zeros(3)
        idx = torch.tensor([0])
        v = torch.ones(2)
        _PROBES["getitem"] = not all(
            _probe_mode_sees(f, _ORIGINAL_GETITEM)
            for f in (lambda: t[0], lambda: t[1:], lambda: t[idx], lambda: t[None, 0])
        )
        _PROBES["setitem"] = not all(
            _probe_mode_sees(f, _ORIGINAL_SETITEM)
            for f in (
                lambda: t.__setitem__(0, 1.0),
                lambda: t.__setitem__(slice(1, None), v),
                lambda: t.__setitem__(idx, 1.0),
            )
        )
        x = torch.zeros(1, requires_grad=True)
        _PROBES["backward"] = not _probe_mode_sees(
            lambda: _ORIGINAL_BACKWARD([x * 1]), _ORIGINAL_BACKWARD
        )
    return _PROBES


_OVERRIDES_FILE = os.path.abspath(torch.overrides.__file__)


def _filtered_traceback(exc):
    """Python's traceback text without the recorder's own frames (ours, and the mode's dispatch
    in torch/overrides.py)."""
    te = traceback.TracebackException.from_exception(exc)
    te.stack = traceback.StackSummary.from_list(
        [
            f
            for f in te.stack
            if not os.path.abspath(f.filename).startswith(_PACKAGE_DIR + os.sep)
            and os.path.abspath(f.filename) != _OVERRIDES_FILE
        ]
    )
    return "".join(te.format())


def _shown(filename):
    """The file's name as the trace shows it: relative to the working folder when inside it (no
    home folders in a shared trace), else its base name."""
    if filename.startswith("<"):
        return filename
    rel = os.path.relpath(filename) if os.path.isabs(filename) else filename
    return os.path.basename(filename) if rel.startswith("..") else rel


class Recording:
    """Records everything PyTorch does inside ``with``; afterwards ``.trace`` is the Trace."""

    def __init__(self, filename=None, source=None, value_limit=10_000, modules=True, prints=True):
        self._filename = filename
        self._source_text = source
        self.value_limit = value_limit
        self.modules = modules
        self.prints = prints
        self.trace = None
        self._depth = 0
        self._busy = False
        self._modules_open = []  # (module, group id, path)
        self._handles = []
        self._restore = []

    # ── entering and leaving ─────────────────────────────────────────────────────────────

    def __enter__(self):
        from . import _api

        caller = sys._getframe(1)
        filename = self._filename or caller.f_code.co_filename
        self.source = SourceFile(filename, self._source_text)
        self.builder = TraceBuilder(self.source.text, _shown(filename), self.value_limit)
        self.names = NameWatch(self.source, is_tensor, self._bound)
        self.builder.names_of = lambda t: self.names.names_of(t)
        self._thread = threading.get_ident()
        needs = _needs_wrappers()
        if needs["getitem"]:
            self._patch(torch.Tensor, "__getitem__", self._wrap(_ORIGINAL_GETITEM))
        if needs["setitem"]:
            self._patch(torch.Tensor, "__setitem__", self._wrap(_ORIGINAL_SETITEM))
        if needs["backward"]:
            self._patch(torch.autograd, "backward", self._wrap(_ORIGINAL_BACKWARD))
        if self.prints:
            self._patch(builtins, "print", _Print(self._print, builtins.print))
        if self.modules:
            kwargs = {}
            if "always_call" in inspect.signature(_module_hooks.register_module_forward_hook).parameters:
                kwargs["always_call"] = True
            self._handles.append(_module_hooks.register_module_forward_pre_hook(self._module_started))
            self._handles.append(_module_hooks.register_module_forward_hook(self._module_ended, **kwargs))
        self._mode = _Mode(self)
        self._mode.__enter__()
        self.names.start(caller)
        _api._set_current(self)
        return self

    def __exit__(self, exc_type, exc, tb):
        from . import _api

        self.names.stop()
        self._mode.__exit__(None, None, None)
        for h in self._handles:
            h.remove()
        for owner, attr, value in reversed(self._restore):
            setattr(owner, attr, value)
        self._handles, self._restore = [], []
        if exc is not None:
            self.builder.failed(
                exc_type.__name__, str(exc), self.source.span_of_traceback(tb), _filtered_traceback(exc)
            )
        from ._api import Trace

        self.trace = Trace(self.builder.finish())
        _api._set_current(None)
        _api._set_last(self.trace)
        return False

    def _patch(self, owner, attr, value):
        self._restore.append((owner, attr, getattr(owner, attr)))
        setattr(owner, attr, value)

    def _wrap(self, original):
        recording = self

        def wrapper(*args, **kwargs):
            return recording._call(original, args, kwargs)

        wrapper.__name__ = original.__name__
        wrapper.__wrapped__ = original
        return wrapper

    # ── calls ────────────────────────────────────────────────────────────────────────────

    def _call(self, func, args, kwargs):
        if self._depth or self._busy or threading.get_ident() != self._thread:
            return func(*args, **kwargs)
        spec = _spec(func)
        if spec is None:
            return func(*args, **kwargs)
        kind, name = spec
        if kind == "backward":
            return self._backward(func, name, args, kwargs)
        span = self.source.span()
        grad_enabled = torch.is_grad_enabled()
        self._depth += 1
        try:
            result = func(*args, **kwargs)
        finally:
            self._depth -= 1
        if kind == "retain":
            return result
        if kind == "made":
            if is_tensor(result) and self.builder.known(result) is None:
                self._busy = True
                try:
                    with self.builder.lock:
                        self.builder.ensure_tensor(result, "op", span)
                finally:
                    self._busy = False
            return result
        self._busy = True
        try:
            with self.builder.lock:
                self._record_op(func, name, args, kwargs, result, span, grad_enabled)
        finally:
            self._busy = False
        return result

    def _record_op(self, func, name, args, kwargs, result, span, grad_enabled):
        if name == "__setitem__":
            outputs = [args[0]] if args and is_tensor(args[0]) else []
        elif is_tensor(result):
            outputs = [result]
        elif isinstance(result, (tuple, list)):
            outputs = [r for r in result if is_tensor(r)]
        else:
            outputs = []
        if not outputs:
            return
        in_place = name == "__setitem__" or (name.endswith("_") and not name.endswith("__"))
        inputs = _tensors_in(args) + _tensors_in(v for k, v in kwargs.items() if k != "out")
        self.builder.op(name, inputs, outputs, _args(func, name, args, kwargs), in_place, grad_enabled, span)

    # ── backward ─────────────────────────────────────────────────────────────────────────

    def _backward(self, func, kind, args, kwargs):
        bound = inspect.signature(func).bind(*args, **kwargs).arguments
        if kind == "tensor":
            roots, grads, inputs = [bound["self"]], [bound.get("gradient")], None
        elif kind == "autograd":
            roots, grads, inputs = _seq(bound["tensors"]), _seq(bound.get("grad_tensors")), None
        else:
            roots, grads = _seq(bound["outputs"]), _seq(bound.get("grad_outputs"))
            inputs = _seq(bound["inputs"])
        retain = bound.get("retain_graph")
        if retain is None:
            retain = bool(bound.get("create_graph", False))
        span = self.source.statement_span(self.source.span())
        handles = []
        started = False
        self._busy = True
        try:
            seeds = []
            for i, root in enumerate(roots):
                g = grads[i] if i < len(grads) else None
                if is_tensor(g):
                    seeds.append(g)
                elif g is None and is_tensor(root) and root.requires_grad and root.numel() == 1:
                    seeds.append(torch.ones_like(root))
            if len(seeds) == len(roots) and all(is_tensor(r) for r in roots):
                with self.builder.lock:
                    self.builder.backward_started(roots, seeds, retain, inputs, span)
                handles = self._hook_graph(roots)
                started = True
        finally:
            self._busy = False
        error = None
        self._depth += 1
        try:
            return func(*args, **kwargs)
        except BaseException as e:
            error = e
            raise
        finally:
            self._depth -= 1
            for h in handles:
                h.remove()
            if started:
                with self.builder.lock:
                    ran = bool(self.builder.pass_ and self.builder.pass_["steps"])
                    # A call PyTorch refuses before its engine runs (a seed of the wrong shape, a
                    # root that does not require grad) is no pass, as in grad-graph's engine.
                    self.builder.backward_finished(
                        None if error is None else str(error), drop=error is not None and not ran
                    )

    def _hook_graph(self, roots):
        """Hooks every Node reachable from the roots for this pass; returns the handles."""
        handles = []
        retained = {}
        for t, _ in self.builder.live_tensors():
            if not t.is_leaf and t.retains_grad and t.grad_fn is not None:
                before = None if t.grad is None else self.builder.copy(t.grad)
                retained.setdefault(id(t.grad_fn), []).append((t, before))
        seen = set()
        stack = [r.grad_fn for r in roots if r.grad_fn is not None]
        before = {}
        while stack:
            node = stack.pop()
            if node is None or id(node) in seen:
                continue
            seen.add(id(node))
            handles.append(node.register_hook(self._step_hook(node, before)))
            if type(node).__name__ == "AccumulateGrad":
                handles.append(node.register_prehook(self._before_hook(node, before)))
            if id(node) in retained:
                handles.append(node.register_prehook(self._retained_hook(retained[id(node)])))
            stack.extend(n for n, _ in node.next_functions if n is not None)
        return handles

    def _before_hook(self, node, before):
        def hook(grad_outputs):
            grad = node.variable.grad
            with self.builder.lock:
                before[id(node)] = None if grad is None else self.builder.copy(grad)

        return hook

    def _step_hook(self, node, before):
        def hook(grad_inputs, grad_outputs):
            with self.builder.lock:
                self.builder.engine_step(node, grad_outputs, grad_inputs)
                if type(node).__name__ == "AccumulateGrad":
                    variable = node.variable
                    if variable.grad is not None and grad_outputs and grad_outputs[0] is not None:
                        self.builder.accumulated(
                            variable, grad_outputs[0], before.pop(id(node), None), variable.grad, False
                        )

        return hook

    def _retained_hook(self, tensors):
        def hook(grad_outputs):
            with self.builder.lock:
                for t, before in tensors:
                    incoming = grad_outputs[t.output_nr] if t.output_nr < len(grad_outputs) else None
                    if t.grad is not None and incoming is not None:
                        self.builder.accumulated(t, incoming, before, t.grad, True)

        return hook

    # ── modules, prints, names ───────────────────────────────────────────────────────────

    def _module_started(self, module, inputs):
        if self._depth or self._busy or threading.get_ident() != self._thread:
            return
        self._busy = True
        try:
            name, path = self._module_name(module)
            class_name = type(module).__name__
            with self.builder.lock:
                parameters = []
                for n, p in module.named_parameters(recurse=False):
                    record = self.builder.ensure_tensor(p)
                    full = f"{path}.{n}" if path else n
                    if full not in record["names"]:
                        record["names"].append(full)
                    parameters.append({"name": n, "tensorId": record["id"]})
                gid = self.builder.group_started(
                    "module", f"{name}: {class_name}" if name else class_name,
                    self.source.span(), class_name, parameters,
                )
            self._modules_open.append((module, gid, path))
        finally:
            self._busy = False

    def _module_name(self, module):
        """Its attribute name in the enclosing module (``fc1``) and its path from the outermost
        module called (``layer1.0.conv1``); the outermost one is named by the program's variable."""
        if self._modules_open:
            parent, _, parent_path = self._modules_open[-1]
            for n, m in parent._modules.items():
                if m is module:
                    return n, f"{parent_path}.{n}" if parent_path else n
            root = self._modules_open[0][0]
            for n, m in root.named_modules():
                if m is module and n:
                    return n.rsplit(".", 1)[-1], n
        names = self.names.names_of(module)
        return (names[0] if names else ""), ""

    def _module_ended(self, module, inputs, output):
        if threading.get_ident() != self._thread:
            return
        for i in range(len(self._modules_open) - 1, -1, -1):
            if self._modules_open[i][0] is module:
                gid = self._modules_open[i][1]
                del self._modules_open[i:]
                with self.builder.lock:
                    self.builder.group_ended(gid)
                return

    def _print(self, caller, *args, sep=" ", end="\n", file=None, flush=False):
        original = self._original("print")
        if (file is not None and file is not sys.stdout) or threading.get_ident() != self._thread:
            return original(*args, sep=sep, end=end, file=file, flush=flush)
        buffer = io.StringIO()
        self._busy = True
        try:
            original(*args, sep=sep, end=end, file=buffer)
        finally:
            self._busy = False
        text = buffer.getvalue()
        span = self.source.span_of_frame(caller) if caller.f_code.co_filename == self.source.filename else None
        with self.builder.lock:
            self.builder.printed(text, span)
        sys.stdout.write(text)
        if flush:
            sys.stdout.flush()

    def _original(self, attr):
        for owner, a, value in self._restore:
            if a == attr:
                return value
        return getattr(builtins, attr)

    def _bound(self, name, value):
        if self._busy:
            return
        self._busy = True
        try:
            with self.builder.lock:
                self.builder.name(value, name)
        finally:
            self._busy = False

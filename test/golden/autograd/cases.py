"""The committed golden cases: small programs run by generate.py in PyTorch and by
test/autograd/golden.test.ts in autograd/. See dsl.py for the step language."""
import torch

from dsl import A, S, SET, V

f32, f64, i64, b8 = torch.float32, torch.float64, torch.int64, torch.bool

CASES = []


def case(name, *steps):
    CASES.append({"name": name, "steps": list(steps)})


M23 = [[1.5, -2.0, 0.5], [3.0, 0.25, -1.0]]
ROW3 = [0.5, 2.0, -1.5]
POS23 = [[0.5, 1.5, 2.0], [3.0, 0.25, 4.0]]


def leaf(name, data, **kw):
    return S(name, "torch.tensor", data, requires_grad=True, **kw)


def backprop(out):
    return [S("s", f"{out}.sum"), S(None, "s.backward")]


# ---- the seed tutorial -------------------------------------------------------------------
case(
    "seed tutorial",
    S("x", "torch.ones", 2, 2, requires_grad=True),
    S("y", "x.__add__", 2),
    A("y_rg", "y.requires_grad"),
    A("y_fn", "y.grad_fn"),
    S("yy", "y.__mul__", V("y")),
    S("z", "yy.__mul__", 3),
    S("out", "z.mean"),
    S(None, "out.backward"),
    A("xg", "x.grad"),
    S("h", "torch.tensor", [[1, 2], [3, 4]], dtype=torch.float),
    S("hn", "h.norm"),
    S("o44", "torch.ones", 4, 4, dtype=torch.float),
    S("grad", "o44.__rmul__", 4),
    S("b", "torch.ones", 4, 4, requires_grad=True),
    S("bb", "b.__mul__", V("b")),
    S("c", "bb.mean"),
    S(None, "c.backward", V("grad")),
    A("bg", "b.grad"),
    A("x_rg", "x.requires_grad"),
    S("x2", "x.__pow__", 2),
    A("x2_rg", "x2.requires_grad"),
    S("prev", "torch.set_grad_enabled", False),
    S("q", "x.__pow__", 2),
    A("q_rg", "q.requires_grad"),
    S("prev2", "torch.set_grad_enabled", True),
    A("q_rg2", "q.requires_grad"),
)

# ---- arithmetic with broadcasting, forward and backward ------------------------------------
for op in ["__add__", "__sub__", "__mul__", "__truediv__", "__pow__"]:
    case(
        f"{op} broadcast [2,3] with [3]",
        leaf("a", POS23),
        leaf("b", ROW3 if op != "__pow__" else [1.0, 2.0, 0.5]),
        S("y", f"a.{op}", V("b")),
        *backprop("y"),
    )
    case(
        f"{op} broadcast [2,1] with [1,3] and a 0-dim",
        leaf("a", [[0.5], [2.0]]),
        leaf("b", [[1.0, 2.0, 3.0]]),
        leaf("c", 1.5),
        S("t", f"a.{op}", V("b")),
        S("y", f"t.{op}", V("c")),
        *backprop("y"),
    )
    for scalar in [2, 2.5, True]:
        tail = backprop("y") if not (op == "__sub__" and scalar is True) else []
        case(f"{op} tensor with python {type(scalar).__name__}", leaf("a", POS23), S("y", f"a.{op}", scalar), *tail)
for op in ["__radd__", "__rsub__", "__rmul__", "__rtruediv__", "__rpow__"]:
    for scalar in [2, 0.5]:
        case(f"{op} python {type(scalar).__name__}", leaf("a", POS23), S("y", f"a.{op}", scalar), *backprop("y"))
case("neg", leaf("a", M23), S("y", "a.__neg__"), *backprop("y"))
case("add alpha", leaf("a", M23), leaf("b", ROW3), S("y", "torch.add", V("a"), V("b"), alpha=2), *backprop("y"))
case("sub alpha", leaf("a", M23), leaf("b", ROW3), S("y", "a.sub", V("b"), alpha=0.5), *backprop("y"))
case("rsub tensor", leaf("a", M23), leaf("b", ROW3), S("y", "torch.rsub", V("a"), V("b")), *backprop("y"))
case("pow tensor exponent with zeros", leaf("a", [0.0, 2.0, 3.0, 0.0]), leaf("e", [0.0, 2.0, 0.5, 1.5]), S("y", "a.pow", V("e")), *backprop("y"))
case("pow scalar zero exponent", leaf("a", [0.0, 2.0]), S("y", "a.pow", 0), *backprop("y"))
case("rpow zero base", leaf("e", [0.0, 2.0, -1.0]), S("y", "e.__rpow__", 0.0), *backprop("y"))
case("mul by self shares grads", leaf("a", ROW3), S("y", "a.__mul__", V("a")), *backprop("y"))
case("broadcast error", S("a", "torch.ones", 2), S("b", "torch.ones", 3), S("y", "a.__add__", V("b")))
case("broadcast error 2d", S("a", "torch.ones", 2, 3), S("b", "torch.ones", 4), S("y", "a.__mul__", V("b")))
case("bool sub error", S("a", "torch.ones", 2), S("m", "torch.ones", 2, dtype=b8), S("y", "a.__sub__", V("m")))
case("bool bool sub error", S("m", "torch.ones", 2, dtype=b8), S("y", "m.__sub__", V("m")))
case("bool neg error", S("m", "torch.ones", 2, dtype=b8), S("y", "m.__neg__"))
case("int negative power error", S("a", "torch.tensor", [1, 2]), S("y", "a.__pow__", -1))
case("int int ops", S("a", "torch.tensor", [5, -7, 3]), S("b", "torch.tensor", [2, 2, -2]),
     S("y1", "a.__add__", V("b")), S("y2", "a.__mul__", V("b")), S("y3", "a.__truediv__", V("b")),
     S("y4", "a.__pow__", 2), S("y5", "a.__sub__", 1), S("y6", "a.__neg__"), S("y7", "a.__rsub__", 10))
case("bool ops", S("m", "torch.tensor", [True, False, True]), S("n", "torch.tensor", [True, True, False]),
     S("y1", "m.__add__", V("n")), S("y2", "m.__mul__", V("n")), S("y3", "m.__add__", 1), S("y4", "m.__mul__", 2.5),
     S("y5", "m.sum"), S("y6", "m.__truediv__", 2))

# ---- type promotion -------------------------------------------------------------------------
PROMO_TENSORS = {
    "f32": ("torch.tensor", [1.5, 2.0], {}),
    "f64": ("torch.tensor", [1.5, 2.0], {"dtype": f64}),
    "i64": ("torch.tensor", [3, 4], {}),
    "bool": ("torch.tensor", [True, False], {}),
    "f32 0-dim": ("torch.tensor", 2.5, {}),
    "f64 0-dim": ("torch.tensor", 2.5, {"dtype": f64}),
    "i64 0-dim": ("torch.tensor", 3, {}),
    "bool 0-dim": ("torch.tensor", True, {}),
}
names = list(PROMO_TENSORS)
for i, an in enumerate(names):
    fa, da, ka = PROMO_TENSORS[an]
    for bn in names[i:]:
        fb, db, kb = PROMO_TENSORS[bn]
        case(f"promote {an} with {bn}", S("a", fa, da, **ka), S("b", fb, db, **kb),
             S("y1", "a.__add__", V("b")), S("y2", "a.__mul__", V("b")), S("y3", "a.__truediv__", V("b")))
    for scalar in [2, 2.5, False]:
        case(f"promote {an} with python {type(scalar).__name__}", S("a", fa, da, **ka),
             S("y1", "a.__add__", scalar), S("y2", "a.__mul__", scalar), S("y3", "a.__truediv__", scalar),
             S("y4", "a.__radd__", scalar))

# ---- unary ops ------------------------------------------------------------------------------
for op in ["exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid", "relu", "reciprocal"]:
    data = POS23 if op in ("log", "sqrt") else [[1.5, -2.0, 0.0], [3.0, 0.25, -1.0]]
    case(f"{op}", leaf("a", data), S("y", f"a.{op}"), *backprop("y"))
    case(f"torch.{op} float64", leaf("a", data, dtype=f64), S("y", f"torch.{op}", V("a")), *backprop("y"))
for op in ["exp", "sqrt", "sigmoid", "abs", "relu", "sin"]:
    case(f"{op} on int64", S("a", "torch.tensor", [1, 4, -2]), S("y", f"a.{op}"))
case("F.relu", leaf("a", M23), S("y", "F.relu", V("a")), *backprop("y"))
case("log of zero and negative", S("a", "torch.tensor", [0.0, -1.0, 1.0]), S("y", "a.log"), S("z", "a.sqrt"))
for kw in [{"min": -1.0, "max": 1.0}, {"min": 0}, {"max": 0.5}, {"min": 0.25, "max": 0.25}]:
    case(f"clamp {kw}", leaf("a", M23), S("y", "a.clamp", **kw), *backprop("y"))
case("clamp positional", leaf("a", M23), S("y", "torch.clamp", V("a"), -1, 1), *backprop("y"))
case("clamp int with float bound", S("a", "torch.tensor", [1, 5, -3]), S("y", "a.clamp", 0, 2.5))
case("clamp no bounds error", S("a", "torch.ones", 2), S("y", "a.clamp"))

# ---- reductions -----------------------------------------------------------------------------
M234 = [[[1.0, 2.0, 3.0, 4.0], [0.5, -1.0, 2.5, 0.0], [3.0, 1.0, -2.0, 1.5]],
        [[-1.0, 0.25, 2.0, 1.0], [4.0, 3.0, -0.5, 2.0], [0.0, 1.0, 1.0, -3.0]]]
for fn in ["sum", "mean"]:
    case(f"{fn} all", leaf("a", M234), S("y", f"a.{fn}"), S(None, "y.backward"))
    for kw in [{"dim": 0}, {"dim": 1}, {"dim": -1}, {"dim": 1, "keepdim": True}, {"dim": (0, 2)}, {"dim": [2, 0], "keepdim": True}]:
        case(f"{fn} {kw}", leaf("a", M234), S("y", f"a.{fn}", **kw), *backprop("y"))
    case(f"{fn} positional dim", leaf("a", M234), S("y", f"torch.{fn}", V("a"), 1), *backprop("y"))
    case(f"{fn} dim out of range", S("a", "torch.ones", 2, 3), S("y", f"a.{fn}", 2))
    case(f"{fn} repeated dim", S("a", "torch.ones", 2, 3), S("y", f"a.{fn}", dim=(0, 0)))
    case(f"{fn} 0-dim", leaf("a", 2.5), S("y", f"a.{fn}"), S(None, "y.backward"))
case("sum int and bool", S("a", "torch.tensor", [[1, 2], [3, 4]]), S("y", "a.sum"), S("y1", "a.sum", 0),
     S("m", "torch.tensor", [True, True, False]), S("y2", "m.sum"))
case("mean int error", S("a", "torch.tensor", [1, 2]), S("y", "a.mean"))
case("sum dtype", S("a", "torch.tensor", [1, 2]), S("y", "a.sum", dtype=f64), S("y2", "a.mean", dtype=f32))
case("max all", leaf("a", M23), S("y", "a.max"), S(None, "y.backward"))
case("max ties", leaf("a", [1.0, 3.0, 3.0, -1.0]), S("y", "torch.max", V("a")), S(None, "y.backward"))
case("max dim", leaf("a", M23), S("r", "a.max", 1), S("v", "r.__getitem__", 0), *backprop("v"))
case("max empty error", S("a", "torch.ones", 0), S("y", "a.max"))
case("max int", S("a", "torch.tensor", [3, 9, 2]), S("y", "a.max"))
for kw in [{}, {"p": 1}, {"p": 3}, {"dim": 1}, {"p": 1, "dim": 0}, {"dim": 1, "keepdim": True}, {"p": float("inf")}]:
    case(f"norm {kw}", leaf("a", M23), S("y", "a.norm", **kw), *backprop("y"))
case("norm positional p", leaf("a", M23), S("y", "a.norm", 1), *backprop("y"))
case("norm of zeros grad", leaf("a", [0.0, 0.0]), S("y", "a.norm"), S(None, "y.backward"))
case("norm int error", S("a", "torch.tensor", [3, 4]), S("y", "a.norm"))

# ---- linear algebra -------------------------------------------------------------------------
A23, B32 = M23, [[1.0, 2.0], [0.5, -1.0], [2.0, 0.25]]
case("matmul 2d 2d", leaf("a", A23), leaf("b", B32), S("y", "a.__matmul__", V("b")), *backprop("y"))
case("mm", leaf("a", A23), leaf("b", B32), S("y", "torch.mm", V("a"), V("b")), *backprop("y"))
case("matmul 2d 1d", leaf("a", A23), leaf("v", ROW3), S("y", "a.__matmul__", V("v")), *backprop("y"))
case("mv", leaf("a", A23), leaf("v", ROW3), S("y", "a.mv", V("v")), *backprop("y"))
case("matmul 1d 2d", leaf("v", [1.0, -2.0]), leaf("a", A23), S("y", "v.__matmul__", V("a")), A("f", "y.grad_fn"), *backprop("y"))
case("matmul 1d 1d", leaf("v", ROW3), leaf("w", [2.0, 0.5, 1.0]), S("y", "torch.matmul", V("v"), V("w")), S(None, "y.backward"))
case("dot", leaf("v", ROW3), leaf("w", [2.0, 0.5, 1.0]), S("y", "v.dot", V("w")), S(None, "y.backward"))
case("matmul only one requires grad", leaf("a", A23), S("b", "torch.tensor", B32), S("y", "a.__matmul__", V("b")), *backprop("y"))
case("matmul shape error", S("a", "torch.ones", 2, 3), S("y", "a.__matmul__", V("a")))
case("mm shape error", S("a", "torch.ones", 2, 3), S("y", "a.mm", V("a")))
case("mm not matrix", S("a", "torch.ones", 2, 3), S("v", "torch.ones", 2), S("y", "a.mm", V("v")))
case("mv shape error", S("a", "torch.ones", 2, 3), S("v", "torch.ones", 2), S("y", "a.mv", V("v")))
case("matmul 2d 1d error", S("a", "torch.ones", 2, 3), S("v", "torch.ones", 2), S("y", "a.__matmul__", V("v")))
case("matmul 1d 2d error", S("a", "torch.ones", 2, 3), S("v", "torch.ones", 3), S("y", "v.__matmul__", V("a")))

# ---- addmm and F.linear ------------------------------------------------------------------
W43 = [[0.3, -1.2, 2.5], [1.7, 0.1, -0.6], [-2.2, 0.9, 1.4], [0.05, -0.35, 0.8]]
BIAS4 = [0.1, -0.7, 1.3, 2.9]
case("addmm", leaf("i", BIAS4), leaf("a", M23), S("wt", "torch.tensor", W43), S("b", "wt.t"),
     S("c", "b.contiguous"), S("y", "torch.addmm", V("i"), V("a"), V("c")), A("f", "y.grad_fn"), *backprop("y"))
case("addmm beta alpha", leaf("i", [[0.5], [-1.5]]), leaf("a", M23), leaf("b", [[1.0, 2.0], [0.5, -1.0], [3.0, 0.25]]),
     S("y", "torch.addmm", V("i"), V("a"), V("b"), beta=0.5, alpha=3), *backprop("y"))
case("addmm method", leaf("i", [[1.0, 2.0], [3.0, 4.0]]), leaf("a", M23), leaf("b", [[1.0, 2.0], [0.5, -1.0], [3.0, 0.25]]),
     S("y", "i.addmm", V("a"), V("b")), *backprop("y"))
case("F.linear 2d with bias", leaf("x", M23), leaf("w", W43), leaf("b", BIAS4),
     S("y", "F.linear", V("x"), V("w"), V("b")), A("f", "y.grad_fn"), *backprop("y"))
case("F.linear 2d without bias", leaf("x", M23), leaf("w", W43), S("y", "F.linear", V("x"), V("w")),
     A("f", "y.grad_fn"), *backprop("y"))
case("F.linear 1d", leaf("x", ROW3), leaf("w", W43), leaf("b", BIAS4), S("y", "F.linear", V("x"), V("w"), V("b")),
     A("f", "y.grad_fn"), *backprop("y"))
case("F.linear 3d", leaf("x", [M23, POS23]), leaf("w", W43), leaf("b", BIAS4), S("y", "F.linear", V("x"), V("w"), V("b")),
     A("f", "y.grad_fn"), *backprop("y"))
case("F.linear 3d without bias", leaf("x", [M23, POS23]), leaf("w", W43), S("y", "F.linear", V("x"), V("w")),
     A("f", "y.grad_fn"), *backprop("y"))
case("addmm shape error", S("i", "torch.zeros", 2), S("a", "torch.ones", 1, 3), S("b", "torch.ones", 2, 1),
     S("y", "torch.addmm", V("i"), V("a"), V("b")))
case("addmm input broadcast error", S("i", "torch.zeros", 3), S("a", "torch.ones", 2, 3), S("b", "torch.ones", 3, 2),
     S("y", "torch.addmm", V("i"), V("a"), V("b")))
case("addmm not a matrix", S("i", "torch.zeros", 2, 2), S("a", "torch.ones", 2, 3, 1), S("b", "torch.ones", 3, 2),
     S("y", "torch.addmm", V("i"), V("a"), V("b")))
case("F.linear shape error", S("x", "torch.ones", 1, 3), S("w", "torch.ones", 1, 2), S("y", "F.linear", V("x"), V("w")))
case("F.linear bias error", S("x", "torch.ones", 1, 3), S("w", "torch.ones", 2, 3), S("b", "torch.ones", 3),
     S("y", "F.linear", V("x"), V("w"), V("b")))
for red in ["mean", "sum", "none"]:
    case(f"F.l1_loss {red}", leaf("a", M23), S("t", "torch.tensor", POS23), S("y", "F.l1_loss", V("a"), V("t"), reduction=red),
         A("f", "y.grad_fn"), *backprop("y"))
case("F.l1_loss broadcast target", leaf("a", M23), S("t", "torch.tensor", ROW3), S("y", "F.l1_loss", V("a"), V("t")),
     *backprop("y"))
case("dot size error", S("v", "torch.ones", 2), S("w", "torch.ones", 3), S("y", "v.dot", V("w")))
case("dot 2d error", S("a", "torch.ones", 2, 2), S("y", "a.dot", V("a")))
case("matmul 0-dim error", S("s", "torch.tensor", 2.0), S("a", "torch.ones", 2, 2), S("y", "s.__matmul__", V("a")))
case("mm dtype error", S("a", "torch.ones", 2, 2), S("b", "torch.ones", 2, 2, dtype=f64), S("y", "a.mm", V("b")))
case("matmul int", S("a", "torch.tensor", [[1, 2], [3, 4]]), S("y", "a.__matmul__", V("a")))

# ---- views and indexing ---------------------------------------------------------------------
case("t", leaf("a", A23), S("y", "a.t"), S("w", "torch.tensor", B32), S("z", "y.__mul__", V("w")), *backprop("z"))
case("T", leaf("a", A23), A("y", "a.T"), S("w", "torch.tensor", B32), S("z", "y.__mul__", V("w")), *backprop("z"))
case("transpose", leaf("a", M234), S("y", "a.transpose", 0, 2), S("z", "y.__mul__", V("y")), *backprop("z"))
case("transpose error", S("a", "torch.ones", 2, 3), S("y", "a.transpose", 0, 2))
case("t 3d error", S("a", "torch.ones", 2, 3, 4), S("y", "a.t"))
case("reshape contiguous", leaf("a", A23), S("y", "a.reshape", 3, 2), S("z", "y.__mul__", V("y")), *backprop("z"))
case("reshape list and -1", leaf("a", A23), S("y", "a.reshape", [-1]), S("z", "y.__mul__", V("y")), *backprop("z"))
case("reshape non-contiguous", leaf("a", A23), S("u", "a.t"), S("y", "u.reshape", 6), A("yf", "y.grad_fn"), S("z", "y.__mul__", V("y")), *backprop("z"))
case("view", leaf("a", A23), S("y", "a.view", 3, 2), S("z", "y.__mul__", V("y")), *backprop("z"))
case("view -1", leaf("a", M234), S("y", "a.view", -1, 4), *backprop("y"))
case("view invalid size", S("a", "torch.ones", 2, 3), S("y", "a.view", 4))
case("view two -1", S("a", "torch.ones", 2, 3), S("y", "a.view", -1, -1))
case("view non-contiguous error", S("a", "torch.ones", 2, 3), S("u", "a.t"), S("y", "u.view", 6))
case("unsqueeze", leaf("a", ROW3), S("y", "a.unsqueeze", 0), S("y2", "a.unsqueeze", -1), S("z", "y.__mul__", V("y2")), *backprop("z"))
case("squeeze", leaf("a", [[[1.0], [2.0]]]), S("y", "a.squeeze"), S("y1", "a.squeeze", 2), S("y2", "a.squeeze", 1), S("z", "y.__mul__", V("y")), *backprop("z"))
case("unsqueeze error", S("a", "torch.ones", 2), S("y", "a.unsqueeze", 2))
case("size and dim", S("a", "torch.ones", 2, 3), S("s", "a.size"), S("s1", "a.size", 1), S("s2", "a.size", -1),
     S("d", "a.dim"), S("n", "a.numel"), A("sh", "a.shape"), A("dt", "a.dtype"), S("e", "a.size", 2))
for idx in [0, -1, (0, 1), (slice(None), 1), slice(0, 1), (Ellipsis, 0), (None,), (slice(None, None, 2),),
            (1, slice(1, None)), (slice(-2, None), slice(None, -1)), (0, None, slice(None))]:
    case(f"getitem {idx!r}", leaf("a", A23), S("y", "a.__getitem__", idx), A("f", "y.grad_fn"), S("z", "y.__mul__", V("y")), *backprop("z"))
case("getitem out of range", S("a", "torch.ones", 2, 3), S("y", "a.__getitem__", 5))
case("getitem too many", S("a", "torch.ones", 2, 3), S("y", "a.__getitem__", (0, 0, 0)))
case("getitem 0-dim", S("a", "torch.tensor", 1.0), S("y", "a.__getitem__", 0))
case("select", leaf("a", M234), S("y", "a.select", 1, -1), *backprop("y"))
case("slice empty", S("a", "torch.ones", 2, 3), S("y", "a.__getitem__", slice(2, 1)))
case("index item", S("a", "torch.tensor", A23), S("y", "a.__getitem__", (1, 2)), S("v", "y.item"))

# ---- nn functions ---------------------------------------------------------------------------
for dim in [0, 1, -1]:
    case(f"softmax dim {dim}", leaf("a", M23), S("y", "a.softmax", dim), S("w", "torch.tensor", [[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]]),
         S("z", "y.__mul__", V("w")), *backprop("z"))
    case(f"log_softmax dim {dim}", leaf("a", M23), S("y", "a.log_softmax", dim), S("w", "torch.tensor", [[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]]),
         S("z", "y.__mul__", V("w")), *backprop("z"))
case("F.softmax", leaf("a", M23), S("y", "F.softmax", V("a"), dim=1), S("w", "torch.tensor", [[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]]),
     S("z", "y.__mul__", V("w")), *backprop("z"))
case("F.log_softmax large values", leaf("a", [[1000.0, 0.0], [-1000.0, 5.0]]), S("y", "F.log_softmax", V("a"), dim=1), *backprop("y"))
case("softmax dim error", S("a", "torch.ones", 2, 3), S("y", "a.softmax", 2))
case("mse_loss", leaf("a", M23), S("t", "torch.tensor", [[1.0, -1.0, 0.0], [2.0, 0.0, 1.0]]), S("y", "F.mse_loss", V("a"), V("t")), S(None, "y.backward"))
case("mse_loss sum", leaf("a", M23), leaf("t", [[1.0, -1.0, 0.0], [2.0, 0.0, 1.0]]), S("y", "F.mse_loss", V("a"), V("t"), reduction="sum"), S(None, "y.backward"))
case("mse_loss none", leaf("a", M23), S("t", "torch.zeros", 2, 3), S("y", "F.mse_loss", V("a"), V("t"), reduction="none"), *backprop("y"))
case("cross_entropy", leaf("a", M23), S("t", "torch.tensor", [2, 0]), S("y", "F.cross_entropy", V("a"), V("t")),
     A("f", "y.grad_fn"), S(None, "y.backward"))
case("cross_entropy sum", leaf("a", M23), S("t", "torch.tensor", [1, 1]), S("y", "F.cross_entropy", V("a"), V("t"), reduction="sum"), S(None, "y.backward"))
case("cross_entropy none", leaf("a", M23), S("t", "torch.tensor", [0, 2]), S("y", "F.cross_entropy", V("a"), V("t"), reduction="none"), *backprop("y"))
case("cross_entropy unbatched", leaf("a", ROW3), S("t", "torch.tensor", 1), S("y", "F.cross_entropy", V("a"), V("t")), S(None, "y.backward"))
case("cross_entropy target out of bounds", S("a", "torch.ones", 2, 3), S("t", "torch.tensor", [0, 5]), S("y", "F.cross_entropy", V("a"), V("t")))
case("cross_entropy batch mismatch", S("a", "torch.ones", 2, 3), S("t", "torch.tensor", [0, 1, 2]), S("y", "F.cross_entropy", V("a"), V("t")))

# ---- factories ------------------------------------------------------------------------------
case("tensor inference", S("a", "torch.tensor", [1, 2]), S("b", "torch.tensor", [1, 2.5]), S("c", "torch.tensor", [True, False]),
     S("d", "torch.tensor", [True, 2]), S("e", "torch.tensor", 3.0), S("f", "torch.tensor", 7), S("g", "torch.tensor", []),
     S("h", "torch.tensor", [[1.0], [2.0]], dtype=f64), S("i", "torch.tensor", [1.7, -1.7], dtype=i64),
     S("j", "torch.tensor", [0.0, 2.0], dtype=b8))
case("tensor ragged error", S("a", "torch.tensor", [[1, 2], [3]]))
case("tensor scalar in list error", S("a", "torch.tensor", [[1, 2], 3]))
case("tensor int requires grad error", S("a", "torch.tensor", [1, 2], requires_grad=True))
case("ones zeros", S("a", "torch.ones", 2, 3), S("b", "torch.zeros", [2, 3]), S("c", "torch.ones", (2,), dtype=i64),
     S("d", "torch.zeros", 2, dtype=b8), S("e", "torch.ones", []), S("f", "torch.zeros", 0, 3), S("g", "torch.ones", 3, requires_grad=True, dtype=f64))
case("ones negative", S("a", "torch.ones", 2, -1))
case("ones int requires grad", S("a", "torch.ones", 2, dtype=i64, requires_grad=True))
case("full", S("a", "torch.full", (2, 2), 7), S("b", "torch.full", [3], 0.5), S("c", "torch.full", (2,), True), S("d", "torch.full", (2,), 2, dtype=f32))
case("eye", S("a", "torch.eye", 3), S("b", "torch.eye", 2, 3), S("c", "torch.eye", 2, dtype=i64))
case("arange", S("a", "torch.arange", 5), S("b", "torch.arange", 1, 4), S("c", "torch.arange", 0, 1, 0.25), S("d", "torch.arange", 5.0),
     S("e", "torch.arange", 10, 0, -3), S("f", "torch.arange", 0, 1, 0.1), S("g", "torch.arange", 3, dtype=f64))
case("linspace", S("a", "torch.linspace", 0, 1, 5), S("b", "torch.linspace", -1, 1, 7), S("c", "torch.linspace", 0, 10, 1), S("d", "torch.linspace", 0.1, 0.7, 6))
case("like", leaf("a", M23), S("b", "torch.ones_like", V("a")), S("c", "torch.zeros_like", V("a"), dtype=i64), S("d", "torch.ones_like", V("a"), requires_grad=True))

# ---- autograd semantics ---------------------------------------------------------------------
case("engine order: diamond and shared leaf",
     leaf("x", [1.0, 2.0]), leaf("w", [0.5, -1.0]),
     S("a", "x.__mul__", V("w")), S("b", "a.exp"), S("c", "a.sin"), S("d", "b.__add__", V("c")),
     S("e", "d.__mul__", V("x")), S("s", "e.sum"), S("order", "__backward_order__", V("s")))
case("engine order: chain with two roots of use",
     leaf("x", [0.5, 1.5, 2.5]), S("y", "x.__pow__", 2), S("z", "y.__add__", V("x")), S("u", "z.tanh"),
     S("v", "u.__mul__", V("y")), S("m", "v.mean"), S("order", "__backward_order__", V("m")))
case("engine order: mlp",
     leaf("W1", [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]), leaf("b1", [0.1, -0.1, 0.2]),
     leaf("W2", [[0.5, -0.5, 0.25]]), leaf("b2", [0.05]),
     S("X", "torch.tensor", [[1.0, 2.0], [-1.0, 0.5]]), S("Y", "torch.tensor", [[1.0], [0.0]]),
     S("Wt", "W1.t"), S("h0", "X.__matmul__", V("Wt")), S("h1", "h0.__add__", V("b1")), S("h", "h1.relu"),
     S("W2t", "W2.t"), S("o0", "h.__matmul__", V("W2t")), S("o", "o0.__add__", V("b2")),
     S("loss", "F.mse_loss", V("o"), V("Y")), S("order", "__backward_order__", V("loss")))
case("grads accumulate across backward calls",
     leaf("x", [1.0, 2.0]), S("y", "x.__add__", 2), S("s", "y.sum"), S(None, "s.backward"), A("g1", "x.grad"),
     S(None, "s.backward"), A("g2", "x.grad"))
case("second backward error", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", V("x")), S("s", "y.sum"), S(None, "s.backward"), S(None, "s.backward"))
case("second backward with scalar mul error", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", 2), S("s", "y.sum"), S(None, "s.backward"), S(None, "s.backward"))
case("retain_graph allows second backward", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", V("x")), S("s", "y.sum"),
     S(None, "s.backward", retain_graph=True), S(None, "s.backward"), A("g", "x.grad"), S(None, "s.backward"))
case("backward non-scalar error", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", 2), S(None, "y.backward"))
case("backward with gradient", leaf("x", [1.0, 2.0, 3.0]), S("y", "x.__mul__", V("x")), S("g", "torch.tensor", [1.0, 0.1, 0.01]), S(None, "y.backward", V("g")))
case("backward gradient shape error", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", 2), S("g", "torch.ones", 3), S(None, "y.backward", V("g")))
case("backward gradient on scalar shape error", leaf("x", [1.0, 2.0]), S("y", "x.sum"), S("g", "torch.ones", 2, 2), S(None, "y.backward", V("g")))
case("backward no grad error", S("x", "torch.ones", 2), S("s", "x.sum"), S(None, "s.backward"))
case("backward float64 gradient for float32", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", 3), S("g", "torch.tensor", [1.0, 2.0], dtype=f64), S(None, "y.backward", V("g")))
case("backward on leaf", leaf("x", 2.0), S(None, "x.backward"))
case("autograd.grad", leaf("x", [1.0, 2.0]), leaf("w", [3.0, -1.0]), S("y", "x.__mul__", V("w")), S("s", "y.sum"),
     S("g", "torch.autograd.grad", V("s"), [V("x"), V("w")]), S("g0", "g.__getitem__", 0), S("g1", "g.__getitem__", 1))
case("autograd.grad of non-leaf", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", 3), S("z", "y.__pow__", 2), S("s", "z.sum"),
     S("g", "torch.autograd.grad", V("s"), V("y")), S("g0", "g.__getitem__", 0))
case("autograd.grad unused error", leaf("x", [1.0, 2.0]), leaf("w", [3.0, -1.0]), S("s", "x.sum"),
     S("g", "torch.autograd.grad", V("s"), [V("w")]))
case("autograd.grad allow_unused", leaf("x", [1.0, 2.0]), leaf("w", [3.0, -1.0]), S("s", "x.sum"),
     S("g", "torch.autograd.grad", V("s"), [V("x"), V("w")], allow_unused=True), S("g1", "g.__getitem__", 1))
case("autograd.grad no grad input error", leaf("x", [1.0, 2.0]), S("w", "torch.ones", 2), S("s", "x.sum"),
     S("g", "torch.autograd.grad", V("s"), [V("w")]))
case("version counter error", leaf("a", [1.0, 2.0]), S("b", "a.__mul__", 1), S("c", "b.__mul__", V("b")), S(None, "b.add_", 1),
     A("v", "b._version"), S("s", "c.sum"), S(None, "s.backward"))
case("version counter error on saved output", leaf("a", [1.0, 2.0]), S("c", "a.exp"), S(None, "c.add_", 1), S("s", "c.sum"), S(None, "s.backward"))
case("version counter error on leaf input", leaf("a", [1.0, 2.0]), S("b", "torch.ones", 2), S("c", "a.__mul__", V("b")),
     S(None, "b.mul_", 2), S("s", "c.sum"), S(None, "s.backward"))
case("in-place ok when not saved", leaf("a", [1.0, 2.0]), S("b", "a.__add__", 1), S(None, "b.mul_", 2), A("f", "b.grad_fn"), S("s", "b.sum"), S(None, "s.backward"))
case("in-place on leaf error", leaf("a", [1.0, 2.0]), S(None, "a.add_", 1))
case("in-place on view of leaf error", leaf("a", [1.0, 2.0]), S("v", "a.__getitem__", slice(0, 1)), S(None, "v.mul_", 2))
case("in-place under no_grad", leaf("a", [1.0, 2.0]), S("s", "a.sum"), S(None, "s.backward"), S("p", "torch.set_grad_enabled", False),
     A("g", "a.grad"), S("g2", "g.__mul__", 0.1), S(None, "a.sub_", V("g2")), S(None, "g.zero_"), S("p2", "torch.set_grad_enabled", True),
     A("v", "a._version"))
case("in-place dtype error", S("a", "torch.ones", 2, dtype=i64), S(None, "a.add_", 1.5))
case("in-place broadcast error", S("a", "torch.ones", 2), S("b", "torch.ones", 2, 2), S(None, "a.add_", V("b")))
case("in-place through view shares storage", S("a", "torch.zeros", 2, 3), S("v", "a.__getitem__", 1), S(None, "v.add_", 5), S("t", "a.t"),
     S(None, "t.mul_", 2), A("va", "a._version"), A("vv", "v._version"))
case("detach shares storage", leaf("a", [1.0, 2.0]), S("d", "a.detach"), S(None, "d.zero_"), A("v", "a._version"), A("leaf", "d.is_leaf"))
case("retain_grad", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", 3), S(None, "y.retain_grad"), S("z", "y.__mul__", V("y")), S("s", "z.sum"),
     S(None, "s.backward"), A("yg", "y.grad"), A("rg", "y.retains_grad"))
case("non-leaf grad is None", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", 3), S("s", "y.sum"), S(None, "s.backward"), A("yg", "y.grad"))
case("requires_grad_ and errors", S("a", "torch.ones", 2), S(None, "a.requires_grad_"), A("r", "a.requires_grad"),
     S("b", "a.__mul__", 2), S(None, "b.requires_grad_", False))
case("requires_grad_ int error", S("a", "torch.ones", 2, dtype=i64), S(None, "a.requires_grad_"))
case("set requires_grad on non-leaf error", leaf("a", [1.0]), S("b", "a.__mul__", 2), SET("b.requires_grad", False))
case("set requires_grad", S("a", "torch.ones", 2), SET("a.requires_grad", True), S("b", "a.__mul__", 2), A("f", "b.grad_fn"))
case("retain_grad without grad error", S("a", "torch.ones", 2), S(None, "a.retain_grad"))
case("no_grad nesting", leaf("x", [1.0]), S("p1", "torch.set_grad_enabled", False), S("a", "x.__mul__", 2), S("p2", "torch.set_grad_enabled", True),
     S("b", "x.__mul__", 2), S("p3", "torch.set_grad_enabled", False), S("e", "torch.is_grad_enabled"), S("p4", "torch.set_grad_enabled", True),
     S("e2", "torch.is_grad_enabled"))
case("item and tolist", S("a", "torch.tensor", [[1.5, 2.0]]), S("i", "a.sum"), S("v", "i.item"), S("l", "a.tolist"),
     S("n", "torch.tensor", [3, 4]), S("nl", "n.tolist"), S("m", "torch.tensor", True), S("mv", "m.item"), S("e", "a.item"))
case("grad_fn next_functions", leaf("x", [1.0]), S("y", "x.__add__", 2), A("f", "y.grad_fn"), S("w", "torch.ones", 1), S("z", "y.__mul__", V("w")),
     A("g", "z.grad_fn"), S("u", "z.__rpow__", 2.0), A("h", "u.grad_fn"), S("q", "u.__rsub__", 1), A("k", "q.grad_fn"))
case("detach under graph", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", 2), S("d", "y.detach"), S("z", "d.__mul__", V("x")), A("f", "z.grad_fn"),
     S("s", "z.sum"), S(None, "s.backward"))

# ---- printing -------------------------------------------------------------------------------
PRINT = [
    ([1.0, 2.0, 3.0], {}), ([1.5, 2.25, -3.125], {}), ([0.1, 0.2], {}), ([1e-5, 1.0], {}), ([1e-4, 1.0], {}),
    ([123456789.0, 1.0], {}), ([1e8, 1.0], {}), ([1000.0, 1.0], {}), ([1001.0, 1.0], {}), ([1000.5, 1.0], {}),
    ([0.0, -0.0], {}), ([-0.0, 1.5], {}), ([float("nan"), 1.0], {}), ([float("inf"), -1.0], {}), ([float("nan"), float("inf"), 2.5], {}),
    ([float("nan")], {}), ([0.03125, 0.09375, 1.03125], {}), ([2.5, 3.5, 0.5], {}), ([1e-10, 1e10], {}), ([-1e-10], {}),
    ([123.456, -0.001], {}), ([1.0, 2.0], {"dtype": f64}), ([0.1, 1e-8], {"dtype": f64}), ([1, -20, 300], {}), ([True, False], {}),
    ([[1.0, 2.0], [3.0, 4.0]], {}), ([[[1.0, -2.0], [3.0, 4.5]], [[5.0, 6.0], [7.0, 8.0]]], {}), (3.14159, {}), (2, {}), (True, {}),
    (-0.0, {}), (1e-7, {}), (100000.0, {}), ([], {}), ([[]], {}), ([], {"dtype": i64}), ([], {"dtype": f64}), ([123456789012, 1], {}),
    ([0.30000001192092896, 12.75], {}), ([1e20, 1.0], {}), ([99999999.0, 1.0], {}),
]
for i, (data, kw) in enumerate(PRINT):
    case(f"print {i}: {data!r} {kw}", S("a", "torch.tensor", data, **kw))
case("print long vector wraps at 80", S("a", "torch.arange", 40.0), S("b", "a.__mul__", 1.5), S("c", "torch.arange", 30), S("d", "b.__truediv__", 7))
case("print summarised", S("a", "torch.arange", 1001.0), S("b", "torch.arange", 2000), S("c", "b.reshape", 40, 50), S("d", "torch.arange", 3000.0),
     S("e", "d.reshape", 10, 10, 30), S("f", "e.__truediv__", 3), S("g", "torch.arange", 1000.0), S("h", "torch.arange", 1200.0), S("i", "h.reshape", 2, 600))
case("print empty shapes", S("a", "torch.zeros", 0, 3), S("b", "torch.ones", 2, 0, dtype=i64), S("c", "torch.zeros", 0, requires_grad=True),
     S("d", "torch.zeros", 0, 2, dtype=b8))
case("print suffix wrapping", leaf("a", [1.23456, 2.5, 3.75, 4.125, 5.5, 6.25, 7.0, 8.5]), S("b", "a.__mul__", 2),
     leaf("c", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0]), S("d", "c.__mul__", 1.5),
     leaf("e", [0.5] * 10, dtype=f64), S("f", "e.exp"), leaf("g", [[1.0, 2.0], [3.0, 4.0]], dtype=f64), S("h", "g.__add__", 1))
case("print grad_fn names", leaf("a", [1.0, 2.0]), S("b", "a.__add__", 1), A("f", "b.grad_fn"), S("fr", "repr", V("f")))
case("print size and dtype", S("a", "torch.ones", 2, 3), A("s", "a.shape"), S("s2", "a.size"), A("d", "a.dtype"),
     S("b", "torch.tensor", 1.0, dtype=f64), A("d2", "b.dtype"), S("s3", "b.size"))

# ---- more of the API -------------------------------------------------------------------------
case("expand", leaf("a", [[1.0], [2.0]]), S("y", "a.expand", 2, 3), S("y2", "a.expand", 3, -1, 4), S("z", "y.__mul__", V("y")), *backprop("z"))
case("expand error", S("a", "torch.ones", 2, 3), S("y", "a.expand", 4, 3))
case("permute", leaf("a", M234), S("y", "a.permute", 2, 0, 1), S("z", "y.__mul__", V("y")), *backprop("z"))
case("permute list", leaf("a", M234), S("y", "a.permute", [1, 2, 0]), A("f", "y.grad_fn"), *backprop("y"))
case("clone and contiguous", leaf("a", A23), S("c", "a.clone"), S("u", "a.t"), S("v", "u.contiguous"), S("ic", "u.is_contiguous"),
     S("ic2", "v.is_contiguous"), S("w", "a.contiguous"), S("z", "v.__mul__", V("v")), *backprop("z"))
case("casts", leaf("a", [1.5, -2.7, 0.0]), S("b", "a.double"), S("c", "a.long"), S("d", "a.bool"), S("e", "c.float"),
     S("f", "a.to", f64), S("g", "b.__mul__", V("b")), *backprop("g"))
case("flatten", leaf("a", M234), S("y", "a.flatten"), *backprop("y"))
case("fill_ and div_", S("a", "torch.zeros", 2, 3), S(None, "a.fill_", 2.5), S(None, "a.div_", 2), A("v", "a._version"))
case("sub_ alpha", S("a", "torch.ones", 3), S("b", "torch.tensor", [1.0, 2.0, 3.0]), S(None, "a.sub_", V("b"), alpha=2))
case("in-place on non-leaf tensor operand", leaf("x", [1.0, 2.0]), leaf("w", [3.0, 4.0]), S("y", "x.__mul__", 1),
     S(None, "y.add_", V("w"), alpha=2), A("f", "y.grad_fn"), S("s", "y.sum"), S(None, "s.backward"))
case("in-place mul_ by tensor needing grad", leaf("x", [1.0, 2.0]), leaf("w", [3.0, 4.0]), S("y", "x.__add__", 1),
     S(None, "y.mul_", V("w")), S("s", "y.sum"), S(None, "s.backward"))
case("retain_grad then in-place", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", 2), S(None, "y.retain_grad"), S(None, "y.add_", 1),
     S("s", "y.sum"), S(None, "s.backward"), A("yg", "y.grad"))
case("backward inputs=", leaf("x", [1.0, 2.0]), leaf("w", [3.0, 4.0]), S("y", "x.__mul__", V("w")), S("s", "y.sum"),
     S(None, "s.backward", inputs=[V("w")]))
case("torch.autograd.backward", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", V("x")), S("g", "torch.ones", 2),
     S(None, "torch.autograd.backward", V("y"), V("g")))
case("autograd.grad with grad_outputs and retain_graph", leaf("x", [1.0, 2.0]), S("y", "x.__pow__", 3), S("g", "torch.tensor", [1.0, 0.5]),
     S("r", "torch.autograd.grad", V("y"), V("x"), grad_outputs=V("g"), retain_graph=True), S("r0", "r.__getitem__", 0),
     S("r2", "torch.autograd.grad", V("y"), V("x"), V("g")), S("r3", "torch.autograd.grad", V("y"), V("x"), V("g")))
case("autograd.grad leaves .grad alone", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", 2), S("s", "y.sum"),
     S("r", "torch.autograd.grad", V("s"), [V("x")]), A("g", "x.grad"))
case("grad set to None then backward", leaf("x", [1.0, 2.0]), S("s", "x.sum"), S(None, "s.backward", retain_graph=True), SET("x.grad", None),
     S(None, "s.backward"), A("g", "x.grad"))
case("factories with requires_grad", S("a", "torch.full", (2,), 1.5, requires_grad=True), S("b", "torch.eye", 2, requires_grad=True),
     S("c", "torch.arange", 0.0, 2.0, 0.5, requires_grad=True), S("d", "torch.linspace", 0, 1, 3, requires_grad=True),
     S("e", "torch.zeros_like", V("a"), requires_grad=True), S("f", "torch.arange", 3, requires_grad=True))
case("int and bool item", S("a", "torch.tensor", [7]), S("v", "a.item"), S("b", "torch.tensor", [[False]]), S("w", "b.item"),
     S("c", "torch.tensor", 2.5, dtype=f64), S("x", "c.item"), S("l", "c.tolist"))
case("print 3d summarised", S("a", "torch.arange", 2 * 8 * 70), S("b", "a.reshape", 2, 8, 70), S("c", "torch.arange", 1100.0),
     S("d", "c.__truediv__", 1e5), S("e", "torch.arange", 1100.0), S("f", "e.__mul__", 1e6))
case("print int64 and bool matrices", S("a", "torch.tensor", [[1, -22], [333, 4]]), S("b", "torch.tensor", [[True, False], [False, True]]),
     S("c", "torch.tensor", [[-1.5, 22.25], [333.0, 4e-3]], dtype=f64))
case("T on 1-d and 0-d", leaf("a", [1.0, 2.0]), A("y", "a.T"), leaf("b", 3.0), A("z", "b.T"), S("t", "b.t"))
case("0-dim ops", leaf("a", 2.0), leaf("b", 3.0), S("y", "a.__mul__", V("b")), S("z", "y.exp"), S("w", "z.__add__", V("a")), S(None, "w.backward"))
case("scalar-tensor broadcast to empty", S("a", "torch.zeros", 0, 3), S("b", "a.__add__", 1), S("c", "a.sum"), S("d", "a.sum", 0), S("e", "a.mean"))
case("sum of empty dim", S("a", "torch.zeros", 2, 0), S("b", "a.sum", 1), S("c", "a.max", 1))
case("detach then requires_grad_", leaf("x", [1.0, 2.0]), S("y", "x.__mul__", 2), S("d", "y.detach"), S(None, "d.requires_grad_"),
     S("z", "d.__mul__", V("d")), S("s", "z.sum"), S(None, "s.backward"), A("dg", "d.grad"))

# ---- batched matmul -------------------------------------------------------------------------
B234 = M234
B245 = [[[0.5 * i - j for i in range(5)] for j in range(4)], [[0.25 * j + i for i in range(5)] for j in range(4)]]
B145 = B245[:1]
W45 = B245[0]
case("matmul 3d 2d", leaf("a", B234), leaf("b", W45), S("y", "a.__matmul__", V("b")), A("f", "y.grad_fn"), *backprop("y"))
case("matmul 3d 1d", leaf("a", B234), leaf("v", [1.0, -1.0, 0.5, 2.0]), S("y", "a.__matmul__", V("v")), *backprop("y"))
case("matmul 2d 3d", leaf("a", [[1.0, 2.0, 0.5, -1.0], [0.0, 1.0, 1.0, 3.0], [2.0, -2.0, 1.0, 0.5]]), leaf("b", B245),
     S("y", "a.__matmul__", V("b")), A("f", "y.grad_fn"), S("c", "y.is_contiguous"), *backprop("y"))
case("matmul 1d 3d", leaf("v", [1.0, -1.0, 0.5, 2.0]), leaf("b", B245), S("y", "v.__matmul__", V("b")), *backprop("y"))
case("matmul 3d 3d", leaf("a", B234), leaf("b", B245), S("y", "torch.matmul", V("a"), V("b")), A("f", "y.grad_fn"), *backprop("y"))
case("matmul 3d 3d broadcast", leaf("a", B234), leaf("b", B145), S("y", "a.__matmul__", V("b")), *backprop("y"))
case("matmul 4d 3d broadcast", S("a0", "torch.arange", 24.0), S("a1", "a0.reshape", 1, 2, 3, 4), S(None, "a1.requires_grad_"),
     leaf("b", B245), S("y", "a1.__matmul__", V("b")), *backprop("y"))
case("bmm", leaf("a", B234), leaf("b", B245), S("y", "torch.bmm", V("a"), V("b")), *backprop("y"))
case("bmm error", S("a", "torch.ones", 2, 3, 4), S("b", "torch.ones", 2, 5, 4), S("y", "a.bmm", V("b")))
case("matmul 3d 2d error", S("a", "torch.ones", 2, 3, 4), S("b", "torch.ones", 5, 6), S("y", "a.__matmul__", V("b")))
case("matmul 3d 3d batch error", S("a", "torch.ones", 2, 3, 4), S("b", "torch.ones", 3, 4, 5), S("y", "a.__matmul__", V("b")))
case("matmul 3d 1d error", S("a", "torch.ones", 2, 3, 4), S("v", "torch.ones", 5), S("y", "a.__matmul__", V("v")))
case("matmul 3d 3d inner error", S("a", "torch.ones", 2, 3, 4), S("b", "torch.ones", 2, 5, 6), S("y", "a.__matmul__", V("b")))

# ---- comparisons and argmax -----------------------------------------------------------------
for op in ["__gt__", "__ge__", "__lt__", "__le__", "__eq__", "__ne__"]:
    case(f"compare {op}", leaf("x", [1.0, 2.0, 3.0, float("nan")]), S("y", f"x.{op}", 2), S("z", f"x.{op}", 2.5),
         S("i", "torch.tensor", [0, 2, 5, 1]), S("w", f"x.{op}", V("i")), S("u", f"i.{op}", 1.5), S("f", "y.float"))
case("compare broadcast error", S("a", "torch.ones", 2), S("b", "torch.ones", 3), S("y", "a.__gt__", V("b")))
case("compare bool with int", S("m", "torch.tensor", [True, False]), S("y", "m.__gt__", 0), S("z", "m.__eq__", True))
case("argmax", S("x", "torch.tensor", [[1.0, 5.0, 5.0], [7.0, 2.0, float("nan")]]), S("a", "x.argmax"), S("b", "x.argmax", 1),
     S("c", "x.argmax", dim=0, keepdim=True), S("d", "x.argmax", -1))
case("argmax errors", S("x", "torch.ones", 0), S("a", "x.argmax"), S("y", "torch.ones", 2, 0), S("b", "y.argmax", 1), S("c", "y.max", 1),
     S("z", "torch.tensor", 3.0), S("d", "z.argmax"), S("e", "z.argmax", 0))

# ---- integers have no negative zero ---------------------------------------------------------
case("int64 from -0.0", S("a", "torch.tensor", -0.0, dtype=i64), S("b", "torch.tensor", [-0.0, -0.5], dtype=i64), S("c", "a.__neg__"),
     S("d", "torch.tensor", [0, 3]), S("e", "d.__neg__"), S("f", "d.__mul__", -1), S("g", "e.tolist"), S("h", "torch.full", (2,), -0.0, dtype=i64),
     S("k", "torch.tensor", [-0.0, 1.0]), S("l", "k.long"), S("m", "l.tolist"))

# ---- checked conversion of a fill value (c10::checked_convert) ------------------------------
NAN, INF = float("nan"), float("inf")
case("fill values that overflow their dtype",
     S("a", "torch.full", (2,), NAN, dtype=i64), S("b", "torch.full", (2,), INF, dtype=i64),
     S("c", "torch.full", (2,), -1e30, dtype=i64), S("d", "torch.full", (2,), 2.7, dtype=i64),
     S("e", "torch.full", (2,), 1e300), S("f", "torch.full", (2,), INF), S("g", "torch.full", (2,), 1e300, dtype=f64),
     S("h", "torch.full", (2,), 2.0, dtype=b8), S("i", "torch.tensor", [NAN], dtype=i64),
     S("j", "torch.tensor", [1e30], dtype=i64), S("k", "torch.tensor", [1e300]), S("z", "torch.zeros", 2, dtype=i64),
     S(None, "z.fill_", NAN), S(None, "z.fill_", 1e19), S("y", "torch.ones", 2), S(None, "y.fill_", 1e300),
     S(None, "y.fill_", NAN), S("x", "y.__mul__", 1e39))

# ---- rounding divisions: // % fmod (floor_divide has no derivative: NotImplemented) --------
DIVIDENDS = [5.0, -5.0, 7.5, -7.5, 0.0, -0.0, 1e-30, 3.0]
DIVISORS = [2.0, 2.0, -2.0, -2.0, 3.0, 3.0, 0.0, -0.0]
case("floor_divide and remainder float", leaf("a", DIVIDENDS), S("b", "torch.tensor", DIVISORS),
     S("q", "a.__floordiv__", V("b")), A("qf", "q.grad_fn"), S("r", "a.__mod__", V("b")), A("rf", "r.grad_fn"),
     S("f", "a.fmod", V("b")), S("q2", "a.__floordiv__", 2), S("r2", "a.__mod__", -2.5), S("f2", "a.fmod", -2.5),
     S("rq", "a.__rfloordiv__", 7), S("rr", "a.__rmod__", 7), S("tq", "torch.floor_divide", 5, V("a")),
     S("tr", "torch.remainder", V("a"), 2), *backprop("r"))
case("remainder and fmod gradients", leaf("a", [5.0, -5.0, 7.5, -7.5]), leaf("b", [2.0, 2.0, -2.0, 3.0]),
     S("r", "torch.remainder", V("a"), V("b")), S("f", "torch.fmod", V("a"), V("b")), S("s", "r.__add__", V("f")),
     S("t", "s.sum"), S(None, "t.backward"))
case("remainder float64 and broadcast", leaf("a", [[1.25, -3.5], [9.0, -0.75]], dtype=f64), leaf("b", [0.5, -2.0], dtype=f64),
     S("r", "a.__mod__", V("b")), S("q", "a.__floordiv__", V("b")), *backprop("r"))
case("floor_divide backward error", leaf("a", [3.0, 4.0]), S("q", "a.__floordiv__", 2), S("s", "q.sum"), S(None, "s.backward"))
case("rmod backward error", leaf("a", [3.0, 4.0]), S("q", "a.__rmod__", 10), A("qf", "q.grad_fn"), S("s", "q.sum"), S(None, "s.backward"))
case("floor_divide and remainder int64", S("a", "torch.tensor", [5, -5, 7, -7, 0]), S("q", "a.__floordiv__", 2),
     S("r", "a.__mod__", -3), S("f", "a.fmod", -3), S("q2", "a.__floordiv__", 2.5), S("r2", "a.__mod__", 2.5),
     S("rq", "a.__rfloordiv__", -7), S("rr", "a.__rmod__", 4), S("z", "a.__floordiv__", 0))
case("remainder int64 by zero", S("a", "torch.tensor", [5, 6]), S("r", "a.__mod__", V("a")), S("z", "torch.tensor", [1, 0]),
     S("e", "a.__mod__", V("z")))
case("remainder of bools", S("m", "torch.tensor", [True, False]), S("a", "m.__mod__", 2), S("b", "m.__floordiv__", 2.0),
     S("c", "m.__mod__", True))
case("floor_divide_ and remainder_ in place", leaf("w", [5.0, 7.0, -3.0]), S("y", "w.__mul__", 1), S(None, "y.remainder_", 2),
     A("yf", "y.grad_fn"), A("v1", "y._version"), S("z", "w.__mul__", 3), S(None, "z.floor_divide_", 2), A("zf", "z.grad_fn"),
     S("n", "torch.tensor", [5, 7]), S(None, "n.floor_divide_", 2), S(None, "n.remainder_", 2), S(None, "n.floor_divide_", 2.5),
     *backprop("y"))

# ---- rounding: round (half to even, decimals), floor, ceil, trunc -----------------------------
HALVES = [-0.5, 0.5, 1.5, 2.5, -2.5, 0.49999997, 1.7, -1.7, -0.2, float("inf"), float("nan")]
case("round floor ceil trunc", leaf("x", HALVES), S("r", "x.round"), A("rf", "r.grad_fn"), S("f", "x.floor"), S("c", "x.ceil"),
     S("t", "x.trunc"), S("tr", "torch.round", V("x")), S("tf", "torch.floor", V("x")), *backprop("r"))
case("round decimals", leaf("x", [1.005, 2.675, -1.25, 123.456, 0.125]), S("a", "x.round", decimals=2), A("af", "a.grad_fn"),
     S("b", "x.round", decimals=-1), S("c", "x.round", decimals=0), S("d", "torch.tensor", [0.123456789, 2.5], dtype=f64),
     S("e", "d.round", decimals=4), *backprop("a"))
case("rounding integers and bools", S("i", "torch.tensor", [3, -4]), S("a", "i.round"), S("b", "i.floor"), S("c", "i.trunc"),
     S("d", "i.round", decimals=1), S("m", "torch.tensor", [True]), S("e", "m.floor"))

# ---- x[index] = value: CopySlices -----------------------------------------------------------
case("setitem without grad", S("x", "torch.zeros", 2, 3), S(None, "x.__setitem__", 0, 1.0), S(None, "x.__setitem__", (1, 2), 5),
     S("c", "torch.tensor", [7.0, 8.0]),
     S(None, "x.__setitem__", (slice(None), 0), V("c")), S("r", "torch.tensor", [1, 2, 3]), S(None, "x.__setitem__", slice(1, 2), V("r")),
     A("v", "x._version"), S("n", "torch.zeros", 3, dtype=i64), S(None, "n.__setitem__", 0, 2.7), S(None, "n.__setitem__", slice(1, None), -3.9))
case("setitem CopySlices", leaf("x", [1.0, 2.0, 3.0]), S("y", "x.__mul__", 2), S(None, "y.__setitem__", 0, 5), A("yf", "y.grad_fn"),
     A("v", "y._version"), leaf("w", [1.0, 2.0]), S("w3", "w.__mul__", 3), S(None, "y.__setitem__", slice(1, None), V("w3")),
     A("yf2", "y.grad_fn"), *backprop("y"))
case("setitem broadcast value", leaf("s", 2.0), S("m", "torch.zeros", 2, 3), S(None, "m.__setitem__", (slice(None), 1), V("s")),
     A("mf", "m.grad_fn"), leaf("u", [2.0]), S("u10", "u.__mul__", 10), S("k", "torch.ones", 2, 3), S(None, "k.__setitem__", 0, V("u10")),
     A("kf", "k.grad_fn"), S("t", "m.__add__", V("k")), *backprop("t"))
case("setitem into float64 from float32", S("d", "torch.zeros", 2, 2, dtype=f64), leaf("v", [1.0, 2.0]), S(None, "d.__setitem__", 0, V("v")),
     *backprop("d"))
case("setitem errors", leaf("w", [0.0, 0.0]), S(None, "w.__setitem__", 0, 1.0), S("x", "torch.zeros", 2, 3),
     S("a", "torch.tensor", [1.0, 2.0]), S(None, "x.__setitem__", 0, V("a")), S("b", "torch.zeros", 2, 2, 2),
     S("y", "torch.zeros", 2, 2), S(None, "y.__setitem__", 0, V("b")), S(None, "x.__setitem__", 2, 1.0))
case("setitem then saved tensor", leaf("x", [1.0, 1.0, 1.0]), S("y", "x.__mul__", 2), S("z", "y.__pow__", 2),
     S(None, "y.__setitem__", 0, 0.0), *backprop("z"))
case("NotImplemented edges only for inputs requiring grad", leaf("a", [5.0, 7.0]), S("b", "torch.tensor", [2.0, 3.0]),
     leaf("bb", [2.0, 3.0]), S("q1", "a.__floordiv__", V("b")), S("d", "a.detach"), S("q2", "d.__floordiv__", V("bb")),
     S("q3", "a.__floordiv__", V("bb")), S("y", "a.__mul__", 1), S(None, "y.floor_divide_", V("b")), A("yf", "y.grad_fn"),
     S("z", "b.__mul__", 1), S(None, "z.floor_divide_", V("bb")), A("zf", "z.grad_fn"), S("u", "a.__mul__", 1),
     S(None, "u.floor_divide_", V("bb")), A("uf", "u.grad_fn"))

# ---- torch.cat and torch.stack --------------------------------------------------------------
case("cat and stack", leaf("a", [1.0, 2.0]), leaf("b", [3.0, 4.0]), S("a2", "a.__mul__", 2), S("b3", "b.__mul__", 3),
     S("s", "torch.stack", [V("a2"), V("b3")], dim=1), A("sf", "s.grad_fn"), S("w", "torch.tensor", [[1.0, 2.0], [3.0, 4.0]]),
     S("sw", "s.__mul__", V("w")), S("o", "torch.ones", 2), S("c", "torch.cat", [V("a"), V("b"), V("o")]), A("cf", "c.grad_fn"),
     S("t", "sw.sum"), S("u", "c.sum"), S("v", "t.__add__", V("u")), S(None, "v.backward"))
case("cat dims and dtypes", S("i", "torch.tensor", [[1, 2]]), S("f", "torch.tensor", [[0.5, 1.5]]), S("c0", "torch.cat", [V("i"), V("f")]),
     S("c1", "torch.cat", [V("i"), V("f")], 1), S("e", "torch.zeros", 0), S("c2", "torch.cat", [V("e"), V("f")]),
     S("m", "torch.tensor", [True]), S("j", "torch.tensor", [3]), S("c3", "torch.cat", [V("j"), V("m")]),
     S("s0", "torch.stack", [V("i"), V("f")], -1), S("z", "torch.tensor", 2.0), S("s1", "torch.stack", [V("z"), V("z")]))
case("cat and stack errors", S("a", "torch.ones", 2), S("b", "torch.ones", 3), S("s", "torch.stack", [V("a"), V("b")]),
     S("c", "torch.ones", 1, 2), S("d", "torch.ones", 2, 3), S("e", "torch.cat", [V("c"), V("d")]), S("f", "torch.cat", []),
     S("g", "torch.stack", []), S("z", "torch.tensor", 1.0), S("h", "torch.cat", [V("z")]), S("k", "torch.stack", [V("a")], 2),
     S("l", "torch.cat", [V("a")], 1), S("m", "torch.cat", [V("c"), V("a")]))

# ---- min (mirror of max) --------------------------------------------------------------------
MIN23 = [[3.0, 1.0, 1.0], [float("nan"), 2.0, 0.0]]
case("min all and ties", leaf("x", [3.0, 1.0, 1.0, 2.0]), S("m", "x.min"), A("mf", "m.grad_fn"), S(None, "m.backward"))
case("min dim", leaf("x", MIN23), S("r", "x.min", 1), S("k", "x.min", 0, True), S("n", "x.min"),
     S("i", "torch.tensor", [[4, 2], [2, 4]]), S("j", "i.min", -1), S("b", "torch.tensor", [True, False]), S("c", "b.min"))
case("min dim backward", leaf("x", [[0.5, -1.0], [2.0, -3.0]]), S("r", "x.min", 0), S("v", "r.__getitem__", 0), *backprop("v"))
case("min errors", S("e", "torch.ones", 0), S("a", "e.min"), S("f", "torch.ones", 2, 0), S("b", "f.min", 1),
     S("x", "torch.ones", 2), S("c", "x.min", 5))

/**
 * When does a trace recorded from real PyTorch (by python/grad_graph) agree with the trace
 * grad-graph's own engine makes of the same script? `disagreements(ours, pytorch)` lists every
 * difference; an empty list means they agree. What must match, exactly:
 *
 * - **ops**, one PyTorch call at a time, in program order: the name, the tensors in and out (the
 *   same tensors, matched as they first appear), the grad_fn name of the result, the span
 *   (line and column of the expression), in-place or not, grad mode, and the scalar operand a
 *   label folds in (`other`, `exponent`, `self`). Where grad-graph records the dispatcher ops a
 *   call runs and PyTorch's `__torch_function__` sees the one call, {@link CALLS} maps them: the
 *   grad_fns PyTorch made for the inner ops are still compared node by node (below), so nothing
 *   is skipped, only grouped. Other arguments are not compared: grad-graph writes every default
 *   it applied, PyTorch's Python relays write theirs (`Tensor.norm` passes `p='fro'` where
 *   grad-graph resolved `p=2`).
 * - **tensors** matched through the ops: shape, dtype, requires_grad, is_leaf, grad mode, origin,
 *   detached, retains_grad, the names the program bound to them, and every version's values.
 * - **grad_fns**: every node reachable from a matched one, with its name and next edges
 *   (`next_functions`, input numbers included) and, for AccumulateGrad, its leaf.
 * - **backward passes**: roots, seeds, retain_graph, inputs, span, error; every engine step in
 *   the order the engine ran it (node and the gradients received and sent); every write into a
 *   `.grad` (leaf, incoming, before, after, retained).
 * - **prints** (text and span), the whole output, the error (type, message, span), and the order
 *   in which ops, prints and backward passes happened.
 *
 * Values are compared exactly (float32 bits; NaN, ±Infinity, -0 by their encodings); a tensor past
 * the value limit keeps PyTorch's printed summary on each side, so only its shape and dtype are.
 * Printed addresses (`<AddBackward0 object at 0x…>`) are each process's own, so not compared.
 * Not compared: ids and seq numbers themselves (each side numbers its own), the traceback text
 * (Python's has PyTorch's own frames), `source` (Python cannot run Jupyter's `In [n]:` lines).
 */
import type {
  EncodedArg,
  GradFnRecord,
  OpRecord,
  TensorData,
  TensorRecord,
  Trace,
} from '../../src/trace/schema.js';
import type {Span} from '../../src/trace/span.js';

/**
 * PyTorch calls grad-graph records as the ops PyTorch runs inside them (what its dispatcher
 * sees), by the name `__torch_function__` reports:
 * - `x[0, 1:]` is one `__getitem__`; grad-graph records its `select`, then `slice` on the result;
 * - `2 / x` is one `__rtruediv__` (written `rdiv`); PyTorch computes `reciprocal(x) * 2`, and so
 *   does grad-graph, recording both;
 * - `a @ b` is `matmul`, which PyTorch sends to `dot`, `mv` or `mm` by the shapes, the name
 *   grad-graph records (the grad_fn, `MmBackward0`, is the same on both sides);
 * - `x.T` is an attribute read; PyTorch runs `permute` (reversed dims) and grad-graph records it;
 * - `x.float()` (`double`, `long`, `int`, `bool`) is PyTorch's `to(dtype)`, the name grad-graph uses;
 * - `F.cross_entropy` runs `log_softmax` then `nll_loss` (its grad_fn is NllLossBackward0, whose
 *   next edge is LogSoftmaxBackward0), and grad-graph records the two;
 * - `flatten` runs `reshape` (grad-graph's name; PyTorch's grad_fn is ViewBackward0 or
 *   UnsafeViewBackward0 either way).
 */
export const CALLS: Readonly<
  Record<string, {readonly ours: readonly string[]; readonly chain: boolean}>
> = {
  __getitem__: {ours: ['select', 'slice'], chain: true},
  rdiv: {ours: ['reciprocal', 'mul'], chain: true},
  matmul: {ours: ['matmul', 'mm', 'mv', 'dot'], chain: false},
  T: {ours: ['permute', 't'], chain: false},
  float: {ours: ['to'], chain: false},
  double: {ours: ['to'], chain: false},
  long: {ours: ['to'], chain: false},
  int: {ours: ['to'], chain: false},
  bool: {ours: ['to'], chain: false},
  cross_entropy: {ours: ['log_softmax', 'nll_loss'], chain: true},
  flatten: {ours: ['reshape', 'view'], chain: false},
};

/** The scalar operands labels fold in, compared when PyTorch's side names them. */
const LABEL_ARGS = ['other', 'exponent', 'self'] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Printed objects' addresses (`<AddBackward0 object at 0x7f…>`) are each process's own. */
function withoutAddresses(text: string): string {
  return text.replace(/ object at 0x[0-9a-f]+>/g, ' object at 0x…>');
}

function spanText(s: Span | null): string {
  return s === null ? 'none' : `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
}

/** Compares two traces; see the file's comment for what must match. */
export function disagreements(ours: Trace, pytorch: Trace): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => {
    if (problems.length < 40) problems.push(`${where}: ${what}`);
  };
  const tensorsA = new Map(ours.tensors.map((t) => [t.id, t]));
  const tensorsB = new Map(pytorch.tensors.map((t) => [t.id, t]));
  const fnsA = new Map(ours.gradFns.map((g) => [g.id, g]));
  const fnsB = new Map(pytorch.gradFns.map((g) => [g.id, g]));
  const tensorBtoA = new Map<number, number>();
  const tensorAtoB = new Map<number, number>();
  const fnBtoA = new Map<number, number>();
  const fnAtoB = new Map<number, number>();

  const data = (where: string, a: TensorData | null, b: TensorData | null) => {
    if (a === null || b === null) {
      if (a !== b)
        fail(
          where,
          `${a === null ? 'none' : 'a value'} here, ${b === null ? 'none' : 'a value'} in PyTorch`,
        );
      return;
    }
    if (!same(a.shape, b.shape) || a.dtype !== b.dtype) {
      fail(
        where,
        `${a.dtype}${JSON.stringify(a.shape)} here, ${b.dtype}${JSON.stringify(b.shape)} in PyTorch`,
      );
      return;
    }
    if ((a.values === null) !== (b.values === null)) {
      fail(where, 'one side kept the values, the other a summary');
      return;
    }
    if (a.values && b.values) {
      const i = a.values.findIndex((v, k) => v !== b.values?.[k]);
      if (i >= 0)
        fail(
          where,
          `element ${i} is ${String(a.values[i])} here, ${String(b.values[i])} in PyTorch`,
        );
    }
  };

  const tensor = (where: string, a: number, b: number) => {
    const knownA = tensorBtoA.get(b);
    if (knownA !== undefined) {
      if (knownA !== a) fail(where, `PyTorch's tensor ${b} is tensor ${knownA} here, not ${a}`);
      return;
    }
    if (tensorAtoB.has(a)) {
      fail(where, `tensor ${a} is already PyTorch's ${String(tensorAtoB.get(a))}, not ${b}`);
      return;
    }
    tensorBtoA.set(b, a);
    tensorAtoB.set(a, b);
    const ta = tensorsA.get(a);
    const tb = tensorsB.get(b);
    if (!ta || !tb) return; // a .grad id the program never used: nothing more to compare
    compareTensor(`${where} (tensor ${a} / PyTorch ${b})`, ta, tb);
  };

  const compareTensor = (where: string, a: TensorRecord, b: TensorRecord) => {
    for (const key of [
      'shape',
      'dtype',
      'requiresGrad',
      'isLeaf',
      'gradMode',
      'origin',
      'detached',
      'retainsGrad',
      'names',
    ] as const) {
      if (!same(a[key], b[key]))
        fail(
          where,
          `${key} is ${JSON.stringify(a[key])} here, ${JSON.stringify(b[key])} in PyTorch`,
        );
    }
    if (a.versions.length !== b.versions.length) {
      fail(where, `${a.versions.length} versions here, ${b.versions.length} in PyTorch`);
    }
    a.versions.forEach((v, i) => {
      const w = b.versions[i];
      if (w) data(`${where} version ${i}`, v.data, w.data);
    });
    if ((a.gradFnId === null) !== (b.gradFnId === null)) fail(where, 'grad_fn on one side only');
    else if (a.gradFnId !== null && b.gradFnId !== null) gradFn(where, a.gradFnId, b.gradFnId);
  };

  // grad_fns: matched pairs spread along next edges (iteratively: graphs are deep).
  const pending: [number, number, string][] = [];
  const gradFn = (where: string, a: number, b: number) => {
    const knownA = fnBtoA.get(b);
    if (knownA !== undefined) {
      if (knownA !== a) fail(where, `PyTorch's grad_fn ${b} is node ${knownA} here, not ${a}`);
      return;
    }
    if (fnAtoB.has(a)) {
      fail(where, `node ${a} is already PyTorch's ${String(fnAtoB.get(a))}, not ${b}`);
      return;
    }
    fnBtoA.set(b, a);
    fnAtoB.set(a, b);
    pending.push([a, b, where]);
  };
  const drain = () => {
    for (let next = pending.pop(); next; next = pending.pop()) {
      const [a, b, where] = next;
      const ga = fnsA.get(a) as GradFnRecord;
      const gb = fnsB.get(b) as GradFnRecord;
      const here = `${where} → ${ga.name}`;
      if (ga.name !== gb.name) fail(here, `is ${gb.name} in PyTorch`);
      if (ga.next.length !== gb.next.length) {
        fail(here, `${ga.next.length} next edges here, ${gb.next.length} in PyTorch`);
        continue;
      }
      ga.next.forEach((ea, i) => {
        const eb = gb.next[i] ?? null;
        if (ea === null || eb === null) {
          if (ea !== eb)
            fail(here, `next edge ${i} is ${ea === null ? 'None' : 'a node'} here, not in PyTorch`);
          return;
        }
        if (ea.inputNr !== eb.inputNr)
          fail(here, `next edge ${i} has input_nr ${ea.inputNr}, ${eb.inputNr} in PyTorch`);
        gradFn(here, ea.gradFnId, eb.gradFnId);
      });
      if (ga.name === 'AccumulateGrad' && ga.tensorId !== null && gb.tensorId !== null) {
        tensor(`${here}.variable`, ga.tensorId, gb.tensorId);
      }
    }
  };

  // ops: each PyTorch call against the op (or ops) grad-graph recorded for it.
  const opAtoB = new Map<number, number>();
  let k = 0;
  for (const b of pytorch.ops) {
    const where = `op ${b.index} (${b.op} at ${spanText(b.span)})`;
    const call = CALLS[b.op];
    const group: OpRecord[] = [];
    const first = ours.ops[k];
    if (!first) {
      fail(where, 'missing here (grad-graph recorded fewer ops)');
      break;
    }
    if (call) {
      while (k < ours.ops.length) {
        const a = ours.ops[k] as OpRecord;
        const previous = group.at(-1);
        if (!call.ours.includes(a.op) || !same(a.span, b.span)) break;
        if (previous && (!call.chain || !a.inputs.includes(previous.outputs[0] ?? -1))) break;
        group.push(a);
        k++;
      }
      if (group.length === 0) {
        fail(where, `is ${first.op} here (expected ${call.ours.join(' or ')})`);
        break;
      }
    } else {
      if (first.op !== b.op) {
        fail(where, `is ${first.op} at ${spanText(first.span)} here`);
        break;
      }
      group.push(first);
      k++;
    }
    const a0 = group[0] as OpRecord;
    const last = group.at(-1) as OpRecord;
    for (const a of group) opAtoB.set(a.index, b.index);
    if (!same(a0.span, b.span)) fail(where, `span ${spanText(a0.span)} here`);
    if (last.gradFnName !== b.gradFnName)
      fail(where, `grad_fn ${String(last.gradFnName)} here, ${String(b.gradFnName)} in PyTorch`);
    if (last.inPlace !== b.inPlace || a0.gradEnabled !== b.gradEnabled)
      fail(where, 'in-place or grad mode differs');
    for (const key of LABEL_ARGS) {
      const vb: EncodedArg | undefined = b.args[key];
      // In a group, the op that takes the Python number has it (`2 / x`: the mul after reciprocal).
      const va = group.find((a) => a.args[key] !== undefined && a.args[key] !== null)?.args[key];
      if (vb !== undefined && !same(va, vb))
        fail(where, `${key}=${JSON.stringify(va)} here, ${JSON.stringify(vb)} in PyTorch`);
    }
    // Inputs: PyTorch's call's inputs are the group's inputs from outside the group.
    const inputsA = group.flatMap((a, i) =>
      a.inputs.filter((id) => !group.slice(0, i).some((p) => p.outputs.includes(id))),
    );
    if (inputsA.length !== b.inputs.length)
      fail(where, `${inputsA.length} tensor inputs here, ${b.inputs.length} in PyTorch`);
    else
      inputsA.forEach((a, i) => {
        tensor(`${where} input ${i}`, a, b.inputs[i] as number);
      });
    if (last.outputs.length !== b.outputs.length)
      fail(where, `${last.outputs.length} outputs here, ${b.outputs.length} in PyTorch`);
    else
      last.outputs.forEach((a, i) => {
        tensor(`${where} output ${i}`, a, b.outputs[i] as number);
      });
    if ((last.gradFnId === null) !== (b.gradFnId === null)) fail(where, 'grad_fn on one side only');
    else if (last.gradFnId !== null && b.gradFnId !== null)
      gradFn(where, last.gradFnId, b.gradFnId);
    drain();
  }
  if (k < ours.ops.length && problems.length === 0) {
    const extra = ours.ops[k] as OpRecord;
    fail(`op ${extra.index} (${extra.op} at ${spanText(extra.span)})`, 'not recorded by PyTorch');
  }

  // backward passes
  if (ours.backwardPasses.length !== pytorch.backwardPasses.length) {
    fail(
      'backward passes',
      `${ours.backwardPasses.length} here, ${pytorch.backwardPasses.length} in PyTorch`,
    );
  }
  ours.backwardPasses.forEach((pa, i) => {
    const pb = pytorch.backwardPasses[i];
    if (!pb) return;
    const where = `backward pass ${i} (${spanText(pb.span)})`;
    if (pa.roots.length !== pb.roots.length) fail(where, 'different roots');
    else
      pa.roots.forEach((r, j) => {
        tensor(`${where} root ${j}`, r, pb.roots[j] as number);
      });
    if (pa.seeds.length !== pb.seeds.length) fail(where, 'different seed count');
    pa.seeds.forEach((s, j) => {
      data(`${where} seed ${j}`, s, pb.seeds[j] ?? null);
    });
    if (pa.retainGraph !== pb.retainGraph) fail(where, 'retain_graph differs');
    if ((pa.inputs === null) !== (pb.inputs === null)) fail(where, 'inputs on one side only');
    pa.inputs?.forEach((t, j) => {
      tensor(`${where} input ${j}`, t, pb.inputs?.[j] as number);
    });
    if (!same(pa.span, pb.span)) fail(where, `span ${spanText(pa.span)} here`);
    if (pa.error !== pb.error)
      fail(where, `error ${JSON.stringify(pa.error)} here, ${JSON.stringify(pb.error)} in PyTorch`);
    const order = (p: typeof pa) => p.steps.map((s) => s.name).join(' → ');
    if (pa.steps.length !== pb.steps.length)
      fail(where, `engine ran ${order(pa)} here, ${order(pb)} in PyTorch`);
    pa.steps.forEach((sa, j) => {
      const sb = pb.steps[j];
      if (!sb) return;
      const at = `${where} step ${j} (${sb.name})`;
      if (sa.name !== sb.name) fail(at, `is ${sa.name} here`);
      gradFn(at, sa.gradFnId, sb.gradFnId);
      drain();
      for (const key of ['gradsIn', 'gradsOut'] as const) {
        if (sa[key].length !== sb[key].length)
          fail(at, `${sa[key].length} ${key} here, ${sb[key].length} in PyTorch`);
        sa[key].forEach((g, m) => {
          data(`${at} ${key}[${m}]`, g, sb[key][m] ?? null);
        });
      }
    });
    if (pa.accumulations.length !== pb.accumulations.length) {
      fail(
        where,
        `${pa.accumulations.length} writes into .grad here, ${pb.accumulations.length} in PyTorch`,
      );
    }
    pa.accumulations.forEach((aa, j) => {
      const ab = pb.accumulations[j];
      if (!ab) return;
      const at = `${where} .grad write ${j}`;
      tensor(at, aa.tensorId, ab.tensorId);
      data(`${at} incoming`, aa.incoming, ab.incoming);
      data(`${at} before`, aa.before, ab.before);
      data(`${at} after`, aa.after, ab.after);
      if (aa.retained !== ab.retained) fail(at, 'retained differs');
      tensor(`${at} .grad`, aa.gradId, ab.gradId);
    });
  });

  // prints, output, error
  if (ours.prints.length !== pytorch.prints.length)
    fail('prints', `${ours.prints.length} here, ${pytorch.prints.length} in PyTorch`);
  ours.prints.forEach((p, i) => {
    const q = pytorch.prints[i];
    if (!q) return;
    if (withoutAddresses(p.text) !== withoutAddresses(q.text))
      fail(`print ${i}`, `${JSON.stringify(p.text)} here, ${JSON.stringify(q.text)} in PyTorch`);
    if (!same(p.span, q.span))
      fail(`print ${i}`, `span ${spanText(p.span)} here, ${spanText(q.span)} in PyTorch`);
  });
  if (withoutAddresses(ours.output) !== withoutAddresses(pytorch.output)) fail('output', 'differs');
  const err = (t: Trace) =>
    t.error ? {type: t.error.type, message: t.error.message, span: t.error.span} : null;
  if (!same(err(ours), err(pytorch)))
    fail('error', `${JSON.stringify(err(ours))} here, ${JSON.stringify(err(pytorch))} in PyTorch`);

  // the order of events
  const events = (t: Trace, opName: (o: OpRecord) => string) =>
    [
      ...t.ops.map((o) => ({seq: o.seq, what: opName(o)})),
      ...t.prints.map((p, i) => ({seq: p.seq, what: `print ${i}`})),
      ...t.backwardPasses.map((p) => ({seq: p.seq, what: `backward ${p.index}`})),
    ]
      .sort((x, y) => x.seq - y.seq)
      .map((e) => e.what)
      .filter((w, i, all) => w !== all[i - 1]);
  const orderA = events(ours, (o) => `op ${String(opAtoB.get(o.index))}`);
  const orderB = events(pytorch, (o) => `op ${o.index}`);
  if (problems.length === 0 && !same(orderA, orderB)) {
    const i = orderA.findIndex((w, j) => w !== orderB[j]);
    fail('order', `event ${i} is ${String(orderA[i])} here, ${String(orderB[i])} in PyTorch`);
  }
  return problems;
}

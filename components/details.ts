/** The full record of a node, as the hover/focus panel lists it, in PyTorch's own words. */
import {displayTensor} from '../src/graph/index.js';
import type {GraphNode, GraphNodeState, HookShown} from '../src/graph/index.js';
import type {GradFnRecord, TensorRecord, Trace} from '../src/trace/index.js';

/** One row of the panel: a PyTorch attribute name and its value as text. */
export type DetailRow = readonly [string, string];

/** The tensor a node stands for, if any. */
export function tensorOf(node: GraphNode, trace: Trace | null): TensorRecord | null {
  if (node.tensorId === undefined || !trace) return null;
  return trace.tensors.find((t) => t.id === node.tensorId) ?? null;
}

function shapeText(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

/** A custom Function's saved tensors (`ctx.saved_tensors`), with their values when saved. */
function savedRows(fn: GradFnRecord, trace: Trace | null): DetailRow[] {
  const rows: DetailRow[] = [];
  if (fn.function !== undefined) rows.push(['autograd.Function', fn.function]);
  for (const s of fn.saved ?? []) {
    const t = s.tensorId === null ? undefined : trace?.tensors.find((x) => x.id === s.tensorId);
    const name = t?.names[0];
    const value = t ? valueText(t) : 'None';
    rows.push([s.name, name ? `${name} = ${value}` : value]);
  }
  return rows;
}

function valueText(t: TensorRecord): string {
  const data = t.versions[0]?.data;
  return data ? displayTensor(data).text : shapeText(t.shape);
}

/** A hook that ran here at this step: the gradient before and after it. */
function hookRows(h: HookShown): DetailRow[] {
  const what =
    h.via ??
    (h.kind === 'tensor' ? 'register_hook' : h.kind === 'pre' ? 'register_prehook' : 'hook');
  const rows: DetailRow[] = [
    [`${what} ${h.name}`, h.replaced ? 'returned a new gradient' : 'returned None'],
  ];
  rows.push(['gradient before', h.before?.text ?? 'None']);
  if (h.replaced) rows.push(['gradient after', h.after?.text ?? 'None']);
  return rows;
}

/** The rows for a node at its current state. */
export function detailRows(
  node: GraphNode,
  state: GraphNodeState | undefined,
  trace: Trace | null,
): DetailRow[] {
  const rows: DetailRow[] = [];
  const tensor = tensorOf(node, trace);
  if (tensor) {
    const gradFn =
      tensor.gradFnId === null ? null : trace?.gradFns.find((f) => f.id === tensor.gradFnId);
    rows.push(['shape', shapeText(tensor.shape)]);
    rows.push(['dtype', `torch.${tensor.dtype}`]);
    rows.push(['requires_grad', pyBool(tensor.requiresGrad)]);
    rows.push(['is_leaf', pyBool(tensor.isLeaf)]);
    rows.push(['grad_fn', gradFn ? `<${gradFn.name}>` : 'None']);
  } else if (node.sublabel) {
    rows.push(['', node.sublabel]);
  }
  if (node.kind === 'op' && node.opIndex !== undefined && trace) {
    const op = trace.ops[node.opIndex];
    if (op) {
      rows.push(['op', op.op]);
      if (op.gradFnName) rows.push(['grad_fn', `<${op.gradFnName}>`]);
    }
  }
  if (node.kind === 'gradfn' || node.kind === 'accumulate') {
    const fn =
      node.gradFnId === undefined ? undefined : trace?.gradFns.find((f) => f.id === node.gradFnId);
    if (fn) {
      const names = fn.next.map((e) =>
        e
          ? `(<${trace?.gradFns.find((f) => f.id === e.gradFnId)?.name ?? '?'}>, ${e.inputNr})`
          : '(None, 0)',
      );
      rows.push(['next_functions', `(${names.join(', ')})`]);
      rows.push(...savedRows(fn, trace));
    }
  }
  for (const h of state?.hooks ?? []) rows.push(...hookRows(h));
  if (state?.visible && state.value) rows.push(['value', state.value.text]);
  if (state?.visible && state.grad && state.gradStored) rows.push(['.grad', state.grad.text]);
  else if (state?.visible && tensor?.requiresGrad) {
    // PyTorch keeps .grad on leaves (and on non-leaves after retain_grad()) only: a non-leaf's
    // gradient passes through and is not kept, so its .grad is None, as `print(y.grad)` says.
    rows.push(['.grad', 'None']);
    if (state.grad)
      rows.push([
        tensor.isLeaf ? 'gradient (arriving)' : 'gradient (passing, not kept)',
        state.grad.text,
      ]);
  }
  return rows;
}

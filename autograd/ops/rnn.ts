/**
 * The recurrent networks as PyTorch 1.13 runs them on the CPU (ATen's RNN.cpp): composite ops,
 * so autograd records the cells' own nodes. A layer computes the input's part of every step at
 * once (`linear(input, w_ih, b_ih)`, then `unbind(0)`), then each step's cell adds the hidden
 * state's part in place (`linear(h, w_hh, b_hh).add_(…)`):
 * - simple cell (RNN): `tanh` or `relu` of the gates;
 * - LSTM: the gates `unsafe_chunk(4, 1)`, each squashed in place (`sigmoid_`, `tanh_`), then
 *   `cy = (f * cx).add_(i * g)`, `hy = o * cy.tanh()` (times `w_hrᵀ` with projections);
 * - GRU: the input's and hidden's gates each `unsafe_chunk(3, 1)`; reset and update gates
 *   `hg.add_(ig).sigmoid_()`, new gate `ig.add(hg.mul_(r)).tanh_()`, and
 *   `(h − n).mul_(z).add_(n)`.
 * Layers stack their steps' outputs (`stack`), a bidirectional layer runs the reversed steps with
 * its second parameters and `cat`s both, and layers after the first get dropout in training.
 */
import {runtimeError} from '../errors.js';
import {declareNode} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {Tensor} from '../tensor.js';
import {linear} from './addmm.js';
import * as arith from './arith.js';
import {dropout} from './dropout.js';
import {binary_} from './inplace.js';
import {cat, stack} from './join.js';
import {matmul} from './linalg.js';
import {unbind, unsafeChunk} from './split.js';
import * as unary from './unary.js';
import {unaryInPlace} from './unary-inplace.js';
import * as views from './views.js';

/** One layer's (one direction's) weights: PyTorch's CellParams. */
export interface CellParams {
  readonly wIh: Tensor;
  readonly wHh: Tensor;
  readonly bIh: Tensor | null;
  readonly bHh: Tensor | null;
  /** LSTM's projection weight (`proj_size > 0`), else null. */
  readonly wHr: Tensor | null;
}

/** A cell's hidden state: one tensor, or LSTM's (h, c). */
type Hidden = Tensor | readonly [Tensor, Tensor];

/** One step: the new hidden state from an input (already `linear_ih`'d when `pre`). */
type Cell = (input: Tensor, hidden: Hidden, p: CellParams, pre: boolean) => Hidden;

const linearIh = (p: CellParams, x: Tensor) => linear(x, p.wIh, p.bIh);
const linearHh = (p: CellParams, h: Tensor) => linear(h, p.wHh, p.bHh);

function add_(x: Tensor, other: Tensor): Tensor {
  binary_(x, 'add_', other);
  return x;
}

function mul_(x: Tensor, other: Tensor): Tensor {
  binary_(x, 'mul_', other);
  return x;
}

const sigmoid_ = (x: Tensor) => unaryInPlace(x, 'sigmoid_', unary.sigmoid);
const tanh_ = (x: Tensor) => unaryInPlace(x, 'tanh_', unary.tanh);

const one = (h: Hidden): Tensor => (h instanceof Tensor ? h : h[0]);
const pair = (h: Hidden): readonly [Tensor, Tensor] => (h instanceof Tensor ? [h, h] : h);

/** SimpleCell: `nonlinearity(linear_hh(h).add_(linear_ih(x)))`. */
function simpleCell(nonlinearity: 'tanh' | 'relu'): Cell {
  return (input, hidden, p, pre) => {
    const gates = add_(linearHh(p, one(hidden)), pre ? input : linearIh(p, input));
    return nonlinearity === 'tanh' ? unary.tanh(gates) : unary.relu(gates);
  };
}

/** LSTMCell (the CPU path): the four gates from one in-place sum, each squashed in place. */
const lstmCell: Cell = (input, hidden, p, pre) => {
  const [hx, cx] = pair(hidden);
  const gates = add_(linearHh(p, hx), pre ? input : linearIh(p, input));
  const [i, f, g, o] = unsafeChunk(gates, 4, 1) as [Tensor, Tensor, Tensor, Tensor];
  const ingate = sigmoid_(i);
  const forgetgate = sigmoid_(f);
  const cellgate = tanh_(g);
  const outgate = sigmoid_(o);
  const cy = add_(arith.mul(forgetgate, cx), arith.mul(ingate, cellgate));
  let hy = arith.mul(outgate, unary.tanh(cy));
  if (p.wHr !== null) hy = matmul(hy, views.t(p.wHr));
  return [hy, cy];
};

/** GRUCell (the CPU path). */
const gruCell: Cell = (input, hidden, p, pre) => {
  const h = one(hidden);
  const ig = unsafeChunk(pre ? input : linearIh(p, input), 3, 1) as [Tensor, Tensor, Tensor];
  const hg = unsafeChunk(linearHh(p, h), 3, 1) as [Tensor, Tensor, Tensor];
  const resetGate = sigmoid_(add_(hg[0], ig[0]));
  const inputGate = sigmoid_(add_(hg[1], ig[1]));
  const newGate = tanh_(arith.add(ig[2], mul_(hg[2], resetGate)));
  return add_(mul_(arith.sub(h, newGate), inputGate), newGate);
};

/** The cells by the `mode` RNNBase gives them. */
export const cells = {
  RNN_TANH: simpleCell('tanh'),
  RNN_RELU: simpleCell('relu'),
  LSTM: lstmCell,
  GRU: gruCell,
} as const;

/** A cell's mode. */
export type RnnMode = keyof typeof cells;

/** FullLayer over pre-computed steps: each step's output and the last hidden state. */
function runSteps(
  cell: Cell,
  steps: readonly Tensor[],
  hidden: Hidden,
  p: CellParams,
): {outputs: Tensor[]; hidden: Hidden} {
  const outputs: Tensor[] = [];
  let h = hidden;
  for (const step of steps) {
    h = cell(step, h, p, true);
    outputs.push(one(h));
  }
  if (outputs.length === 0)
    throw runtimeError('Expected sequence length to be larger than 0 in RNN');
  return {outputs, hidden: h};
}

/** One layer, one direction or both: its stacked output and its last hidden state(s). */
function runLayer(
  cell: Cell,
  input: Tensor,
  hiddens: readonly Hidden[],
  params: readonly CellParams[],
): {output: Tensor; hiddens: Hidden[]} {
  const [p0, p1] = params as [CellParams, CellParams | undefined];
  const [h0, h1] = hiddens as [Hidden, Hidden | undefined];
  const forward = runSteps(cell, unbind(linearIh(p0, input), 0), h0, p0);
  const fwOutput = stack(forward.outputs, 0);
  if (p1 === undefined || h1 === undefined) return {output: fwOutput, hiddens: [forward.hidden]};
  const reversed = unbind(linearIh(p1, input), 0).reverse();
  const backward = runSteps(cell, reversed, h1, p1);
  const revOutput = stack(backward.outputs.reverse(), 0);
  return {
    output: cat([fwOutput, revOutput], fwOutput.shape.length - 1),
    hiddens: [forward.hidden, backward.hidden],
  };
}

/** How a whole network is run: `_VF.lstm`'s arguments after the input and hidden state. */
export interface RnnOptions {
  readonly numLayers: number;
  readonly dropout: number;
  readonly train: boolean;
  readonly bidirectional: boolean;
  readonly batchFirst: boolean;
}

/** The flat weight list grouped per layer and direction (gather_params). */
function gatherParams(
  weights: readonly Tensor[],
  hasBiases: boolean,
  projections: boolean,
): CellParams[] {
  const per = (hasBiases ? 4 : 2) + (projections ? 1 : 0);
  if (weights.length % per !== 0) throw runtimeError('got an incorrect number of RNN parameters');
  const out: CellParams[] = [];
  for (let i = 0; i < weights.length; i += per) {
    const w = weights.slice(i, i + per);
    out.push({
      wIh: w[0] as Tensor,
      wHh: w[1] as Tensor,
      bIh: hasBiases ? (w[2] as Tensor) : null,
      bHh: hasBiases ? (w[3] as Tensor) : null,
      wHr: projections ? (w[per - 1] as Tensor) : null,
    });
  }
  return out;
}

/** apply_layer_stack: each layer's output feeds the next, with dropout between in training. */
function layerStack(
  cell: Cell,
  input: Tensor,
  hiddens: readonly Hidden[],
  params: readonly CellParams[],
  o: RnnOptions,
): {output: Tensor; hiddens: Hidden[]} {
  const dirs = o.bidirectional ? 2 : 1;
  if (hiddens.length !== o.numLayers * dirs) {
    throw runtimeError('Expected more hidden states in stacked_rnn');
  }
  if (params.length !== o.numLayers * dirs)
    throw runtimeError('Expected more weights in stacked_rnn');
  let layerInput = input;
  const finals: Hidden[] = [];
  for (let l = 0; l < o.numLayers; l++) {
    const layer = runLayer(
      cell,
      layerInput,
      hiddens.slice(l * dirs, (l + 1) * dirs),
      params.slice(l * dirs, (l + 1) * dirs),
    );
    finals.push(...layer.hiddens);
    layerInput = layer.output;
    if (o.dropout !== 0 && o.train && l < o.numLayers - 1) {
      layerInput = dropout(layerInput, o.dropout, {train: true});
    }
  }
  return {output: layerInput, hiddens: finals};
}

const TRANSPOSE_ = declareNode('TransposeBackward1', true, [{moves: 'transpose'}]);

/**
 * `output.transpose_(0, 1)`, as RNN.cpp turns a batch-first output back: the tensor's own shape
 * and strides swapped in place (TransposeBackward1; not a view, no `_base`).
 */
function transposeInPlace01(x: Tensor): Tensor {
  const shape = [...x.shape];
  const strides = [...x.strides];
  [shape[0], shape[1]] = [shape[1] ?? 1, shape[0] ?? 1];
  [strides[0], strides[1]] = [strides[1] ?? 1, strides[0] ?? 1];
  const out = new Tensor(x.data, shape, x.dtype, strides, x.offset, x.version);
  if (needsGrad(x)) attach(TRANSPOSE_, [x], [out], ([g]) => [g ? views.transpose(g, 0, 1) : null]);
  reportOp('transpose_', [x], {dim0: 0, dim1: 1}, [out], true);
  return out;
}

/**
 * `_VF.rnn_tanh` / `rnn_relu` / `gru`: (output, h_n) for an input of (L, N, H_in) (or batch first)
 * and an initial hidden state of (layers · directions, N, H_out).
 */
export function rnn(
  mode: 'RNN_TANH' | 'RNN_RELU' | 'GRU',
  input: Tensor,
  hx: Tensor,
  weights: readonly Tensor[],
  hasBiases: boolean,
  o: RnnOptions,
): [Tensor, Tensor] {
  const x = o.batchFirst ? views.transpose(input, 0, 1) : input;
  const params = gatherParams(weights, hasBiases, false);
  const result = layerStack(cells[mode], x, unbind(hx, 0), params, o);
  const hy = stack(result.hiddens.map(one), 0);
  return [o.batchFirst ? transposeInPlace01(result.output) : result.output, hy];
}

/** `_VF.lstm`: (output, h_n, c_n); projections when h_0's last size differs from c_0's. */
export function lstm(
  input: Tensor,
  hx: readonly [Tensor, Tensor],
  weights: readonly Tensor[],
  hasBiases: boolean,
  o: RnnOptions,
): [Tensor, Tensor, Tensor] {
  const x = o.batchFirst ? views.transpose(input, 0, 1) : input;
  const projections = hx[0].shape[2] !== hx[1].shape[2];
  const params = gatherParams(weights, hasBiases, projections);
  const hs = unbind(hx[0], 0);
  const cs = unbind(hx[1], 0);
  const hiddens = hs.map((h, i) => [h, cs[i] as Tensor] as const);
  const result = layerStack(lstmCell, x, hiddens, params, o);
  const finals = result.hiddens.map(pair);
  const hy = stack(
    finals.map((h) => h[0]),
    0,
  );
  const cy = stack(
    finals.map((h) => h[1]),
    0,
  );
  return [o.batchFirst ? views.transpose(result.output, 0, 1) : result.output, hy, cy];
}

/** check_rnn_cell_forward_input / _hidden: PyTorch's messages for a cell's mismatched sizes. */
function checkCell(
  input: Tensor,
  hx: Tensor,
  inputSize: number,
  hiddenSize: number,
  label: number,
): void {
  if (input.shape[1] !== inputSize) {
    throw runtimeError(
      `input has inconsistent input_size: got ${input.shape[1]} expected ${inputSize}`,
    );
  }
  if (input.shape[0] !== hx.shape[0]) {
    throw runtimeError(
      `Input batch size ${input.shape[0]} doesn't match hidden${label} batch size ${hx.shape[0]}`,
    );
  }
  if (hx.shape[1] !== hiddenSize) {
    throw runtimeError(
      `hidden${label} has inconsistent hidden_size: got ${hx.shape[1]}, expected ${hiddenSize}`,
    );
  }
}

/** `_VF.rnn_tanh_cell` / `rnn_relu_cell` / `gru_cell`: one step of a 2-D input. */
export function cellStep(
  mode: 'RNN_TANH' | 'RNN_RELU' | 'GRU',
  input: Tensor,
  hx: Tensor,
  p: CellParams,
): Tensor {
  checkCell(input, hx, p.wIh.shape[1] ?? 0, p.wHh.shape[1] ?? 0, 0);
  return one(cells[mode](input, hx, p, false));
}

/** `_VF.lstm_cell`: one step of a 2-D input, (h', c'). */
export function lstmCellStep(
  input: Tensor,
  hx: readonly [Tensor, Tensor],
  p: CellParams,
): [Tensor, Tensor] {
  checkCell(input, hx[0], p.wIh.shape[1] ?? 0, p.wHh.shape[1] ?? 0, 0);
  // 1.13 checks the cell state against hidden_size too, and labels it hidden0 as well.
  checkCell(input, hx[1], p.wIh.shape[1] ?? 0, p.wHh.shape[1] ?? 0, 0);
  const [h, c] = pair(lstmCell(input, hx, p, false));
  return [h, c];
}

/** No `torch.*` bindings of their own: nn's RNN modules call these (the node is declared above). */
export const declarations: readonly OpDeclaration[] = [];

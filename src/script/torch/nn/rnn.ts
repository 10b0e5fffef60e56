/**
 * nn.RNN, nn.LSTM, nn.GRU and their cells, as torch/nn/modules/rnn.py (PyTorch 1.13) defines
 * them: RNNBase's checks and parameters (`weight_ih_l0`, …, `_reverse`, registered in PyTorch's
 * order and drawn by `reset_parameters`' uniform(±1/√hidden_size), so a seeded run gets
 * PyTorch's numbers), extra_repr, the forwards' argument checks with rnn.py's messages and
 * traceback frames, unbatched inputs, and the `_VF` calls, which autograd/ops/rnn.ts runs as
 * RNN.cpp does.
 */
import * as factories from '../../../../autograd/ops/factories.js';
import {cellStep, lstm, lstmCellStep, rnn, type CellParams} from '../../../../autograd/ops/rnn.js';
import type {RnnMode} from '../../../../autograd/ops/rnn.js';
import {squeeze, unsqueeze} from '../../../../autograd/ops/views.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {callValue} from '../../call.js';
import {inLibrary, pyError, raiseIn, type LibraryFrame} from '../../errors.js';
import {PyMethodDescriptor, PyProperty, type PyClass, type PyInstance} from '../../objects.js';
import {pyStr, typeName} from '../../repr.js';
import {PyCallable, PyList, PyTuple, type Kwargs} from '../../values.js';
import {pyWarn} from '../../warnings.js';
import {bind, sig} from '../args.js';
import {initUniform} from './init.js';
import {attr, emptyTensor, setAttr} from './layers.js';
import {initModule, moduleSubclass, pyMethod} from './module.js';
import {makeParameter} from './parameter-class.js';

const file = '/usr/lib/python3/dist-packages/torch/nn/modules/rnn.py';
const module = 'torch.nn.modules.rnn';

/** A frame of rnn.py; carets under `from` to the line's end when given. */
function at(line: number, name: string, source: string, from?: number): LibraryFrame {
  return from === undefined
    ? {file, line, name, source}
    : {file, line, name, source, carets: `${' '.repeat(from)}${'^'.repeat(source.length - from)}`};
}

const baseInit = {
  ...sig(
    'RNNBase.__init__(any mode, any input_size, any hidden_size, any num_layers=1, any bias=True, any batch_first=False, any dropout=0.0, any bidirectional=False, any proj_size=0, any device=None, any dtype=None)',
    'python',
  ),
  method: true,
};

const int = (v: unknown): number => Number(v);

/** RNNBase.__init__: the checks, the parameters per layer and direction, reset_parameters. */
function initBase(
  self: PyInstance,
  args: readonly unknown[],
  kwargs: Kwargs,
  caller: LibraryFrame,
): void {
  const a = bind(baseInit, args, kwargs);
  const mode = a.get('mode') as RnnMode;
  initModule(self);
  for (const k of ['mode', 'input_size', 'hidden_size', 'num_layers', 'bias', 'batch_first']) {
    setAttr(self, k, a.get(k));
  }
  const dropoutArg = a.get('dropout');
  const dropout = typeof dropoutArg === 'bigint' ? Number(dropoutArg) : dropoutArg;
  setAttr(self, 'dropout', typeof dropout === 'number' ? dropout : dropoutArg);
  setAttr(self, 'bidirectional', a.get('bidirectional'));
  setAttr(self, 'proj_size', a.get('proj_size'));
  const fail = (line: number, source: string, message: string): never =>
    inLibrary(caller, () => raiseIn(at(line, '__init__', source), 'ValueError', message));
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout <= 1)) {
    fail(
      63,
      'raise ValueError("dropout should be a number in range [0, 1] "',
      'dropout should be a number in range [0, 1] representing the probability of an element being zeroed',
    );
  }
  const numLayers = int(a.get('num_layers'));
  const hiddenSize = int(a.get('hidden_size'));
  const projSize = int(a.get('proj_size'));
  if ((dropout as number) > 0 && numLayers === 1) {
    pyWarn(
      'UserWarning',
      `dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=${pyStr(a.get('dropout'))} and num_layers=${numLayers}`,
      {file, line: 67, source: 'warnings.warn("dropout option adds dropout after all but last "'},
    );
  }
  if (projSize < 0) {
    fail(
      72,
      'raise ValueError("proj_size should be a positive integer or zero to disable projections")',
      'proj_size should be a positive integer or zero to disable projections',
    );
  }
  if (projSize >= hiddenSize) {
    fail(
      74,
      'raise ValueError("proj_size has to be smaller than hidden_size")',
      'proj_size has to be smaller than hidden_size',
    );
  }
  const gateSize = {LSTM: 4, GRU: 3, RNN_TANH: 1, RNN_RELU: 1}[mode] * hiddenSize;
  const dirs = a.get('bidirectional') === true ? 2 : 1;
  const bias = a.get('bias') !== false;
  const dtype = a.get('dtype');
  const names: string[] = [];
  const all: PyList[] = [];
  for (let layer = 0; layer < numLayers; layer++) {
    for (let direction = 0; direction < dirs; direction++) {
      const real = projSize > 0 ? projSize : hiddenSize;
      const inputSize = layer === 0 ? int(a.get('input_size')) : real * dirs;
      const suffix = direction === 1 ? '_reverse' : '';
      const shapes: [string, bigint[]][] = [
        [`weight_ih_l${layer}${suffix}`, [BigInt(gateSize), BigInt(inputSize)]],
        [`weight_hh_l${layer}${suffix}`, [BigInt(gateSize), BigInt(real)]],
      ];
      if (bias) {
        shapes.push([`bias_ih_l${layer}${suffix}`, [BigInt(gateSize)]]);
        shapes.push([`bias_hh_l${layer}${suffix}`, [BigInt(gateSize)]]);
      }
      if (projSize > 0) {
        shapes.push([`weight_hr_l${layer}${suffix}`, [BigInt(projSize), BigInt(hiddenSize)]]);
      }
      for (const [name, shape] of shapes) {
        setAttr(self, name, makeParameter(emptyTensor(shape, dtype)));
        names.push(name);
      }
      all.push(new PyList(shapes.map(([name]) => name)));
    }
  }
  setAttr(self, '_flat_weights_names', new PyList(names));
  setAttr(self, '_all_weights', new PyList(all));
  setAttr(self, '_flat_weights', new PyList(names.map((n) => attr(self, n))));
  resetParameters(self);
}

/** `reset_parameters`: every parameter uniform in ±1/√hidden_size, in registration order. */
function resetParameters(self: PyInstance): void {
  const hidden = int(attr(self, 'hidden_size'));
  const stdv = hidden > 0 ? 1 / Math.sqrt(hidden) : 0;
  const params = attr(self, '_parameters') as {values(): Iterable<unknown>} | undefined;
  const list = params ? [...params.values()] : [];
  for (const p of list) if (p instanceof Tensor) initUniform(p, -stdv, stdv);
}

/** RNNBase.extra_repr: `'{input_size}, {hidden_size}'` and the options that differ. */
function baseRepr(self: PyInstance): string {
  const s = (k: string) => pyStr(attr(self, k));
  let text = `${s('input_size')}, ${s('hidden_size')}`;
  if (int(attr(self, 'proj_size')) !== 0) text += `, proj_size=${s('proj_size')}`;
  if (int(attr(self, 'num_layers')) !== 1) text += `, num_layers=${s('num_layers')}`;
  if (attr(self, 'bias') !== true) text += `, bias=${s('bias')}`;
  if (attr(self, 'batch_first') !== false) text += `, batch_first=${s('batch_first')}`;
  if (attr(self, 'dropout') !== 0) text += `, dropout=${s('dropout')}`;
  if (attr(self, 'bidirectional') !== false) text += `, bidirectional=${s('bidirectional')}`;
  return text;
}

const rnnBase: PyClass = moduleSubclass('RNNBase', module, [
  [
    '__init__',
    new PyMethodDescriptor(
      '__init__',
      (self, args, kwargs) => {
        initBase(self as PyInstance, args, kwargs, at(0, '__init__', ''));
        return null;
      },
      'RNNBase',
    ),
  ],
  pyMethod('RNNBase', 'flatten_parameters()', () => null),
  pyMethod('RNNBase', 'reset_parameters()', (self) => {
    resetParameters(self);
    return null;
  }),
  pyMethod('RNNBase', 'extra_repr()', (self) => baseRepr(self)),
  [
    'all_weights',
    new PyProperty(
      new PyCallable('all_weights', (args) => {
        const self = args[0] as PyInstance;
        const groups = (attr(self, '_all_weights') as PyList).items as PyList[];
        return new PyList(
          groups.map((g) => new PyList(g.items.map((n) => attr(self, n as string)))),
        );
      }),
    ),
  ],
]);

/** The tensor argument of a forward, or Python's AttributeError for what it calls on it. */
function tensorArg(v: unknown, method: string): Tensor {
  if (v instanceof Tensor) return v;
  throw pyError('AttributeError', `'${typeName(v)}' object has no attribute '${method}'`);
}

/** The weights RNN.cpp's gather_params reads, by the names `_flat_weights_names` lists. */
function flatWeights(self: PyInstance): Tensor[] {
  const names = (attr(self, '_flat_weights_names') as PyList).items as string[];
  return names.map((n) => attr(self, n) as Tensor);
}

function sizeTuple(dims: readonly number[]): string {
  return `(${dims.join(', ')})`;
}

/** check_hidden_size: `Expected hidden size (…), got […]` at rnn.py's line 231. */
function checkHiddenSize(
  hx: Tensor,
  expected: readonly number[],
  what: string,
  call: LibraryFrame,
): void {
  if (hx.shape.length === expected.length && hx.shape.every((d, i) => d === expected[i])) return;
  inLibrary(call, () =>
    raiseIn(
      at(
        231,
        'check_hidden_size',
        'raise RuntimeError(msg.format(expected_hidden_size, list(hx.size())))',
      ),
      'RuntimeError',
      `Expected ${what} size ${sizeTuple(expected)}, got [${hx.shape.join(', ')}]`,
    ),
  );
}

/** check_input: the input's rank and feature size, at rnn.py's lines 206 and 210. */
function checkInput(self: PyInstance, input: Tensor, call: LibraryFrame): void {
  if (input.dim() !== 3) {
    inLibrary(call, () =>
      raiseIn(
        at(206, 'check_input', 'raise RuntimeError('),
        'RuntimeError',
        `input must have 3 dimensions, got ${input.dim()}`,
      ),
    );
  }
  const size = int(attr(self, 'input_size'));
  if (input.shape[2] !== size) {
    inLibrary(call, () =>
      raiseIn(
        at(210, 'check_input', 'raise RuntimeError('),
        'RuntimeError',
        `input.size(-1) must be equal to input_size. Expected ${size}, got ${input.shape[2]}`,
      ),
    );
  }
}

/** What every forward shares: the options `_VF` takes after the weights. */
function options(self: PyInstance) {
  return {
    numLayers: int(attr(self, 'num_layers')),
    dropout: attr(self, 'dropout') as number,
    train: attr(self, 'training') === true,
    bidirectional: attr(self, 'bidirectional') === true,
    batchFirst: attr(self, 'batch_first') === true,
  };
}

/** The forward of RNN and GRU (one hidden tensor), with their lines in rnn.py. */
function oneHiddenForward(
  self: PyInstance,
  inputArg: unknown,
  hxArg: unknown,
  lines: {raise3: number; raise2: number; check: number; call: number; callSource: string},
): PyTuple {
  let input = tensorArg(inputArg, 'dim');
  const batched = input.dim() === 3;
  const o = options(self);
  const batchDim = o.batchFirst ? 0 : 1;
  let hx = hxArg === null ? null : tensorArg(hxArg, 'dim');
  const forward = (line: number, source: string, from?: number) =>
    at(line, 'forward', source, from);
  if (!batched) {
    input = unsqueeze(input, batchDim);
    if (hx !== null) {
      if (hx.dim() !== 2) {
        raiseIn(
          forward(lines.raise2, 'raise RuntimeError('),
          'RuntimeError',
          `For unbatched 2-D input, hx should also be 2-D but got ${hx.dim()}-D tensor`,
        );
      }
      hx = unsqueeze(hx, 1);
    }
  } else if (hx !== null && hx.dim() !== 3) {
    raiseIn(
      forward(lines.raise3, 'raise RuntimeError('),
      'RuntimeError',
      `For batched 3-D input, hx should also be 3-D but got ${hx.dim()}-D tensor`,
    );
  }
  const batch = input.shape[batchDim] ?? 0;
  const dirs = o.bidirectional ? 2 : 1;
  const hidden = int(attr(self, 'hidden_size'));
  const h0 = hx ?? factories.zeros([o.numLayers * dirs, batch, hidden], {dtype: input.dtype});
  const check = forward(lines.check, 'self.check_forward_args(input, hx, batch_sizes)');
  inLibrary(check, () => {
    checkInput(self, input, at(234, 'check_forward_args', 'self.check_input(input, batch_sizes)'));
    checkHiddenSize(
      h0,
      [o.numLayers * dirs, input.shape[batchDim] ?? 0, hidden],
      'hidden',
      at(237, 'check_forward_args', 'self.check_hidden_size(hidden, expected_hidden_size)'),
    );
  });
  const mode = attr(self, 'mode') as 'RNN_TANH' | 'RNN_RELU' | 'GRU';
  let [output, hn] = inLibrary(
    forward(lines.call, lines.callSource, lines.callSource.indexOf('_VF')),
    () => rnn(mode, input, h0, flatWeights(self), attr(self, 'bias') !== false, o),
  );
  if (!batched) {
    output = squeeze(output, batchDim);
    hn = squeeze(hn, 1);
  }
  return new PyTuple([output, hn]);
}

/** LSTM.forward: (output, (h_n, c_n)). */
function lstmForward(self: PyInstance, inputArg: unknown, hxArg: unknown): PyTuple {
  let input = tensorArg(inputArg, 'dim');
  const batched = input.dim() === 3;
  const o = options(self);
  const batchDim = o.batchFirst ? 0 : 1;
  if (!batched) input = unsqueeze(input, batchDim);
  const batch = input.shape[batchDim] ?? 0;
  const dirs = o.bidirectional ? 2 : 1;
  const hidden = int(attr(self, 'hidden_size'));
  const proj = int(attr(self, 'proj_size'));
  let h0: Tensor;
  let c0: Tensor;
  if (hxArg === null) {
    h0 = factories.zeros([o.numLayers * dirs, batch, proj > 0 ? proj : hidden], {
      dtype: input.dtype,
    });
    c0 = factories.zeros([o.numLayers * dirs, batch, hidden], {dtype: input.dtype});
  } else {
    const items =
      hxArg instanceof PyTuple ? hxArg.items : hxArg instanceof PyList ? hxArg.items : null;
    if (items === null || items.length < 2) {
      throw pyError('TypeError', `'${typeName(hxArg)}' object is not subscriptable`);
    }
    h0 = tensorArg(items[0], 'dim');
    c0 = tensorArg(items[1], 'dim');
    const want = batched ? 3 : 2;
    if (h0.dim() !== want || c0.dim() !== want) {
      raiseIn(
        at(batched ? 760 : 765, 'forward', 'raise RuntimeError(msg)'),
        'RuntimeError',
        `For ${batched ? 'batched 3-D' : 'unbatched 2-D'} input, hx and cx should also be ${want}-D but got (${h0.dim()}-D, ${c0.dim()}-D) tensors`,
      );
    }
    if (!batched) {
      h0 = unsqueeze(h0, 1);
      c0 = unsqueeze(c0, 1);
    }
  }
  inLibrary(at(772, 'forward', 'self.check_forward_args(input, hx, batch_sizes)'), () => {
    checkInput(self, input, at(697, 'check_forward_args', 'self.check_input(input, batch_sizes)'));
    const rows = o.numLayers * dirs;
    checkHiddenSize(
      h0,
      [rows, batch, proj > 0 ? proj : hidden],
      'hidden[0]',
      at(
        698,
        'check_forward_args',
        'self.check_hidden_size(hidden[0], self.get_expected_hidden_size(input, batch_sizes),',
      ),
    );
    checkHiddenSize(
      c0,
      [rows, batch, hidden],
      'hidden[1]',
      at(
        700,
        'check_forward_args',
        'self.check_hidden_size(hidden[1], self.get_expected_cell_size(input, batch_sizes),',
      ),
    );
  });
  const call = 'result = _VF.lstm(input, hx, self._flat_weights, self.bias, self.num_layers,';
  let [output, hn, cn] = inLibrary(at(774, 'forward', call, call.indexOf('_VF')), () =>
    lstm(input, [h0, c0], flatWeights(self), attr(self, 'bias') !== false, o),
  );
  if (!batched) {
    output = squeeze(output, batchDim);
    hn = squeeze(hn, 1);
    cn = squeeze(cn, 1);
  }
  return new PyTuple([output, new PyTuple([hn, cn])]);
}

/** `forward(self, input, hx=None)` bound as Python binds it. */
function forwardMethod(
  owner: string,
  run: (self: PyInstance, input: unknown, hx: unknown) => unknown,
) {
  const signature = {...sig(`${owner}.forward(any input, any hx=None)`, 'python'), method: true};
  return [
    'forward',
    new PyMethodDescriptor(
      'forward',
      (self, args, kwargs) => {
        const a = bind(signature, args, kwargs);
        return run(self as PyInstance, a.get('input'), a.get('hx'));
      },
      owner,
    ),
  ] as [string, PyMethodDescriptor];
}

/** RNN / LSTM / GRU: `__init__(*args, **kwargs)` calling RNNBase's with their mode. */
function network(name: 'RNN' | 'LSTM' | 'GRU', line: number, superSource: string): PyClass {
  const caller = at(line, '__init__', superSource);
  const init = new PyMethodDescriptor(
    '__init__',
    (selfArg, args, kwargs) => {
      const self = selfArg as PyInstance;
      let mode: RnnMode = name === 'LSTM' ? 'LSTM' : name === 'GRU' ? 'GRU' : 'RNN_TANH';
      const rest = new Map(kwargs);
      if (name !== 'LSTM' && rest.has('proj_size')) {
        raiseIn(
          at(
            name === 'RNN' ? 417 : 904,
            '__init__',
            'raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")',
          ),
          'ValueError',
          'proj_size argument is only supported for LSTM, not RNN or GRU',
        );
      }
      if (name === 'RNN') {
        const nonlinearity = rest.get('nonlinearity') ?? 'tanh';
        rest.delete('nonlinearity');
        self.dict.set('nonlinearity', nonlinearity);
        if (nonlinearity === 'relu') mode = 'RNN_RELU';
        else if (nonlinearity !== 'tanh') {
          raiseIn(
            at(
              424,
              '__init__',
              `raise ValueError("Unknown nonlinearity '{}'".format(self.nonlinearity))`,
            ),
            'ValueError',
            `Unknown nonlinearity '${pyStr(nonlinearity)}'`,
          );
        }
      }
      initBase(self, [mode, ...args], rest, caller);
      return null;
    },
    name,
  );
  const forward =
    name === 'LSTM'
      ? forwardMethod(name, lstmForward)
      : forwardMethod(name, (self, input, hx) =>
          oneHiddenForward(
            self,
            input,
            hx,
            name === 'GRU'
              ? {
                  raise3: 937,
                  raise2: 932,
                  check: 953,
                  call: 955,
                  callSource:
                    'result = _VF.gru(input, hx, self._flat_weights, self.bias, self.num_layers,',
                }
              : {
                  raise3: 455,
                  raise2: 450,
                  check: 472,
                  call: attr(self, 'mode') === 'RNN_RELU' ? 480 : 476,
                  callSource: `result = _VF.${attr(self, 'mode') === 'RNN_RELU' ? 'rnn_relu' : 'rnn_tanh'}(input, hx, self._flat_weights, self.bias, self.num_layers,`,
                },
          ),
        );
  return moduleSubclass(name, module, [['__init__', init], forward], rnnBase);
}

/** RNNCellBase.__init__ and its subclasses' cells. */
function cell(
  name: 'RNNCell' | 'LSTMCell' | 'GRUCell',
  chunks: number,
  assertLine: number,
): PyClass {
  const params = name === 'RNNCell' ? ", any nonlinearity='tanh'" : '';
  const lines = {RNNCell: 1094, LSTMCell: 1194, GRUCell: 1284};
  return moduleSubclass(name, module, [
    pyMethod(
      name,
      `__init__(any input_size, any hidden_size, any bias=True${params}, any device=None, any dtype=None)`,
      (self, a) => {
        initModule(self);
        const input = a.get('input_size');
        const hidden = a.get('hidden_size');
        setAttr(self, 'input_size', input);
        setAttr(self, 'hidden_size', hidden);
        setAttr(self, 'bias', a.get('bias'));
        const gates = BigInt(chunks) * (hidden as bigint);
        const dtype = a.get('dtype');
        setAttr(self, 'weight_ih', makeParameter(emptyTensor([gates, input], dtype)));
        setAttr(self, 'weight_hh', makeParameter(emptyTensor([gates, hidden], dtype)));
        for (const b of ['bias_ih', 'bias_hh']) {
          if (a.get('bias') !== false) setAttr(self, b, makeParameter(emptyTensor([gates], dtype)));
          else callValue(attr(self, 'register_parameter'), [b, null]);
        }
        resetParameters(self);
        if (name === 'RNNCell') setAttr(self, 'nonlinearity', a.get('nonlinearity'));
        return null;
      },
    ),
    pyMethod(name, 'reset_parameters()', (self) => {
      resetParameters(self);
      return null;
    }),
    pyMethod(name, 'extra_repr()', (self) => {
      let text = `${pyStr(attr(self, 'input_size'))}, ${pyStr(attr(self, 'hidden_size'))}`;
      if (attr(self, 'bias') !== true) text += `, bias=${pyStr(attr(self, 'bias'))}`;
      if (self.dict.has('nonlinearity') && attr(self, 'nonlinearity') !== 'tanh') {
        text += `, nonlinearity=${pyStr(attr(self, 'nonlinearity'))}`;
      }
      return text;
    }),
    forwardMethod(name, (self, inputArg, hxArg) => {
      let input = tensorArg(inputArg, 'dim');
      if (input.dim() !== 1 && input.dim() !== 2) {
        raiseIn(
          at(assertLine, 'forward', 'assert input.dim() in (1, 2), \\', 7),
          'AssertionError',
          `${name}: Expected input to be 1-D or 2-D but received ${input.dim()}-D tensor`,
        );
      }
      const batched = input.dim() === 2;
      if (!batched) input = unsqueeze(input, 0);
      const p: CellParams = {
        wIh: attr(self, 'weight_ih') as Tensor,
        wHh: attr(self, 'weight_hh') as Tensor,
        bIh: attr(self, 'bias_ih') as Tensor | null,
        bHh: attr(self, 'bias_hh') as Tensor | null,
        wHr: null,
      };
      const hidden = int(attr(self, 'hidden_size'));
      const zeros = () => factories.zeros([input.shape[0] ?? 0, hidden], {dtype: input.dtype});
      const callSource =
        name === 'LSTMCell'
          ? 'ret = _VF.lstm_cell('
          : name === 'GRUCell'
            ? 'ret = _VF.gru_cell('
            : `ret = _VF.${attr(self, 'nonlinearity') === 'relu' ? 'rnn_relu_cell' : 'rnn_tanh_cell'}(`;
      const call = at(
        name === 'RNNCell' && attr(self, 'nonlinearity') === 'relu' ? 1100 : lines[name],
        'forward',
        callSource,
        6,
      );
      if (name === 'LSTMCell') {
        let hx: [Tensor, Tensor];
        if (hxArg === null) {
          const z = zeros();
          hx = [z, z];
        } else {
          const items = hxArg instanceof PyTuple || hxArg instanceof PyList ? hxArg.items : [];
          const h = tensorArg(items[0], 'unsqueeze');
          const c = tensorArg(items[1], 'unsqueeze');
          hx = batched ? [h, c] : [unsqueeze(h, 0), unsqueeze(c, 0)];
        }
        let [h, c] = inLibrary(call, () => lstmCellStep(input, hx, p));
        if (!batched) [h, c] = [squeeze(h, 0), squeeze(c, 0)];
        return new PyTuple([h, c]);
      }
      const nonlinearity = name === 'RNNCell' ? attr(self, 'nonlinearity') : 'tanh';
      if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
        raiseIn(
          at(1107, 'forward', 'raise RuntimeError('),
          'RuntimeError',
          `Unknown nonlinearity: ${pyStr(nonlinearity)}`,
        );
      }
      const h0 =
        hxArg === null
          ? zeros()
          : batched
            ? tensorArg(hxArg, 'unsqueeze')
            : unsqueeze(tensorArg(hxArg, 'unsqueeze'), 0);
      const mode = name === 'GRUCell' ? 'GRU' : nonlinearity === 'relu' ? 'RNN_RELU' : 'RNN_TANH';
      const out = inLibrary(call, () => cellStep(mode, input, h0, p));
      return batched ? out : squeeze(out, 0);
    }),
  ]);
}

/** The recurrent module classes by their `torch.nn` name. */
export function rnnClasses(): [string, PyClass][] {
  return [
    ['RNNBase', rnnBase],
    ['RNN', network('RNN', 425, 'super(RNN, self).__init__(mode, *args, **kwargs)')],
    ['LSTM', network('LSTM', 678, "super(LSTM, self).__init__('LSTM', *args, **kwargs)")],
    ['GRU', network('GRU', 906, "super(GRU, self).__init__('GRU', *args, **kwargs)")],
    ['RNNCell', cell('RNNCell', 1, 1082)],
    ['LSTMCell', cell('LSTMCell', 4, 1182)],
    ['GRUCell', cell('GRUCell', 3, 1273)],
  ];
}

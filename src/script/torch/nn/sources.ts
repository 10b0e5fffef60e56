/**
 * Where PyTorch 1.13's nn code is when an exception leaves it: the frames its tracebacks show for
 * a module call (`module.py`, line 1194, in `_call_impl`), a built-in module's forward
 * (`linear.py`, line 114, in `forward`) and a Python-level `torch.nn.functional` function
 * (`functional.py`, line 3026, in `cross_entropy`). Read from
 * /usr/lib/python3/dist-packages/torch/nn; the golden tracebacks check the ones tutorials reach.
 */
import type {LibraryFrame} from '../../errors.js';

const dir = '/usr/lib/python3/dist-packages/torch/nn';

type Site = readonly [file: string, line: number, name: string, source: string];

/**
 * CPython 3.11's caret line under a call that is part of its line (`return f(…)`, `x = f(…)`):
 * none when the call is the whole line (a `raise`, a bare call).
 */
function callCarets(source: string): string | undefined {
  const m = /^(return |[\w, ]+ = )/.exec(source);
  if (!m) return undefined;
  const start = m[0].length;
  return `${' '.repeat(start)}${'^'.repeat(source.length - start)}`;
}

function frame(s: Site): LibraryFrame {
  const carets = callCarets(s[3]);
  return {
    file: `${dir}/${s[0]}`,
    line: s[1],
    name: s[2],
    source: s[3],
    ...(carets === undefined ? {} : {carets}),
  };
}

/** `Module._call_impl` calling forward: without hooks, and with them. */
export const callImplFrame = frame([
  'modules/module.py',
  1194,
  '_call_impl',
  'return forward_call(*input, **kwargs)',
]);
/** `Module._call_impl` calling forward when the module has hooks. */
export const callImplHooksFrame = frame([
  'modules/module.py',
  1212,
  '_call_impl',
  'result = forward_call(*input, **kwargs)',
]);
/** `Module._call_impl` calling a forward pre-hook. */
export const forwardPreHookFrame = frame([
  'modules/module.py',
  1201,
  '_call_impl',
  'result = hook(self, input)',
]);
/** `Module._call_impl` calling a forward hook. */
export const forwardHookFrame = frame([
  'modules/module.py',
  1215,
  '_call_impl',
  'hook_result = hook(self, input, result)',
]);
/** `Module.forward` of a module that defines none (`_forward_unimplemented`). */
export const forwardUnimplementedFrame = frame([
  'modules/module.py',
  246,
  '_forward_unimplemented',
  'raise NotImplementedError(f"Module [{type(self).__name__}] is missing the required \\"forward\\" function")',
]);
/** `Sequential.forward` calling each of its modules. */
export const sequentialFrame = frame([
  'modules/container.py',
  204,
  'forward',
  'input = module(input)',
]);

const act = (line: number, source: string): Site => [
  'modules/activation.py',
  line,
  'forward',
  source,
];
const loss = (line: number, source: string): Site => ['modules/loss.py', line, 'forward', source];

/** Each built-in module's forward, by class (the class whose forward it inherits). */
const forwards: Readonly<Record<string, Site>> = {
  Linear: ['modules/linear.py', 114, 'forward', 'return F.linear(input, self.weight, self.bias)'],
  Flatten: [
    'modules/flatten.py',
    46,
    'forward',
    'return input.flatten(self.start_dim, self.end_dim)',
  ],
  ReLU: act(102, 'return F.relu(input, inplace=self.inplace)'),
  Threshold: act(58, 'return F.threshold(input, self.threshold, self.value, self.inplace)'),
  Hardtanh: act(234, 'return F.hardtanh(input, self.min_val, self.max_val, self.inplace)'),
  ReLU6: act(234, 'return F.hardtanh(input, self.min_val, self.max_val, self.inplace)'),
  Sigmoid: act(294, 'return torch.sigmoid(input)'),
  Tanh: act(358, 'return torch.tanh(input)'),
  SiLU: act(395, 'return F.silu(input, inplace=self.inplace)'),
  Mish: act(431, 'return F.mish(input, inplace=self.inplace)'),
  ELU: act(516, 'return F.elu(input, self.alpha, self.inplace)'),
  GELU: act(684, 'return F.gelu(input, approximate=self.approximate)'),
  LeakyReLU: act(775, 'return F.leaky_relu(input, self.negative_slope, self.inplace)'),
  LogSigmoid: act(802, 'return F.logsigmoid(input)'),
  Softplus: act(841, 'return F.softplus(input, self.beta, self.threshold)'),
  PReLU: act(1240, 'return F.prelu(input, self.weight)'),
  Softsign: act(1266, 'return F.softsign(input)'),
  Softmax: act(1390, 'return F.softmax(input, self.dim, _stacklevel=5)'),
  LogSoftmax: act(1461, 'return F.log_softmax(input, self.dim, _stacklevel=5)'),
  L1Loss: loss(101, 'return F.l1_loss(input, target, reduction=self.reduction)'),
  NLLLoss: loss(
    216,
    'return F.nll_loss(input, target, weight=self.weight, ignore_index=self.ignore_index, reduction=self.reduction)',
  ),
  MSELoss: loss(536, 'return F.mse_loss(input, target, reduction=self.reduction)'),
  BCELoss: loss(
    619,
    'return F.binary_cross_entropy(input, target, weight=self.weight, reduction=self.reduction)',
  ),
  BCEWithLogitsLoss: loss(720, 'return F.binary_cross_entropy_with_logits(input, target,'),
  CrossEntropyLoss: loss(1174, 'return F.cross_entropy(input, target, weight=self.weight,'),
  Dropout: [
    'modules/dropout.py',
    59,
    'forward',
    'return F.dropout(input, self.p, self.training, self.inplace)',
  ],
  Dropout1d: [
    'modules/dropout.py',
    101,
    'forward',
    'return F.dropout1d(input, self.p, self.training, self.inplace)',
  ],
  Dropout2d: [
    'modules/dropout.py',
    150,
    'forward',
    'return F.dropout2d(input, self.p, self.training, self.inplace)',
  ],
  Embedding: ['modules/sparse.py', 160, 'forward', 'return F.embedding('],
  LayerNorm: ['modules/normalization.py', 190, 'forward', 'return F.layer_norm('],
  Conv1d: [
    'modules/conv.py',
    313,
    'forward',
    'return self._conv_forward(input, self.weight, self.bias)',
  ],
  Conv2d: [
    'modules/conv.py',
    463,
    'forward',
    'return self._conv_forward(input, self.weight, self.bias)',
  ],
  MaxPool2d: [
    'modules/pooling.py',
    166,
    'forward',
    'return F.max_pool2d(input, self.kernel_size, self.stride,',
  ],
  AvgPool2d: [
    'modules/pooling.py',
    627,
    'forward',
    'return F.avg_pool2d(input, self.kernel_size, self.stride,',
  ],
  AdaptiveAvgPool2d: [
    'modules/pooling.py',
    1184,
    'forward',
    'return F.adaptive_avg_pool2d(input, self.output_size)',
  ],
};

const forwardFrames = new Map(Object.entries(forwards).map(([k, s]) => [k, frame(s)]));

/** The frame of a built-in module class's forward (`Linear` → linear.py:114); null if none. */
export function forwardFrame(className: string): LibraryFrame | null {
  return forwardFrames.get(className) ?? null;
}

const fn = (name: string, line: number, source: string): Site => [
  'functional.py',
  line,
  name,
  source,
];

/**
 * The line of each Python-level `torch.nn.functional` function that calls into PyTorch's C++
 * (where its errors come from), by whether it runs in place.
 */
const functionals: Readonly<Record<string, readonly [Site, Site?]>> = {
  adaptive_avg_pool2d: [
    fn('adaptive_avg_pool2d', 1214, 'return torch._C._nn.adaptive_avg_pool2d(input, _output_size)'),
  ],
  threshold: [
    fn('_threshold', 1427, 'result = _VF.threshold(input, threshold, value)'),
    fn('_threshold', 1425, 'result = _VF.threshold_(input, threshold, value)'),
  ],
  relu: [
    fn('relu', 1457, 'result = torch.relu(input)'),
    fn('relu', 1455, 'result = torch.relu_(input)'),
  ],
  hardtanh: [
    fn('hardtanh', 1508, 'result = torch._C._nn.hardtanh(input, min_val, max_val)'),
    fn('hardtanh', 1506, 'result = torch._C._nn.hardtanh_(input, min_val, max_val)'),
  ],
  relu6: [
    fn('relu6', 1534, 'result = torch._C._nn.relu6(input)'),
    fn('relu6', 1532, 'result = torch._C._nn.relu6_(input)'),
  ],
  elu: [
    fn('elu', 1548, 'result = torch._C._nn.elu(input, alpha)'),
    fn('elu', 1546, 'result = torch._C._nn.elu_(input, alpha)'),
  ],
  leaky_relu: [
    fn('leaky_relu', 1632, 'result = torch._C._nn.leaky_relu(input, negative_slope)'),
    fn('leaky_relu', 1630, 'result = torch._C._nn.leaky_relu_(input, negative_slope)'),
  ],
  softmax: [fn('softmax', 1841, 'ret = input.softmax(dim)')],
  log_softmax: [fn('log_softmax', 1930, 'ret = input.log_softmax(dim)')],
  silu: [
    fn('silu', 2059, 'return torch._C._nn.silu(input)'),
    fn('silu', 2058, 'return torch._C._nn.silu_(input)'),
  ],
  mish: [
    fn('mish', 2078, 'return torch._C._nn.mish(input)'),
    fn('mish', 2077, 'return torch._C._nn.mish_(input)'),
  ],
  embedding: [
    fn(
      'embedding',
      2210,
      'return torch.embedding(weight, input, padding_idx, scale_grad_by_freq, sparse)',
    ),
  ],
  layer_norm: [
    fn(
      'layer_norm',
      2515,
      'return torch.layer_norm(input, normalized_shape, weight, bias, eps, torch.backends.cudnn.enabled)',
    ),
  ],
};

const functionalFrames = new Map(
  Object.entries(functionals).map(([k, [out, inplace]]) => [
    k,
    [frame(out), inplace ? frame(inplace) : null] as const,
  ]),
);

/** `torch.broadcast_tensors` (torch/functional.py) calling ATen. */
export const broadcastTensorsFrame: LibraryFrame = {
  file: '/usr/lib/python3/dist-packages/torch/functional.py',
  line: 74,
  name: 'broadcast_tensors',
  source: 'return _VF.broadcast_tensors(tensors)  # type: ignore[attr-defined]',
  carets: '       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
};

/** A line of a functional.py function whose failing call is `call` within it (CPython's carets). */
function stepFrame(name: string, line: number, source: string, call: string): LibraryFrame {
  const at = source.indexOf(call);
  return {...frame(fn(name, line, source)), carets: `${' '.repeat(at)}${'^'.repeat(call.length)}`};
}

/** The size check `if not (target.size() == input.size()):` of mse_loss and l1_loss. */
function sizeSteps(name: string, line: number, source: string): Record<string, LibraryFrame[]> {
  return {
    'target.size': [stepFrame(name, line, source, 'target.size')],
    'input.size': [stepFrame(name, line, source, 'input.size')],
  };
}

/** `_Reduction.get_enum` refusing a `reduction=` it does not know. */
const getEnumFrame: LibraryFrame = {
  file: `${dir}/_reduction.py`,
  line: 19,
  name: 'get_enum',
  source: 'raise ValueError("{} is not a valid value for reduction".format(reduction))',
};

/** The line of a loss that calls `_Reduction.get_enum(reduction)`, then get_enum's raise. */
function reductionStep(name: string, line: number, source: string): Record<string, LibraryFrame[]> {
  return {
    reduction: [stepFrame(name, line, source, '_Reduction.get_enum(reduction)'), getEnumFrame],
  };
}

/** A loss whose one line calls C++ with `_Reduction.get_enum(reduction)` among the arguments. */
function callSteps(name: string, line: number, source: string): Record<string, LibraryFrame[]> {
  return {...reductionStep(name, line, source), call: [frame(fn(name, line, source))]};
}

/** mse_loss / l1_loss: the size check, `torch.broadcast_tensors`, then the C++ loss. */
function broadcastLossSteps(name: string, line: number): Record<string, LibraryFrame[]> {
  const call = `return torch._C._nn.${name}(expanded_input, expanded_target, _Reduction.get_enum(reduction))`;
  return {
    ...reductionStep(name, line + 11, call),
    ...sizeSteps(name, line, 'if not (target.size() == input.size()):'),
    broadcast: [
      frame(
        fn(
          name,
          line + 10,
          'expanded_input, expanded_target = torch.broadcast_tensors(input, target)',
        ),
      ),
      broadcastTensorsFrame,
    ],
    call: [frame(fn(name, line + 11, call))],
  };
}

/**
 * The lines of the `torch.nn.functional` functions whose body runs in steps (each step's errors
 * leave from its own line), by function and step.
 */
const functionalSteps: Readonly<Record<string, Readonly<Record<string, LibraryFrame[]>>>> = {
  mse_loss: broadcastLossSteps('mse_loss', 3281),
  nll_loss: callSteps(
    'nll_loss',
    2701,
    'return torch._C._nn.nll_loss_nd(input, target, weight, _Reduction.get_enum(reduction), ignore_index)',
  ),
  cross_entropy: callSteps(
    'cross_entropy',
    3026,
    'return torch._C._nn.cross_entropy_loss(input, target, weight, _Reduction.get_enum(reduction), ignore_index, label_smoothing)',
  ),
  l1_loss: broadcastLossSteps('l1_loss', 3250),
  binary_cross_entropy: {
    ...reductionStep(
      'binary_cross_entropy',
      3084,
      'reduction_enum = _Reduction.get_enum(reduction)',
    ),
    ...sizeSteps('binary_cross_entropy', 3085, 'if target.size() != input.size():'),
    size: [frame(fn('binary_cross_entropy', 3086, 'raise ValueError('))],
    'weight.size': [
      stepFrame(
        'binary_cross_entropy',
        3092,
        'new_size = _infer_size(target.size(), weight.size())',
        'weight.size',
      ),
    ],
    weight: [
      frame(
        fn('binary_cross_entropy', 3092, 'new_size = _infer_size(target.size(), weight.size())'),
      ),
    ],
    call: [
      frame(
        fn(
          'binary_cross_entropy',
          3095,
          'return torch._C._nn.binary_cross_entropy(input, target, weight, reduction_enum)',
        ),
      ),
    ],
  },
  binary_cross_entropy_with_logits: {
    ...reductionStep(
      'binary_cross_entropy_with_logits',
      3157,
      'reduction_enum = _Reduction.get_enum(reduction)',
    ),
    ...sizeSteps(
      'binary_cross_entropy_with_logits',
      3159,
      'if not (target.size() == input.size()):',
    ),
    size: [
      frame(
        fn(
          'binary_cross_entropy_with_logits',
          3160,
          'raise ValueError("Target size ({}) must be the same as input size ({})".format(target.size(), input.size()))',
        ),
      ),
    ],
    call: [
      frame(
        fn(
          'binary_cross_entropy_with_logits',
          3162,
          'return torch.binary_cross_entropy_with_logits(input, target, weight, pos_weight, reduction_enum)',
        ),
      ),
    ],
  },
};

/**
 * The frames (outermost first) of `torch.nn.functional.name` when it is PyTorch Python code
 * calling into C++, for the bound arguments (`inplace=True` runs another line): for the whole
 * call, or for `step` of a function that runs in steps (none for the whole call then); none for
 * a C++ function (`F.linear`).
 */
export function functionalFrame(
  name: string,
  args: ReadonlyMap<string, unknown>,
  step?: string,
): readonly LibraryFrame[] {
  const steps = functionalSteps[name];
  if (steps) return step === undefined ? [] : (steps[step] ?? []);
  const f = functionalFrames.get(name);
  if (!f || step !== undefined) return [];
  return [args.get('inplace') === true && f[1] ? f[1] : f[0]];
}

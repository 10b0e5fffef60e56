/**
 * The Python modules a script can import — `torch`, `torch.nn`, `torch.nn.functional`,
 * `torch.autograd` — with PyTorch's function names and keyword arguments mapped onto autograd/.
 * Names PyTorch has but autograd/ does not yet are a clear NotImplementedError, not an
 * AttributeError.
 */
import type {Scalar} from '../../../autograd/dtype.js';
import {backward as engineBackward, grad as engineGrad} from '../../../autograd/engine.js';
import {inAutogradBackward, inAutogradGrad} from './autograd-frames.js';
import {isGradEnabled, setGradEnabled} from '../../../autograd/gradmode.js';
import * as factories from '../../../autograd/ops/factories.js';
import {torch as autogradTorch} from '../../../autograd/torch.js';
import {Tensor} from '../../../autograd/tensor.js';
import {pyError} from '../errors.js';
import {typeName} from '../repr.js';
import {copyConstructWarning, pyWarn} from '../warnings.js';
import {dirOf} from '../suggest.js';
import {
  PyCallable,
  PyContextManager,
  PyList,
  PyModule,
  PyTuple,
  TorchDtype,
  TorchSize,
  type Kwargs,
} from '../values.js';
import {bind, ov, sig, type Signature} from './args.js';
import {toDType, toInt, toNestedData, toSize} from './convert.js';
import {callMethod, checkNamedDim, tensorMethods, type Args} from './methods.js';
import {functionalModule} from './functional.js';
import {functionClass} from './function.js';
import {autogradGraphModule} from './autograd-graph.js';
import {gradcheckFunctions} from './gradcheck.js';
import {nnModules} from './nn/index.js';
import {isScalar} from './operators.js';
import {joinFunctions} from './join.js';
import {gridFunctions} from './grids.js';
import {randomFunctions} from './random.js';
import {likeOptions} from './new-factories.js';
import {backendsModules} from './backends.js';
import {cudaModule, deviceClass, requireCpu} from './device.js';
import {legacyConstructors, tensorClass, variableClass} from './legacy.js';
import {optimModules} from './optim/index.js';
import {dataModules} from './data.js';
import {distributionModules} from './distributions/index.js';
import {useModules} from './calls.js';
import {dtypeFunctions} from './dtypes.js';
import {finfoClass, iinfoClass} from './type-info.js';
import {factoryWithOut, withOut} from './out.js';

const sitePackages = '/usr/lib/python3/dist-packages/torch';
const tensorSignature = sig(
  'tensor(any data, *, dtype? dtype=None, any device=None, bool requires_grad=False, bool pin_memory=False)',
);

function fn(signature: Signature, run: (a: Args) => unknown): PyCallable {
  return new PyCallable(signature.name, (args, kwargs) => run(bind(signature, args, kwargs)), {
    kind: 'module-function',
    module: 'torch',
  });
}

function factoryOptions(a: Args): {dtype?: ReturnType<typeof toDType>; requiresGrad?: boolean} {
  requireCpu(a.get('device'));
  const dtype = toDType(a.get('dtype'));
  return {...(dtype ? {dtype} : {}), requiresGrad: a.get('requires_grad') === true};
}

const sizeFactoryOverloads = [
  ov(
    '(tuple of ints size, *, tuple of names names, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
    2,
    8,
  ),
  ov(
    '(tuple of SymInts size, *, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
    1,
    8,
  ),
];

const factoryTail =
  '*, dtype? dtype=None, any layout=None, any device=None, bool pin_memory=False, bool requires_grad=False';

function gradModeManager(
  qualname: string,
  mode: () => boolean,
  immediate = false,
  onExit?: () => void,
): PyContextManager {
  const saved: boolean[] = [];
  let previousAtInit = isGradEnabled();
  if (immediate) previousAtInit = setGradEnabled(mode());
  return new PyContextManager(
    qualname,
    () => {
      saved.push(immediate ? previousAtInit : setGradEnabled(mode()));
      return null;
    },
    () => {
      setGradEnabled(saved.pop() ?? true);
      onExit?.();
    },
  );
}

function noArgsClass(qualname: string, make: () => PyContextManager): PyCallable {
  const short = qualname.split('.').pop() ?? qualname;
  return new PyCallable(
    short,
    (args, kwargs) => {
      if (args.length > 0) {
        // no_grad defines __init__; enable_grad has only object's, which words it differently.
        throw pyError(
          'TypeError',
          short === 'enable_grad'
            ? 'enable_grad() takes no arguments'
            : `${short}.__init__() takes 1 positional argument but ${args.length + 1} were given`,
        );
      }
      for (const k of kwargs.keys()) {
        throw pyError('TypeError', `${short}.__init__() got an unexpected keyword argument '${k}'`);
      }
      return make();
    },
    {kind: 'class', qualname},
  );
}

/** The tensor's own methods (no op) that `torch` also has as functions. */
const ownFunctionForms = ['numel'];

/**
 * Functional forms `torch.name(input, ...)` of the tensor methods: those the ops declare with a
 * `function` form, and `torch.numel`.
 */
function functionalForms(): [string, PyCallable][] {
  return [...tensorMethods].flatMap(([name, spec]): [string, PyCallable][] => {
    const form = spec.functionForm ?? (ownFunctionForms.includes(name) ? true : undefined);
    if (form === undefined) return [];
    if (form !== true) {
      // PyTorch parses these functional forms against their own overloads (with `input`).
      const signature: Signature = {
        name,
        params: [{name: 'input', type: 'Tensor'}, ...spec.signature.params],
        style: 'native',
        overloads: form,
      };
      const run = (args: readonly unknown[], kwargs: Kwargs): unknown => {
        const [input, ...rest] = args;
        // `torch.remainder(7, x)`: a Python number first, as PyTorch allows.
        const [, other] = args;
        if (
          spec.reflected &&
          kwargs.size === 0 &&
          args.length === 2 &&
          isScalar(input) &&
          other instanceof Tensor
        ) {
          return spec.reflected(input, other);
        }
        if (input instanceof Tensor) checkNamedDim(spec, input, rest, kwargs);
        const a = bind(signature, args, kwargs);
        const kw = new Map(kwargs);
        kw.delete('input');
        return spec.run(a.get('input') as Tensor, a, rest, kw, {signature, args});
      };
      return [
        [
          name,
          new PyCallable(name, withOut(name, spec.out, run), {
            kind: 'module-function',
            module: 'torch',
          }),
        ],
      ];
    }
    const call = (args: readonly unknown[], kwargs: Kwargs): unknown => {
      const rest = [...args];
      const kw = new Map(kwargs);
      let input: unknown = rest.shift();
      if (input === undefined && kw.has('input')) {
        input = kw.get('input');
        kw.delete('input');
      }
      if (input === undefined) {
        throw pyError('TypeError', `${name}() missing 1 required positional arguments: "input"`);
      }
      if (!(input instanceof Tensor)) {
        if (spec.reflected && (typeof input === 'bigint' || typeof input === 'number')) {
          const other = rest[0] ?? kw.get(spec.signature.params[0]?.name ?? '');
          if (other instanceof Tensor) return spec.reflected(input, other);
        }
        throw pyError(
          'TypeError',
          `${name}(): argument 'input' (position 1) must be Tensor, not ${typeName(input)}`,
        );
      }
      if (spec.noArgs) {
        if (rest.length || kw.size) {
          throw pyError(
            'TypeError',
            `${name}() takes 1 positional argument but ${rest.length + 1} were given`,
          );
        }
        return spec.run(input, new Map(), [], new Map());
      }
      const own = spec.signature;
      if (own.style === 'native' && own.varSize !== true && own.overloads === undefined) {
        // PyTorch parses `torch.f(input, …)` with `input` first: its messages count it.
        checkNamedDim(spec, input, rest, kw);
        const withInput: Signature = {
          ...own,
          params: [{name: 'input', type: 'Tensor'}, ...own.params],
        };
        const a = bind(withInput, [input, ...rest], kw);
        a.delete('input');
        return spec.run(input, a, rest, kw, {signature: withInput, args: [input, ...rest]});
      }
      return callMethod(spec, input, rest, kw);
    };
    return [
      [
        name,
        new PyCallable(name, withOut(name, spec.out, call), {
          kind: 'module-function',
          module: 'torch',
        }),
      ],
    ];
  });
}

/** A tensor or a list of them, each item checked (PyTorch's errors for a non-tensor; found by fuzz). */
function tensorList(v: unknown, role: 'outputs' | 'inputs' | 'grads'): Tensor[] {
  const items =
    v instanceof Tensor ? [v] : v instanceof PyList || v instanceof PyTuple ? v.items : [];
  for (const x of items) {
    if (x instanceof Tensor || (role === 'grads' && x === null)) continue;
    if (role === 'outputs')
      throw pyError('AttributeError', `'${typeName(x)}' object has no attribute 'requires_grad'`);
    if (role === 'inputs')
      throw pyError('RuntimeError', `all inputs have to be Tensors, but got ${typeName(x)}`);
    throw pyError('TypeError', `gradients can be either Tensors or None, but got ${typeName(x)}`);
  }
  return items as Tensor[];
}

function autogradGrad(a: Args): PyTuple {
  const asList = (v: unknown): Tensor[] => tensorList(v, 'grads');
  const go = a.get('grad_outputs');
  const retain = a.get('retain_graph');
  const outputs = tensorList(a.get('outputs'), 'outputs');
  const inputs = tensorList(a.get('inputs'), 'inputs');
  const result = inAutogradGrad(() =>
    engineGrad(outputs, inputs, {
      ...(go === null ? {} : {gradOutputs: go instanceof Tensor ? go : asList(go)}),
      ...(retain === null ? {} : {retainGraph: retain === true}),
      ...(a.get('allow_unused') === true ? {allowUnused: true} : {}),
      // Passed on so that autograd/ refuses it rather than silently computing without a graph.
      ...(a.get('create_graph') === true ? {createGraph: true} : {}),
    }),
  );
  return new PyTuple(result);
}

function autogradBackward(a: Args): null {
  const asList = (v: unknown): Tensor[] => tensorList(v, 'grads');
  const roots = tensorList(a.get('tensors'), 'outputs');
  const grads = a.get('grad_tensors');
  const seeds =
    grads === null
      ? roots.map(() => null)
      : grads instanceof Tensor
        ? [grads]
        : (asList(grads) as (Tensor | null)[]);
  const retain = a.get('retain_graph');
  inAutogradBackward(() => {
    engineBackward(roots, seeds, {
      ...(retain === null ? {} : {retainGraph: retain === true}),
      ...(a.get('create_graph') === true ? {createGraph: true} : {}),
    });
  });
  return null;
}

let cached: Map<string, PyModule> | null = null;

/** The importable modules by dotted name (built once; their functions hold no state). */
export function torchModules(): Map<string, PyModule> {
  if (cached) return cached;
  const functional = functionalModule();
  const autograd = new PyModule(
    'torch.autograd',
    new Map<string, unknown>([
      [
        'grad',
        new PyCallable('grad', (args, kwargs) =>
          autogradGrad(
            bind(
              sig(
                'grad(any outputs, any inputs, any grad_outputs=None, any retain_graph=None, any create_graph=False, any only_inputs=True, any allow_unused=False, any is_grads_batched=False)',
                'python',
              ),
              args,
              kwargs,
            ),
          ),
        ),
      ],
      [
        'backward',
        new PyCallable('backward', (args, kwargs) =>
          autogradBackward(
            bind(
              sig(
                'backward(any tensors, any grad_tensors=None, any retain_graph=None, any create_graph=False, any grad_variables=None, any inputs=None)',
                'python',
              ),
              args,
              kwargs,
            ),
          ),
        ),
      ],
      ['Function', functionClass],
      ...gradcheckFunctions(),
    ]),
    `${sitePackages}/autograd/__init__.py`,
  );
  const {
    nn: nnModule,
    init: nnInit,
    modules: nnModulesPackage,
    moduleModule,
    utils: nnUtils,
  } = nnModules(functional);
  const torch = new PyModule('torch', new Map<string, unknown>(), `${sitePackages}/__init__.py`);
  const attrs = torch.attrs;
  attrs.set(
    'tensor',
    new PyCallable(
      'tensor',
      (args, kwargs) => {
        for (const k of kwargs.keys()) {
          if (!['dtype', 'device', 'requires_grad', 'pin_memory'].includes(k)) {
            throw pyError('TypeError', `tensor() got an unexpected keyword argument '${k}'`);
          }
        }
        if (args.length === 0)
          throw pyError('TypeError', 'tensor() missing 1 required positional arguments: "data"');
        const a = bind(tensorSignature, args, kwargs);
        if (a.get('data') instanceof Tensor) pyWarn('UserWarning', copyConstructWarning);
        return factories.tensor(toNestedData(a.get('data')), factoryOptions(a));
      },
      {kind: 'module-function', module: 'torch'},
    ),
  );
  for (const name of ['ones', 'zeros'] as const) {
    attrs.set(
      name,
      fn(sig(`${name}(*ints size, ${factoryTail})`, 'native', sizeFactoryOverloads), (a) =>
        factories[name](toSize(a.get('size')), factoryOptions(a)),
      ),
    );
  }
  attrs.set(
    'full',
    fn(
      sig(`full(ints size, Number fill_value, ${factoryTail})`, 'native', [
        ov(
          '(tuple of ints size, Number fill_value, *, tuple of names names, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
          3,
          9,
        ),
        ov(
          '(tuple of SymInts size, Number fill_value, *, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
          2,
          9,
        ),
      ]),
      (a) =>
        factories.full(toSize(a.get('size')), a.get('fill_value') as Scalar, factoryOptions(a)),
    ),
  );
  attrs.set(
    'eye',
    fn(
      sig(`eye(int n, int? m=None, ${factoryTail})`, 'native', [
        ov(
          '(int n, *, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
          1,
          7,
        ),
        ov(
          '(int n, int m, *, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
          2,
          8,
        ),
      ]),
      (a) =>
        factories.eye(
          toInt(a.get('n')),
          a.get('m') === null ? null : toInt(a.get('m')),
          factoryOptions(a),
        ),
    ),
  );
  const arangeSignature = sig(
    `arange(Number start, Number? end=None, Number step=1, ${factoryTail})`,
    'native',
    [
      ov(
        '(Number end, *, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
        1,
        7,
      ),
      ov(
        '(Number start, Number end, *, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
        2,
        7,
      ),
      ov(
        '(Number start, Number end, Number step, *, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
        3,
        9,
      ),
    ],
  );
  // arange(end) names its only argument `end` in PyTorch's messages.
  const arangeEnd = sig(
    `arange(Number end, ${factoryTail})`,
    'native',
    arangeSignature.overloads ? [...arangeSignature.overloads] : undefined,
  );
  const arangeRun = (a: Args): unknown => {
    const start = a.get('start') as Scalar;
    const end = a.get('end') as Scalar | null;
    return end === null
      ? factories.arange(0n, start, 1n, factoryOptions(a))
      : factories.arange(start, end, a.get('step') as Scalar, factoryOptions(a));
  };
  attrs.set(
    'arange',
    new PyCallable(
      'arange',
      (args, kwargs) => {
        if (args.length === 1 && !kwargs.has('end') && !kwargs.has('start')) {
          const a = bind(arangeEnd, args, kwargs);
          return factories.arange(0n, a.get('end') as Scalar, 1n, factoryOptions(a));
        }
        return arangeRun(bind(arangeSignature, args, kwargs));
      },
      {kind: 'module-function', module: 'torch'},
    ),
  );
  attrs.set(
    'linspace',
    fn(sig(`linspace(Number start, Number end, int steps, ${factoryTail})`), (a) =>
      factories.linspace(
        a.get('start') as Scalar,
        a.get('end') as Scalar,
        toInt(a.get('steps')),
        factoryOptions(a),
      ),
    ),
  );
  attrs.set(
    'empty',
    fn(
      sig(
        `empty(*ints size, ${factoryTail}, any memory_format=None)`,
        'native',
        sizeFactoryOverloads,
      ),
      (a) => factories.zeros(toSize(a.get('size')), factoryOptions(a)),
    ),
  );
  attrs.set(
    'full_like',
    fn(
      sig(`full_like(Tensor input, Number fill_value, ${factoryTail}, any memory_format=None)`),
      (a) => {
        const input = a.get('input') as Tensor;
        return factories.full(input.shape, a.get('fill_value') as Scalar, likeOptions(a, input));
      },
    ),
  );
  for (const [name, make] of [
    ['ones_like', factories.onesLike],
    ['zeros_like', factories.zerosLike],
    ['empty_like', factories.zerosLike],
  ] as const) {
    attrs.set(
      name,
      fn(sig(`${name}(Tensor input, ${factoryTail}, any memory_format=None)`), (a) =>
        make(a.get('input') as Tensor, factoryOptions(a)),
      ),
    );
  }
  for (const [name, callable] of functionalForms()) attrs.set(name, callable);
  for (const [name, callable] of joinFunctions()) attrs.set(name, callable);
  for (const [name, callable] of gridFunctions()) attrs.set(name, callable);
  for (const [name, callable] of randomFunctions()) attrs.set(name, callable);
  for (const [name, callable] of dtypeFunctions()) attrs.set(name, callable);
  // factories take out= (the values made in out's dtype, written into it)
  for (const name of [
    'zeros',
    'ones',
    'full',
    'eye',
    'arange',
    'linspace',
    'empty',
    'rand',
    'randn',
    'randint',
    'randperm',
  ]) {
    const made = attrs.get(name) as PyCallable;
    attrs.set(name, new PyCallable(name, factoryWithOut(name, made.call), made.kind));
  }
  attrs.set(
    'rsub',
    fn(sig('rsub(Tensor input, TensorOrNumber other, *, Number alpha=1)'), (a) =>
      autogradTorch.rsub(a.get('input') as Tensor, a.get('other') as Tensor | Scalar, {
        alpha: a.get('alpha') as Scalar,
      }),
    ),
  );
  attrs.set(
    'no_grad',
    noArgsClass('torch.autograd.grad_mode.no_grad', () =>
      gradModeManager('torch.autograd.grad_mode.no_grad', () => false),
    ),
  );
  attrs.set(
    'enable_grad',
    noArgsClass('torch.autograd.grad_mode.enable_grad', () =>
      gradModeManager('torch.autograd.grad_mode.enable_grad', () => true),
    ),
  );
  attrs.set(
    'set_grad_enabled',
    new PyCallable(
      'set_grad_enabled',
      (args, kwargs) => {
        const a = bind(sig('set_grad_enabled.__init__(any mode)', 'python'), args, kwargs);
        const mode = a.get('mode');
        if (typeof mode !== 'boolean')
          throw pyError('TypeError', `enabled must be a bool (got ${typeName(mode)})`);
        return gradModeManager('torch.autograd.grad_mode.set_grad_enabled', () => mode, true);
      },
      {kind: 'class', qualname: 'torch.autograd.grad_mode.set_grad_enabled'},
    ),
  );
  /** How many `torch.inference_mode()` blocks are open (`torch.is_inference_mode_enabled()`). */
  let inferenceDepth = 0;
  attrs.set(
    'inference_mode',
    new PyCallable(
      'inference_mode',
      (args, kwargs) => {
        const a = bind(sig('inference_mode.__init__(any mode=True)', 'python'), args, kwargs);
        // InferenceMode turns gradient recording off; mode=False leaves the grad mode as it is.
        // (grad-graph does not mark the tensors made inside as inference tensors.)
        const on = a.get('mode') !== false;
        return gradModeManager(
          'torch.autograd.grad_mode.inference_mode',
          () => {
            inferenceDepth += on ? 1 : 0;
            return on ? false : isGradEnabled();
          },
          false,
          () => {
            inferenceDepth -= on ? 1 : 0;
          },
        );
      },
      {kind: 'class', qualname: 'torch.autograd.grad_mode.inference_mode'},
    ),
  );
  attrs.set(
    'is_inference_mode_enabled',
    fn(sig('is_inference_mode_enabled()'), () => inferenceDepth > 0),
  );
  attrs.set(
    'is_grad_enabled',
    fn(sig('is_grad_enabled()'), () => isGradEnabled()),
  );
  attrs.set(
    'Size',
    new PyCallable(
      'Size',
      (args) => {
        // PyTorch's check of each item (a float or list became a NaN size; found by fuzz).
        const items = args[0] instanceof PyList || args[0] instanceof PyTuple ? args[0].items : [];
        items.forEach((x, i) => {
          if (typeof x !== 'bigint' && typeof x !== 'boolean' && !(x instanceof Tensor)) {
            throw pyError(
              'TypeError',
              `torch.Size() takes an iterable of 'int' (item ${i} is '${typeName(x)}')`,
            );
          }
        });
        return new TorchSize(args.length ? toSize(args[0]).map(Number) : []);
      },
      {kind: 'class', qualname: 'torch.Size'},
    ),
  );
  attrs.set('Tensor', tensorClass());
  for (const [name, callable] of legacyConstructors()) attrs.set(name, callable);
  attrs.set('device', deviceClass);
  attrs.set('iinfo', iinfoClass);
  attrs.set('finfo', finfoClass);
  const cuda = cudaModule();
  attrs.set('cuda', cuda);
  const backends = backendsModules();
  attrs.set('backends', backends[0]?.[1]);
  autograd.attrs.set('Variable', variableClass());
  for (const [name, d] of [
    ['float32', 'float32'],
    ['float', 'float32'],
    ['float64', 'float64'],
    ['double', 'float64'],
    ['float16', 'float16'],
    ['half', 'float16'],
    ['int64', 'int64'],
    ['long', 'int64'],
    ['int32', 'int32'],
    ['int', 'int32'],
    ['int16', 'int16'],
    ['short', 'int16'],
    ['int8', 'int8'],
    ['uint8', 'uint8'],
    ['bool', 'bool'],
  ] as const) {
    attrs.set(name, TorchDtype.of(d));
  }
  attrs.set('nn', nnModule);
  attrs.set('autograd', autograd);
  const graph = autogradGraphModule();
  autograd.attrs.set('graph', graph);
  const optim = optimModules();
  attrs.set('optim', optim[0]?.[1]);
  const data = dataModules();
  attrs.set('utils', data[0]?.[1]);
  useModules(torch, functional);
  const distributions = distributionModules();
  attrs.set('distributions', distributions[0]?.[1]);
  cached = new Map([
    ...optim,
    ...data,
    ...distributions,
    ['torch', torch],
    ['torch.nn', nnModule],
    ['torch.nn.functional', functional],
    ['torch.nn.init', nnInit],
    ['torch.nn.modules', nnModulesPackage],
    ['torch.nn.modules.module', moduleModule],
    ['torch.nn.utils', nnUtils],
    ['torch.autograd', autograd],
    ['torch.autograd.graph', graph],
    ['torch.cuda', cuda],
    ...backends,
  ]);
  return cached;
}

/** Is `name` a member PyTorch has in this module (so a missing one is "not supported yet")? */
export function knownMember(module: string, name: string): boolean {
  return dirOf(module).includes(name);
}

/**
 * Devices as PyTorch 1.13 has them on a machine without CUDA: `torch.device` objects (repr, str,
 * `type`, `index`, equality), device strings parsed with c10::Device's messages, `device=`
 * arguments checked, and `torch.cuda`. grad-graph runs on the CPU only, so CUDA fails exactly as
 * a CPU-only PyTorch build fails: an AssertionError raised from `torch/cuda/__init__.py`.
 */
import {pyError, type PyException} from '../errors.js';
import {objectClass, PyClass, PyInstance, PyMethodDescriptor, PyProperty} from '../objects.js';
import {typeName} from '../repr.js';
import {PyCallable, PyModule} from '../values.js';

const DEVICE_TYPES = [
  'cpu',
  'cuda',
  'ipu',
  'xpu',
  'mkldnn',
  'opengl',
  'opencl',
  'ideep',
  'hip',
  've',
  'fpga',
  'ort',
  'xla',
  'lazy',
  'vulkan',
  'mps',
  'meta',
  'hpu',
  'privateuseone',
];

/** A parsed device: its type and index (null when not given). */
export interface DeviceSpec {
  readonly type: string;
  readonly index: number | null;
}

/** The AssertionError a CPU-only PyTorch raises when CUDA is asked for, with its library frame. */
export function cudaNotCompiled(): PyException {
  const e = pyError('AssertionError', 'Torch not compiled with CUDA enabled');
  e.libraryFrames = [
    {
      file: '/usr/lib/python3/dist-packages/torch/cuda/__init__.py',
      line: 221,
      name: '_lazy_init',
      source: 'raise AssertionError("Torch not compiled with CUDA enabled")',
    },
  ];
  return e;
}

/** Parses a device string as c10::Device does (`cpu`, `cuda:1`), with its messages. */
export function parseDeviceString(device: string): DeviceSpec {
  if (device === '') throw pyError('RuntimeError', 'Device string must not be empty');
  const m = /^([a-zA-Z_]+)(?::([1-9]\d*|0))?$/.exec(device);
  if (!m) throw pyError('RuntimeError', `Invalid device string: '${device}'`);
  const type = m[1] ?? '';
  if (!DEVICE_TYPES.includes(type)) {
    throw pyError(
      'RuntimeError',
      `Expected one of ${DEVICE_TYPES.join(', ')} device type at start of device string: ${type}`,
    );
  }
  return {type, index: m[2] === undefined ? null : Number(m[2])};
}

function spec(self: unknown): DeviceSpec {
  return (self as PyInstance).native as DeviceSpec;
}

function deviceStr(d: DeviceSpec): string {
  return d.index === null ? d.type : `${d.type}:${d.index}`;
}

function method(name: string, run: (self: unknown, args: readonly unknown[]) => unknown) {
  return new PyMethodDescriptor(name, (self, args) => run(self, args), 'device');
}

function property(name: string, get: (d: DeviceSpec) => unknown): PyProperty {
  return new PyProperty(method(name, (self) => get(spec(self))));
}

function sameDevice(a: unknown, b: unknown): boolean {
  return (
    b instanceof PyInstance &&
    b.cls === deviceClass &&
    spec(a).type === spec(b).type &&
    spec(a).index === spec(b).index
  );
}

/** `torch.device(type)`, `torch.device('cuda:1')`, `torch.device('cuda', 0)`, `torch.device(d)`. */
function createDevice(cls: PyClass, args: readonly unknown[]): PyInstance {
  const inst = new PyInstance(cls);
  const [first, index] = args;
  let d: DeviceSpec;
  if (first instanceof PyInstance && first.cls === deviceClass) d = spec(first);
  else if (typeof first === 'bigint') {
    if (first < 0n) throw pyError('RuntimeError', 'Device index must not be negative');
    d = {type: 'cuda', index: Number(first)};
  } else if (typeof first === 'string') {
    d = parseDeviceString(first);
    if (index !== undefined && index !== null) {
      if (d.index !== null) {
        throw pyError(
          'RuntimeError',
          `type (string) must not include an index because index was passed explicitly: ${first}`,
        );
      }
      if (typeof index !== 'bigint') {
        throw pyError(
          'TypeError',
          `device(): argument 'index' (position 2) must be int, not ${typeName(index)}`,
        );
      }
      if (index < 0n) throw pyError('RuntimeError', 'Device index must not be negative');
      d = {type: d.type, index: Number(index)};
    }
  } else {
    throw pyError(
      'TypeError',
      `device() received an invalid combination of arguments - got (${args.map(typeName).join(', ')})`,
    );
  }
  inst.native = d;
  return inst;
}

/** The class `torch.device`. */
export const deviceClass: PyClass = new PyClass(
  'device',
  [objectClass],
  new Map<string, unknown>([
    // The arguments were read when the instance was made (`create` below).
    ['__init__', method('__init__', () => null)],
    [
      '__repr__',
      method('__repr__', (self) => {
        const d = spec(self);
        return d.index === null
          ? `device(type='${d.type}')`
          : `device(type='${d.type}', index=${d.index})`;
      }),
    ],
    ['__str__', method('__str__', (self) => deviceStr(spec(self)))],
    ['__eq__', method('__eq__', (self, args) => sameDevice(self, args[0]))],
    ['__ne__', method('__ne__', (self, args) => !sameDevice(self, args[0]))],
    ['__hash__', method('__hash__', (self) => BigInt(deviceStr(spec(self)).length))],
    ['type', property('type', (d) => d.type)],
    ['index', property('index', (d) => (d.index === null ? null : BigInt(d.index)))],
  ]),
  'torch',
  'device',
  (cls, args) => createDevice(cls, args),
);

/** `torch.device('cpu')`: what `x.device` is for every tensor here. */
export function cpuDevice(): PyInstance {
  return createDevice(deviceClass, ['cpu']);
}

/**
 * A `device=` argument (None, a string, an int or a torch.device): returns for the CPU, raises
 * what PyTorch without CUDA raises for CUDA, and a clear error for the other device types.
 */
export function requireCpu(device: unknown): void {
  if (device === null || device === undefined) return;
  let d: DeviceSpec;
  if (device instanceof PyInstance && device.cls === deviceClass) d = spec(device);
  else if (typeof device === 'bigint') d = {type: 'cuda', index: Number(device)};
  else if (typeof device === 'string') d = parseDeviceString(device);
  else {
    throw pyError(
      'TypeError',
      `expected a torch.device, a str or an int as device, not ${typeName(device)}`,
    );
  }
  if (d.type === 'cpu') return;
  if (d.type === 'cuda') throw cudaNotCompiled();
  throw pyError('NotImplementedError', `the ${d.type} device is not supported by grad-graph`);
}

/** Is `v` a device argument (a str or a torch.device), as `.to(...)` tells it from a dtype? */
export function isDevice(v: unknown): boolean {
  return typeof v === 'string' || (v instanceof PyInstance && v.cls === deviceClass);
}

/** Checks a device given as a string or an int; returns normally only for the CPU. */
export function checkDevice(device: string | bigint): void {
  requireCpu(device);
}

/** `torch.cuda`: no CUDA here (`is_available()` is False, `device_count()` 0). */
export function cudaModule(): PyModule {
  const fn = (name: string, run: () => unknown, arity = 0) =>
    [
      name,
      new PyCallable(
        name,
        (args, kwargs) => {
          if (args.length + kwargs.size !== arity) {
            throw pyError(
              'TypeError',
              `${name}() takes ${arity} positional argument${arity === 1 ? '' : 's'} but ${args.length} were given`,
            );
          }
          return run();
        },
        {kind: 'module-function', module: 'torch.cuda'},
      ),
    ] as [string, PyCallable];
  return new PyModule(
    'torch.cuda',
    new Map<string, unknown>([
      fn('is_available', () => false),
      fn('device_count', () => 0n),
      fn('current_device', () => {
        throw cudaNotCompiled();
      }),
      fn('synchronize', () => {
        throw cudaNotCompiled();
      }),
      // Seeding CUDA generators does nothing without CUDA, as in PyTorch.
      fn('manual_seed', () => null, 1),
      fn('manual_seed_all', () => null, 1),
    ]),
    '/usr/lib/python3/dist-packages/torch/cuda/__init__.py',
  );
}

/**
 * Devices as PyTorch 1.13 parses them (`x.to('cpu')`, `x.to('cuda:0')`): grad-graph runs on the
 * CPU only, so 'cpu' is accepted, CUDA fails as a CPU-only PyTorch build does, and a malformed
 * string gets c10::Device's messages.
 */
import {pyError} from '../errors.js';

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

/** Checks a device given as a string or an int; returns normally only for the CPU. */
export function checkDevice(device: string | bigint): void {
  if (typeof device === 'bigint') {
    throw pyError('AssertionError', 'Torch not compiled with CUDA enabled');
  }
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
  if (type === 'cpu') return;
  if (type === 'cuda') throw pyError('AssertionError', 'Torch not compiled with CUDA enabled');
  throw pyError('NotImplementedError', `the ${type} device is not supported by grad-graph`);
}

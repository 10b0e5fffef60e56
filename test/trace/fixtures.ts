/**
 * Traces made by running autograd under traceCallback, for tests that need a real trace but no
 * script: the seed tutorial's first cells written against the TypeScript API.
 */
import {torch} from '../../autograd/torch.js';
import {traceCallback} from '../../src/trace/callback.js';
import type {Trace} from '../../src/trace/schema.js';

/** `x = torch.ones(2,2,requires_grad=True); y = x+2; z = y * y * 3; out = z.mean(); out.backward()`. */
export function seedTrace(): Trace {
  return traceCallback((name) => {
    const x = name('x', torch.ones([2, 2], {requiresGrad: true}));
    const y = name('y', x.add(2));
    const z = name('z', y.mul(y).mul(3));
    const out = name('out', z.mean());
    out.backward();
  });
}

/** A deep copy through JSON, as a trace saved and loaded elsewhere would be. */
export function viaJson(trace: Trace): unknown {
  return JSON.parse(JSON.stringify(trace)) as unknown;
}

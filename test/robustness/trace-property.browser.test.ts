/**
 * A trace given through the `trace` property is untrusted JSON: malformed or hostile values
 * (wrong version, wrong types, cycles in next_functions, huge arrays, dangling ids, `__proto__`
 * keys, throwing getters, deep nesting, not an object at all) get a clear error inside the element,
 * never a broken element or an uncaught exception, and the element recovers with good input.
 * (The element has no trace URL: `src` loads Python source only.)
 */
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {GradGraph} from '../../components/grad-graph.js';
import {traceSource} from '../../src/run/index.js';
import type {Trace} from '../../src/trace/schema.js';
import {mount, seedSource, shadow} from '../components/helpers.js';

type Json = Record<string, unknown>;

/** A fresh, valid trace of the seed as plain JSON, to break in one place. */
function seedJson(): Json {
  return JSON.parse(JSON.stringify(traceSource(seedSource))) as Json;
}

function list(o: Json, key: string): Json[] {
  return o[key] as Json[];
}

/** Odd but well-formed: accepted, drawn, and nothing leaks (no prototype pollution). */
const acceptedSafely = new Set([
  'a tensor with a huge shape',
  '__proto__ keys',
  '__proto__ inside a tensor record',
]);

const hostile: [string, () => unknown][] = [
  ['an empty object', () => ({})],
  ['null inside an array', () => [null]],
  ['a number', () => 42],
  ['a string', () => '{"format": "grad-graph-trace"}'],
  [
    'a wrong version',
    () => {
      const t = seedJson();
      t.version = 999;
      return t;
    },
  ],
  [
    'a wrong format',
    () => {
      const t = seedJson();
      t.format = 'something-else';
      return t;
    },
  ],
  [
    'tensors as a string',
    () => {
      const t = seedJson();
      t.tensors = 'abc';
      return t;
    },
  ],
  [
    'a shape of strings',
    () => {
      const t = seedJson();
      const first = list(t, 'tensors')[0];
      if (first) first.shape = ['a', {}];
      return t;
    },
  ],
  [
    'a cycle in next_functions',
    () => {
      const t = seedJson();
      const fns = list(t, 'gradFns');
      const [a, b] = fns;
      if (a && b) {
        a.next = [{gradFnId: b.id, inputNr: 0}];
        b.next = [{gradFnId: a.id, inputNr: 0}];
      }
      return t;
    },
  ],
  [
    'a grad_fn that is its own next function',
    () => {
      const t = seedJson();
      const a = list(t, 'gradFns')[0];
      if (a) a.next = [{gradFnId: a.id, inputNr: 0}];
      return t;
    },
  ],
  [
    'an op input id that points nowhere',
    () => {
      const t = seedJson();
      const op = list(t, 'ops')[0];
      if (op) op.inputs = [987_654];
      return t;
    },
  ],
  [
    'a tensor grad_fn id that points nowhere',
    () => {
      const t = seedJson();
      const tensor = list(t, 'tensors')[1];
      if (tensor) tensor.gradFnId = 424_242;
      return t;
    },
  ],
  [
    'a huge ops array',
    () => {
      const t = seedJson();
      const op = list(t, 'ops')[0];
      t.ops = Array.from({length: 300_000}, () => op);
      return t;
    },
  ],
  [
    'a tensor with a huge shape',
    () => {
      const t = seedJson();
      const first = list(t, 'tensors')[0];
      if (first) first.shape = [1e9, 1e9];
      return t;
    },
  ],
  [
    '__proto__ keys',
    () => {
      const text = JSON.stringify(seedJson()).replace(
        /^\{/,
        '{"__proto__": {"polluted": true, "tensors": []}, ',
      );
      return JSON.parse(text) as unknown;
    },
  ],
  [
    '__proto__ inside a tensor record',
    () => {
      const t = seedJson();
      const text = JSON.stringify(t).replace('"tensors":[{', '"tensors":[{"__proto__":{"id":1},');
      return JSON.parse(text) as unknown;
    },
  ],
  [
    'a throwing getter',
    () => {
      const t = seedJson();
      Object.defineProperty(t, 'ops', {
        get() {
          throw new Error('boom from a getter');
        },
        enumerable: true,
      });
      return t;
    },
  ],
  [
    'a Proxy that throws on every read',
    () =>
      new Proxy(
        {},
        {
          get() {
            throw new Error('proxy says no');
          },
          has() {
            throw new Error('proxy says no');
          },
          ownKeys() {
            throw new Error('proxy says no');
          },
        },
      ),
  ],
  [
    'deeply nested op arguments',
    () => {
      const t = seedJson();
      let deep: unknown = 1;
      for (let i = 0; i < 100_000; i++) deep = [deep];
      const op = list(t, 'ops')[0];
      if (op) op.args = {dim: deep};
      return t;
    },
  ],
  [
    'NaN and Infinity where counts belong',
    () => {
      const t = seedJson();
      const first = list(t, 'tensors')[0];
      if (first) first.id = Number.NaN;
      const op = list(t, 'ops')[0];
      if (op) op.seq = Infinity;
      return t;
    },
  ],
];

let uncaught: string[] = [];
const onError = (e: ErrorEvent) => uncaught.push(`error: ${e.message}`);
const onRejection = (e: PromiseRejectionEvent) => uncaught.push(`rejection: ${String(e.reason)}`);

beforeEach(() => {
  uncaught = [];
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
});
afterEach(() => {
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  document.body.replaceChildren();
});

async function settle(el: GradGraph): Promise<void> {
  await vi.waitFor(
    () => {
      if (el.stepCount === 0 && !el.error) throw new Error('not settled');
    },
    {timeout: 10_000, interval: 20},
  );
  await el.updateComplete;
}

describe('the trace property validates what it is given', () => {
  for (const [what, make] of hostile.filter(([w]) => acceptedSafely.has(w))) {
    it(`${what}: drawn as a valid trace, nothing polluted`, async () => {
      const el = mount({}, null);
      el.trace = make() as Trace;
      await settle(el);
      expect(el.error).toBeNull();
      expect(el.stepCount).toBeGreaterThan(3);
      el.seek(el.stepCount - 1);
      await el.updateComplete;
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'tensors')).toBe(false);
      expect(uncaught).toEqual([]);
    });
  }
  for (const [what, make] of hostile.filter(([w]) => !acceptedSafely.has(w))) {
    it(`${what}: a clear error in the element, then recovery`, async () => {
      const el = mount({}, null);
      el.trace = make() as Trace;
      await settle(el);
      expect(el.error, 'an error is reported').not.toBeNull();
      expect(el.stepCount).toBe(0);
      const message = `${el.error?.type ?? ''}: ${el.error?.message ?? ''}`;
      expect(message).not.toMatch(/Cannot read propert|undefined|\[object|is not a function|NaN/);
      expect(message).toMatch(/trace|\$/i);
      const box = shadow(el).querySelector('[part="error"]');
      expect(box?.textContent).toContain(el.error?.message ?? '');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // The element still works: a good source replaces the bad trace.
      el.trace = null;
      el.source = seedSource;
      await vi.waitFor(() => {
        if (el.stepCount === 0) throw new Error('not rebuilt');
      });
      expect(el.error).toBeNull();
      expect(uncaught).toEqual([]);
    });
  }
});

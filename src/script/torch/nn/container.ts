/**
 * `nn.Sequential` as PyTorch 1.13's container.py defines it: children registered as '0', '1', …
 * (or an OrderedDict's names), forward chaining them, len, integer indexing (negative too),
 * slicing to a new Sequential, iteration over the children, and append.
 */
import {callValue} from '../../call.js';
import {PyOrderedDict} from '../../containers.js';
import {pyError} from '../../errors.js';
import {PyMethodDescriptor, type PyClass, type PyInstance} from '../../objects.js';
import {typeName} from '../../repr.js';
import {PyIterator, PySlice} from '../../values.js';
import {sliceIndices} from '../../subscript.js';
import {addModule, initModule, moduleDict, moduleSubclass, pyMethod} from './module.js';

function children(self: PyInstance): [unknown, unknown][] {
  return moduleDict(self, '_modules')?.items() ?? [];
}

/** `Sequential._get_item_by_idx`: `operator.index(idx)`, then PyTorch's range check. */
function itemIndex(idx: unknown, size: number): number {
  let i: bigint;
  if (typeof idx === 'bigint') i = idx;
  else if (typeof idx === 'boolean') i = idx ? 1n : 0n;
  else throw pyError('TypeError', `'${typeName(idx)}' object cannot be interpreted as an integer`);
  const n = BigInt(size);
  if (!(-n <= i && i < n)) throw pyError('IndexError', `index ${String(i)} is out of range`);
  return Number(((i % n) + n) % n);
}

function method(
  name: string,
  run: (self: PyInstance, args: readonly unknown[]) => unknown,
): [string, PyMethodDescriptor] {
  return [
    name,
    new PyMethodDescriptor(name, (self, args) => run(self as PyInstance, args), 'Sequential'),
  ];
}

const sequential: PyClass = moduleSubclass('Sequential', 'torch.nn.modules.container', [
  method('__init__', (self, args) => {
    initModule(self);
    const [first] = args;
    if (args.length === 1 && first instanceof PyOrderedDict) {
      for (const [key, module] of first.items()) addModule(self, key, module);
    } else {
      args.forEach((module, i) => {
        addModule(self, String(i), module);
      });
    }
    return null;
  }),
  pyMethod('Sequential', 'forward(any input)', (self, a) => {
    let input = a.get('input');
    for (const [, module] of children(self)) input = callValue(module, [input]);
    return input;
  }),
  pyMethod('Sequential', '__getitem__(any idx)', (self, a) => {
    const idx = a.get('idx');
    const items = children(self);
    if (idx instanceof PySlice) {
      const [start, , step, count] = sliceIndices(idx, BigInt(items.length));
      const picked: [unknown, unknown][] = [];
      for (let i = 0n, j = start; i < count; i++, j += step) {
        const item = items[Number(j)];
        if (item) picked.push(item);
      }
      return callValue(self.cls, [new PyOrderedDict(picked)]);
    }
    return items[itemIndex(idx, items.length)]?.[1];
  }),
  pyMethod('Sequential', '__len__()', (self) => BigInt(children(self).length)),
  pyMethod(
    'Sequential',
    '__iter__()',
    (self) =>
      new PyIterator(
        'odict_valueiterator',
        children(self).map(([, m]) => m),
      ),
  ),
  pyMethod('Sequential', 'append(any module)', (self, a) => {
    addModule(self, String(children(self).length), a.get('module'));
    return self;
  }),
]);

/** The container classes by their `torch.nn` name. */
export function containerClasses(): [string, PyClass][] {
  return [['Sequential', sequential]];
}

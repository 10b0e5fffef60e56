/**
 * `nn.Sequential` as PyTorch 1.13's container.py defines it: children registered as '0', '1', …
 * (or an OrderedDict's names), forward chaining them, len, integer indexing (negative too),
 * slicing to a new Sequential, iteration over the children, item assignment and deletion (the
 * rest renumbered), append, insert and extend.
 */
import {callValue} from '../../call.js';
import {PyOrderedDict} from '../../containers.js';
import {inLibrary, pyError} from '../../errors.js';
import {late} from '../../late.js';
import {instanceDelAttr, instanceSetAttr} from '../../classes.js';
import {PyMethodDescriptor, type PyClass, type PyInstance} from '../../objects.js';
import {typeName} from '../../repr.js';
import {PyIterator, PySlice} from '../../values.js';
import {sliceIndices} from '../../subscript.js';
import {addModule, initModule, isModule, moduleDict, moduleSubclass, pyMethod} from './module.js';
import {sequentialFrame} from './sources.js';

function children(self: PyInstance): [unknown, unknown][] {
  return moduleDict(self, '_modules')?.items() ?? [];
}

/** `Sequential._get_item_by_idx`: `operator.index(idx)`, then PyTorch's range check. */
export function itemIndex(idx: unknown, size: number): number {
  let i: bigint;
  if (typeof idx === 'bigint') i = idx;
  else if (typeof idx === 'boolean') i = idx ? 1n : 0n;
  else throw pyError('TypeError', `'${typeName(idx)}' object cannot be interpreted as an integer`);
  const n = BigInt(size);
  if (!(-n <= i && i < n)) throw pyError('IndexError', `index ${String(i)} is out of range`);
  return Number(((i % n) + n) % n);
}

/** The children of `self` picked by a slice, as [name, module] pairs. */
export function sliced(items: readonly [unknown, unknown][], idx: PySlice): [unknown, unknown][] {
  const [start, , step, count] = sliceIndices(idx, BigInt(items.length));
  const picked: [unknown, unknown][] = [];
  for (let i = 0n, j = start; i < count; i++, j += step) {
    const item = items[Number(j)];
    if (item) picked.push(item);
  }
  return picked;
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
    for (const [, module] of children(self)) {
      input = inLibrary(sequentialFrame, () => callValue(module, [input]));
    }
    return input;
  }),
  pyMethod('Sequential', '__getitem__(any idx)', (self, a) => {
    const idx = a.get('idx');
    const items = children(self);
    if (idx instanceof PySlice) return callValue(self.cls, [new PyOrderedDict(sliced(items, idx))]);
    return items[itemIndex(idx, items.length)]?.[1];
  }),
  pyMethod('Sequential', '__setitem__(any idx, any module)', (self, a) => {
    const items = children(self);
    const key = items[itemIndex(a.get('idx'), items.length)]?.[0];
    instanceSetAttr(self, String(key), a.get('module'));
    return null;
  }),
  pyMethod('Sequential', '__delitem__(any idx)', (self, a) => {
    const idx = a.get('idx');
    const items = children(self);
    const doomed =
      idx instanceof PySlice ? sliced(items, idx) : [items[itemIndex(idx, items.length)]];
    for (const item of doomed) if (item) instanceDelAttr(self, String(item[0]));
    // PyTorch renumbers the rest '0', '1', … (whatever their names were).
    self.dict.set('_modules', new PyOrderedDict(children(self).map(([, m], i) => [String(i), m])));
    return null;
  }),
  pyMethod('Sequential', 'insert(any index, any module)', (self, a) => {
    const module = a.get('module');
    if (!isModule(module)) {
      throw pyError(
        'AssertionError',
        "module should be of type: <class 'torch.nn.modules.module.Module'>",
      );
    }
    const modules = moduleDict(self, '_modules');
    const n = BigInt(modules?.size ?? 0);
    const index = a.get('index');
    if (typeof index !== 'bigint') {
      throw pyError(
        'TypeError',
        `'<=' not supported between instances of 'int' and '${typeName(index)}'`,
      );
    }
    if (!(-n <= index && index <= n)) {
      throw pyError('IndexError', `Index out of range: ${String(index)}`);
    }
    const at = index < 0n ? index + n : index;
    for (let i = n; i > at; i--) modules?.set(String(i), modules.get(String(i - 1n)));
    modules?.set(String(at), module);
    return self;
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
  pyMethod('Sequential', 'extend(any sequential)', (self, a) => {
    for (const layer of late.iterate(a.get('sequential'))) {
      addModule(self, String(children(self).length), layer);
    }
    return self;
  }),
]);

/** The container classes by their `torch.nn` name. */
export function containerClasses(): [string, PyClass][] {
  return [['Sequential', sequential]];
}

/**
 * `nn.ModuleList` and `nn.ModuleDict` as PyTorch 1.13's container.py defines them: modules held
 * in `_modules` (so parameters(), state_dict(), train() and the repr see them) under '0', '1', …
 * or their keys; list and dict behaviour (indexing, slicing, assignment, deletion with the rest
 * renumbered, append/extend/insert/pop, `+=`, `+`; keys/items/values/update/pop/clear, `in`),
 * with PyTorch's messages. Neither defines forward: calling one is Module's NotImplementedError.
 */
import {Tensor} from '../../../../autograd/tensor.js';
import {callValue} from '../../call.js';
import {instanceDelAttr, instanceSetAttr} from '../../classes.js';
import {PyDict, PyDictView, PyOrderedDict, PySet} from '../../containers.js';
import {hasSpecial} from '../../dunders.js';
import {keyError, pyError} from '../../errors.js';
import {late} from '../../late.js';
import {PyInstance, type PyClass} from '../../objects.js';
import {pyRepr, typeName} from '../../repr.js';
import {PyIterator, PyList, PyRange, PySlice, PyTuple} from '../../values.js';
import {itemIndex, sliced} from './container.js';
import {addModule, initModule, moduleDict, moduleSubclass, pyMethod} from './module.js';

/** `isinstance(v, collections.abc.Iterable)`. */
function isIterable(v: unknown): boolean {
  return (
    typeof v === 'string' ||
    v instanceof PyList ||
    v instanceof PyTuple ||
    v instanceof PyDict ||
    v instanceof PyDictView ||
    v instanceof PySet ||
    v instanceof PyIterator ||
    v instanceof PyRange ||
    v instanceof Tensor ||
    (v instanceof PyInstance && hasSpecial(v, '__iter__'))
  );
}

function modules(self: PyInstance): PyDict {
  const d = moduleDict(self, '_modules');
  if (d === null)
    throw pyError('AttributeError', `'${self.cls.name}' object has no attribute '_modules'`);
  return d;
}

function entries(self: PyInstance): [unknown, unknown][] {
  return modules(self).items();
}

/** `ModuleList._get_abs_string_index`. */
function absIndex(self: PyInstance, idx: unknown): string {
  return String(itemIndex(idx, modules(self).size));
}

/** `ModuleList.extend(modules)`. */
function extend(self: PyInstance, items: unknown): PyInstance {
  if (!isIterable(items)) {
    throw pyError(
      'TypeError',
      `ModuleList.extend should be called with an iterable, but got ${typeName(items)}`,
    );
  }
  const offset = modules(self).size;
  late.iterate(items).forEach((m, i) => {
    addModule(self, String(offset + i), m);
  });
  return self;
}

/** `ModuleList.__delitem__`: delete, then renumber the rest '0', '1', …. */
function deleteItems(self: PyInstance, idx: unknown): void {
  const items = entries(self);
  if (idx instanceof PySlice) {
    const doomed = sliced(
      items.map((_, i) => [String(i), null]),
      idx,
    );
    for (const [k] of doomed) instanceDelAttr(self, String(k));
  } else instanceDelAttr(self, absIndex(self, idx));
  self.dict.set('_modules', new PyOrderedDict(entries(self).map(([, m], i) => [String(i), m])));
}

/** `ModuleList.__getitem__`: a module, or a new list of the class for a slice. */
function getItem(self: PyInstance, idx: unknown): unknown {
  if (idx instanceof PySlice) {
    return callValue(self.cls, [new PyList(sliced(entries(self), idx).map(([, m]) => m))]);
  }
  return modules(self).get(absIndex(self, idx));
}

const moduleList: PyClass = moduleSubclass('ModuleList', 'torch.nn.modules.container', [
  pyMethod('ModuleList', '__init__(any modules=None)', (self, a) => {
    initModule(self);
    const items = a.get('modules');
    if (items !== null) extend(self, items);
    return null;
  }),
  pyMethod('ModuleList', '__getitem__(any idx)', (self, a) => getItem(self, a.get('idx'))),
  pyMethod('ModuleList', '__setitem__(any idx, any module)', (self, a) => {
    instanceSetAttr(self, absIndex(self, a.get('idx')), a.get('module'));
    return null;
  }),
  pyMethod('ModuleList', '__delitem__(any idx)', (self, a) => {
    deleteItems(self, a.get('idx'));
    return null;
  }),
  pyMethod('ModuleList', '__len__()', (self) => BigInt(modules(self).size)),
  pyMethod(
    'ModuleList',
    '__iter__()',
    (self) => new PyIterator('odict_valueiterator', modules(self).values()),
  ),
  pyMethod('ModuleList', '__iadd__(any modules)', (self, a) => extend(self, a.get('modules'))),
  pyMethod('ModuleList', '__add__(any other)', (self, a) => {
    const combined = callValue(moduleList) as PyInstance;
    [...modules(self).values(), ...late.iterate(a.get('other'))].forEach((m, i) => {
      addModule(combined, String(i), m);
    });
    return combined;
  }),
  pyMethod('ModuleList', 'insert(any index, any module)', (self, a) => {
    const index = a.get('index');
    const d = modules(self);
    if (typeof index !== 'bigint') {
      throw pyError('TypeError', `'${typeName(index)}' object cannot be interpreted as an integer`);
    }
    // `for i in range(len, index, -1)` then `_modules[str(index)] = module`, negative or not.
    for (let i = BigInt(d.size); i > index; i--) d.set(String(i), d.get(String(i - 1n)));
    d.set(String(index), a.get('module'));
    return null;
  }),
  pyMethod('ModuleList', 'append(any module)', (self, a) => {
    addModule(self, String(modules(self).size), a.get('module'));
    return self;
  }),
  pyMethod('ModuleList', 'pop(any key)', (self, a) => {
    const key = a.get('key');
    const v = getItem(self, key);
    deleteItems(self, key);
    return v;
  }),
  pyMethod('ModuleList', 'extend(any modules)', (self, a) => extend(self, a.get('modules'))),
]);

/** `ModuleDict.update(modules)`. */
function update(self: PyInstance, items: unknown): void {
  if (!isIterable(items)) {
    throw pyError(
      'TypeError',
      `ModuleDict.update should be called with an iterable of key/value pairs, but got ${typeName(items)}`,
    );
  }
  if (items instanceof PyDict) {
    for (const [k, m] of items.items()) addModule(self, k, m);
    return;
  }
  if (items instanceof PyInstance && items.cls === moduleDictClass) {
    for (const [k, m] of entries(items)) addModule(self, k, m);
    return;
  }
  late.iterate(items).forEach((m, j) => {
    if (!isIterable(m)) {
      throw pyError(
        'TypeError',
        `ModuleDict update sequence element #${j} should be Iterable; is${typeName(m)}`,
      );
    }
    const pair = late.iterate(m);
    if (pair.length !== 2) {
      throw pyError(
        'ValueError',
        `ModuleDict update sequence element #${j} has length ${pair.length}; 2 is required`,
      );
    }
    addModule(self, pair[0], pair[1]);
  });
}

function lookup(self: PyInstance, key: unknown): unknown {
  const d = modules(self);
  if (!d.has(key)) throw keyError(key, pyRepr(key));
  return d.get(key);
}

const moduleDictClass: PyClass = moduleSubclass('ModuleDict', 'torch.nn.modules.container', [
  pyMethod('ModuleDict', '__init__(any modules=None)', (self, a) => {
    initModule(self);
    const items = a.get('modules');
    if (items !== null) update(self, items);
    return null;
  }),
  pyMethod('ModuleDict', '__getitem__(any key)', (self, a) => lookup(self, a.get('key'))),
  pyMethod('ModuleDict', '__setitem__(any key, any module)', (self, a) => {
    addModule(self, a.get('key'), a.get('module'));
    return null;
  }),
  pyMethod('ModuleDict', '__delitem__(any key)', (self, a) => {
    lookup(self, a.get('key'));
    modules(self).delete(a.get('key'));
    return null;
  }),
  pyMethod('ModuleDict', '__len__()', (self) => BigInt(modules(self).size)),
  pyMethod(
    'ModuleDict',
    '__iter__()',
    (self) => new PyIterator('odict_iterator', modules(self).keys()),
  ),
  pyMethod('ModuleDict', '__contains__(any key)', (self, a) => modules(self).has(a.get('key'))),
  pyMethod('ModuleDict', 'clear()', (self) => {
    modules(self).clear();
    return null;
  }),
  pyMethod('ModuleDict', 'pop(any key)', (self, a) => {
    const v = lookup(self, a.get('key'));
    modules(self).delete(a.get('key'));
    return v;
  }),
  pyMethod('ModuleDict', 'keys()', (self) => new PyDictView(modules(self), 'keys')),
  pyMethod('ModuleDict', 'items()', (self) => new PyDictView(modules(self), 'items')),
  pyMethod('ModuleDict', 'values()', (self) => new PyDictView(modules(self), 'values')),
  pyMethod('ModuleDict', 'update(any modules)', (self, a) => {
    update(self, a.get('modules'));
    return null;
  }),
]);

/** ModuleList and ModuleDict by their `torch.nn` name. */
export function listClasses(): [string, PyClass][] {
  return [
    ['ModuleList', moduleList],
    ['ModuleDict', moduleDictClass],
  ];
}

/**
 * What the runner exposes, read from its own binding tables rather than listed by hand: every
 * callable in the importable torch modules, every tensor method, every builtin. When the runner
 * grows a function, the fuzzer calls it with wrong arguments without anyone touching this file.
 */
import {torchModules} from '../../src/script/torch/modules.js';
import {tensorMethods} from '../../src/script/torch/methods.js';
import {makeBuiltins} from '../../src/script/builtins.js';
import {PyCallable} from '../../src/script/values.js';

let functions: [string, string][] | null = null;
let methods: string[] | null = null;
let builtins: string[] | null = null;

/** Every callable of every importable module, as [module name, attribute name]. */
export function moduleFunctionNames(): readonly [string, string][] {
  functions ??= [...torchModules()].flatMap(([moduleName, module]) =>
    [...module.attrs]
      .filter(([, value]) => value instanceof PyCallable)
      .map(([name]): [string, string] => [moduleName, name]),
  );
  return functions;
}

/** Every tensor method name (`x.name(...)`). */
export function tensorMethodNames(): readonly string[] {
  methods ??= [...tensorMethods.keys()];
  return methods;
}

/** Every builtin callable (`print`, `range`, `len`, …). */
export function builtinNames(): readonly string[] {
  builtins ??= [
    ...makeBuiltins(() => {
      /* the fuzzer only reads the names */
    }),
  ]
    .filter(([, value]) => value instanceof PyCallable)
    .map(([name]) => name);
  return builtins;
}

/** The keyword parameter names a tensor method's signature declares. */
export function methodKeywords(name: string): readonly string[] {
  return tensorMethods.get(name)?.signature.params.map((p) => p.name) ?? [];
}

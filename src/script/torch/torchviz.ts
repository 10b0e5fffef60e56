/**
 * `torchviz` (szagoruyko/pytorchviz) as tutorials call it: `make_dot(var, params=None,
 * show_attrs=False, show_saved=False, max_attr_chars=50)` walks the autograd graph as its dot.py
 * does (grad_fn nodes, AccumulateGrad's leaf, `_saved_*` attributes, a custom Function's
 * `saved_tensors`, a view's base) and returns a `graphviz.Digraph` holding that DOT text. Nothing
 * runs Graphviz here: the run reports the call (the picture shows the graph at that point), and
 * `render()`/`view()` return the path Graphviz would write without writing it, so a tutorial
 * that ends in `make_dot(...).render("graph", format="png")` runs as written and prints nothing.
 */
import {CustomFunctionNode} from '../../../autograd/function.js';
import {AccumulateGrad} from '../../../autograd/node.js';
import type {Node} from '../../../autograd/node.js';
import {savedAttribute, savedAttributeNames} from '../../../autograd/saved-attributes.js';
import type {SavedValue} from '../../../autograd/saved-attributes.js';
import {Tensor} from '../../../autograd/tensor.js';
import {PyDict} from '../containers.js';
import {pyError} from '../errors.js';
import {groupSink} from '../groups.js';
import {objectClass, PyClass, PyInstance, PyMethodDescriptor, PyProperty} from '../objects.js';
import {floatRepr} from '../repr.js';
import {PyCallable, PyList, PyModule, PyTuple, type Kwargs} from '../values.js';
import {bind, sig} from './args.js';

const SAVED = '_saved_';

/** graphviz's `quote()`: an ID as it is, anything else in double quotes. */
function quote(s: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) || /^-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)$/.test(s)) return s;
  return `"${s.replace(/"/g, '\\"')}"`;
}

function attrList(attrs: Readonly<Record<string, string>>): string {
  return Object.keys(attrs)
    .sort()
    .map((k) => `${k}=${quote(attrs[k] ?? '')}`)
    .join(' ');
}

/** What `str(val)` prints for a `_saved_*` value (show_attrs). */
function savedText(v: SavedValue): string {
  if ('tensor' in v) return v.tensor === null ? 'None' : '[saved tensor]';
  if ('int' in v) return String(v.int);
  if ('float' in v) return floatRepr(v.float);
  if ('bool' in v) return v.bool ? 'True' : 'False';
  if ('ints' in v) return v.ints.length === 1 ? `(${v.ints[0]},)` : `(${v.ints.join(', ')})`;
  return 'None';
}

/** torchviz's `get_fn_name`: the class name, then a table of the node's attributes. */
function fnLabel(node: Node, showAttrs: boolean, maxAttrChars: number): string {
  const name = node.className();
  if (!showAttrs) return name;
  const attrs = new Map<string, string>();
  for (const a of savedAttributeNames(node)) {
    const v = savedAttribute(node, a.slice(SAVED.length));
    if (v !== undefined) attrs.set(a.slice(SAVED.length), savedText(v));
  }
  if (attrs.size === 0) return name;
  const max = Math.max(maxAttrChars, 3);
  const col1 = Math.max(...[...attrs.keys()].map((k) => k.length));
  const col2 = Math.min(Math.max(...[...attrs.values()].map((v) => v.length)), max);
  const sep = '-'.repeat(Math.max(col1 + col2 + 2, name.length));
  const cut = (s: string) => (s.length > col2 ? `${s.slice(0, col2 - 3)}...` : s);
  const rows = [...attrs].map(([k, v]) => `${k.padEnd(col1)}: ${cut(v).padStart(col2)}`);
  return `${name}\n${sep}\n${rows.join('\n')}`;
}

/** The DOT body lines `make_dot` adds, in its order. */
function dotBody(
  roots: readonly Tensor[],
  params: ReadonlyMap<Tensor, string>,
  showAttrs: boolean,
  showSaved: boolean,
  maxAttrChars: number,
): string[] {
  const body: string[] = [];
  const ids = new Map<object, string>();
  const idOf = (o: object) => {
    let id = ids.get(o);
    if (id === undefined) {
      id = String(139_960_000_000_000 + ids.size * 48);
      ids.set(o, id);
    }
    return id;
  };
  const seen = new Set<object>();
  const node = (o: object, label: string, attrs: Record<string, string> = {}) =>
    body.push(
      `\t${idOf(o)} [label=${quote(label)}${Object.keys(attrs).length ? ' ' : ''}${attrList(attrs)}]\n`,
    );
  const edge = (a: object, b: object, attrs: Record<string, string> = {}) =>
    body.push(
      `\t${idOf(a)} -> ${idOf(b)}${Object.keys(attrs).length ? ` [${attrList(attrs)}]` : ''}\n`,
    );
  const varName = (t: Tensor, name = '') =>
    `${name || (params.get(t) ?? '')}\n (${t.shape.join(', ')})`;
  const addNodes = (fn: Node) => {
    if (seen.has(fn)) return;
    seen.add(fn);
    if (showSaved) {
      for (const a of savedAttributeNames(fn)) {
        const v = savedAttribute(fn, a.slice(SAVED.length));
        if (v === undefined || !('tensor' in v) || v.tensor === null) continue;
        seen.add(v.tensor);
        edge(fn, v.tensor, {dir: 'none'});
        node(v.tensor, varName(v.tensor, a.slice(SAVED.length)), {fillcolor: 'orange'});
      }
    }
    if (fn instanceof AccumulateGrad) {
      seen.add(fn.variable);
      node(fn.variable, varName(fn.variable), {fillcolor: 'lightblue'});
      edge(fn.variable, fn);
    }
    node(fn, fnLabel(fn, showAttrs, maxAttrChars));
    for (const [next] of fn.nextFunctions) {
      if (next === null) continue;
      edge(next, fn);
      addNodes(next);
    }
    if (fn instanceof CustomFunctionNode) {
      for (const t of fn.savedTensors()) {
        if (t === null) continue;
        seen.add(t);
        edge(t, fn, {dir: 'none'});
        node(t, varName(t), {fillcolor: 'orange'});
      }
    }
  };
  const addBase = (t: Tensor, color = 'darkolivegreen1') => {
    if (seen.has(t)) return;
    seen.add(t);
    node(t, varName(t), {fillcolor: color});
    if (t.gradFn) {
      addNodes(t.gradFn);
      edge(t.gradFn, t);
    }
    if (t.base !== null) {
      addBase(t.base, 'darkolivegreen3');
      edge(t.base, t, {style: 'dotted'});
    }
  };
  for (const t of roots) addBase(t);
  return body;
}

interface DigraphState {
  readonly body: string[];
}

function stateOf(self: unknown): DigraphState {
  if (self instanceof PyInstance && self.native && typeof self.native === 'object') {
    return self.native as DigraphState;
  }
  throw pyError('TypeError', "descriptor requires a 'Digraph' object");
}

/** The DOT text of a Digraph, as graphviz writes it. */
function source(self: PyInstance): string {
  const graphAttr = self.dict.get('graph_attr');
  const nodeAttr = self.dict.get('node_attr');
  const asRecord = (d: unknown) =>
    Object.fromEntries(
      d instanceof PyDict ? d.items().map(([k, v]) => [String(k), String(v)]) : [],
    );
  return [
    'digraph {\n',
    `\tgraph [${attrList(asRecord(graphAttr))}]\n`,
    `\tnode [${attrList(asRecord(nodeAttr))}]\n`,
    ...stateOf(self).body,
    '}\n',
  ].join('');
}

const renderSig = sig(
  'render(any filename=None, any directory=None, any view=False, any cleanup=False, any format=None, any renderer=None, any formatter=None, any neato_no_op=None, any quiet=False, any quiet_view=False, *, any outfile=None, any engine=None, any raise_if_result_exists=False, any overwrite_source=False)',
  'python',
);

/** The first of `values` that is a str, else `fallback`. */
function text(fallback: string, ...values: unknown[]): string {
  const found = values.find((v): v is string => typeof v === 'string');
  return found ?? fallback;
}

/** The path `render()` returns: `directory/filename.format` (nothing is written here). */
function renderedPath(self: PyInstance, a: Map<string, unknown>): string {
  const outfile = a.get('outfile');
  if (typeof outfile === 'string') return outfile;
  const filename = text('Digraph.gv', a.get('filename'), self.dict.get('filename'));
  const directory = text('', a.get('directory'), self.dict.get('directory'));
  const format = text('pdf', a.get('format'), self.dict.get('format'));
  return `${directory ? `${directory}/` : ''}${filename}.${format}`;
}

/** `graphviz.Digraph`, as make_dot returns it. */
const digraphClass = new PyClass(
  'Digraph',
  [objectClass],
  new Map<string, unknown>([
    ['source', new PyProperty(new PyCallable('source', (args) => source(args[0] as PyInstance)))],
    [
      'render',
      new PyMethodDescriptor(
        'render',
        (self, args, kwargs) => renderedPath(self as PyInstance, bind(renderSig, args, kwargs)),
        'Digraph',
      ),
    ],
    [
      'view',
      new PyMethodDescriptor(
        'view',
        (self, args, kwargs) => renderedPath(self as PyInstance, bind(renderSig, args, kwargs)),
        'Digraph',
      ),
    ],
    [
      'save',
      new PyMethodDescriptor('save', (self, args) => {
        return text('Digraph.gv', args[0], (self as PyInstance).dict.get('filename'));
      }),
    ],
    ['__str__', new PyMethodDescriptor('__str__', (self) => source(self as PyInstance))],
  ]),
  'graphviz.graphs',
);

const makeDotSig = sig(
  'make_dot(any var, any params=None, any show_attrs=False, any show_saved=False, any max_attr_chars=50)',
  'python',
);

function truthy(v: unknown): boolean {
  return v !== null && v !== false && v !== 0n && v !== 0 && v !== '';
}

/** `torchviz.make_dot(...)`. */
function makeDot(args: readonly unknown[], kwargs: Kwargs): PyInstance {
  const a = bind(makeDotSig, args, kwargs);
  const v = a.get('var');
  const roots = v instanceof PyTuple ? v.items : [v];
  const params = new Map<Tensor, string>();
  const given = a.get('params');
  if (given !== null && given !== undefined) {
    if (!(given instanceof PyDict)) {
      throw pyError('AttributeError', `'${typeof given}' object has no attribute 'values'`);
    }
    // torchviz: `assert all(isinstance(p, Variable) for p in params.values())`.
    if (!given.values().every((p) => p instanceof Tensor)) throw pyError('AssertionError', '');
    for (const [k, p] of given.items()) params.set(p as Tensor, String(k));
  }
  for (const r of roots) {
    if (!(r instanceof Tensor)) {
      throw pyError('AttributeError', `'${typeof r}' object has no attribute 'grad_fn'`);
    }
  }
  const tensors = roots as Tensor[];
  const maxChars = a.get('max_attr_chars');
  const body = dotBody(
    tensors,
    params,
    truthy(a.get('show_attrs')),
    truthy(a.get('show_saved')),
    typeof maxChars === 'bigint' ? Number(maxChars) : 50,
  );
  const dot = new PyInstance(digraphClass);
  dot.native = {body} satisfies DigraphState;
  // resize_graph: 0.15 inch a line, at least 12.
  const content = body.length * 0.15;
  const sizeText = content > 12 ? floatRepr(content) : '12';
  dot.dict.set('name', null);
  dot.dict.set('comment', null);
  dot.dict.set('filename', 'Digraph.gv');
  dot.dict.set('directory', '');
  dot.dict.set('format', 'pdf');
  dot.dict.set('engine', 'dot');
  dot.dict.set('graph_attr', new PyDict([['size', `${sizeText},${sizeText}`]]));
  dot.dict.set(
    'node_attr',
    new PyDict([
      ['style', 'filled'],
      ['shape', 'box'],
      ['align', 'left'],
      ['fontsize', '10'],
      ['ranksep', '0.1'],
      ['height', '0.2'],
      ['fontname', 'monospace'],
    ]),
  );
  dot.dict.set('body', new PyList(body));
  const sink = groupSink();
  // torchviz labels the leaves with the names `params` gives them: so does the picture.
  for (const [p, name] of params) sink?.named(name, p, sink.site());
  sink?.drew?.(tensors);
  return dot;
}

/** The `torchviz` module (made per run). */
export function torchvizModule(): PyModule {
  return new PyModule(
    'torchviz',
    new Map<string, unknown>([
      ['make_dot', new PyCallable('make_dot', (args, kwargs) => makeDot(args, kwargs))],
      [
        'make_dot_from_trace',
        new PyCallable('make_dot_from_trace', () => {
          throw pyError(
            'NotImplementedError',
            'This function has been moved to pytorch core and can be found here: https://pytorch.org/docs/stable/tensorboard.html',
          );
        }),
      ],
    ]),
    '/usr/lib/python3/dist-packages/torchviz/__init__.py',
  );
}

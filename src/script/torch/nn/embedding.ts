/**
 * nn.Embedding as PyTorch 1.13's sparse.py defines it: the padding_idx checks (AssertionErrors
 * at sparse.py's lines; a negative index counts from the end), a weight drawn by
 * `init.normal_` with the padding row zeroed under no_grad (so a seeded run draws PyTorch's
 * numbers), or a given `_weight`; a forward calling `F.embedding` with every option;
 * `from_pretrained` (a classmethod; `freeze` turns requires_grad off) and extra_repr.
 */
import {noGrad} from '../../../../autograd/gradmode.js';
import {fill_, normal_} from '../../../../autograd/ops/inplace.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {callValue} from '../../call.js';
import {pyError, raiseIn} from '../../errors.js';
import {late} from '../../late.js';
import {PyClassMethod, type PyClass, type PyInstance} from '../../objects.js';
import {compare, truthy} from '../../operators.js';
import {pyStr, typeName} from '../../repr.js';
import {PyCallable} from '../../values.js';
import {bind, sig} from '../args.js';
import {attr, emptyTensor, F, layer, oneInput, setAttr} from './layers.js';
import {pyMethod} from './module.js';
import {makeParameter} from './parameter-class.js';

const file = '/usr/lib/python3/dist-packages/torch/nn/modules/sparse.py';

/** `assert test, message` at a line of sparse.py (CPython's carets under the test). */
function assertAt(line: number, name: string, source: string, message: string): never {
  const test = /^assert (.*?)(, .*| \\)$/.exec(source)?.[1] ?? '';
  const carets = `${' '.repeat(7)}${'^'.repeat(test.length)}`;
  return raiseIn({file, line, name, source, carets}, 'AssertionError', message);
}

/** `_fill_padding_idx_with_zero`: the padding row set to 0 under no_grad. */
function fillPadding(self: PyInstance): void {
  const padding = attr(self, 'padding_idx');
  if (padding === null) return;
  const weight = attr(self, 'weight') as Tensor;
  noGrad(() => {
    fill_(weight.select(0, padding as bigint), 0);
  });
}

/** `reset_parameters`: init.normal_(weight), then the padding row zeroed. */
function resetParameters(self: PyInstance): void {
  const weight = attr(self, 'weight') as Tensor;
  noGrad(() => {
    normal_(weight, 0, 1);
  });
  fillPadding(self);
}

const embedding: PyClass = layer({
  name: 'Embedding',
  module: 'torch.nn.modules.sparse',
  init: 'any num_embeddings, any embedding_dim, any padding_idx=None, any max_norm=None, any norm_type=2.0, any scale_grad_by_freq=False, any sparse=False, any _weight=None, any device=None, any dtype=None',
  setup: (self, a) => {
    const rows = a.get('num_embeddings');
    const dim = a.get('embedding_dim');
    setAttr(self, 'num_embeddings', rows);
    setAttr(self, 'embedding_dim', dim);
    let padding = a.get('padding_idx');
    if (padding !== null) {
      if (truthy(compare('>', padding, 0n))) {
        if (!truthy(compare('<', padding, rows))) {
          assertAt(
            132,
            '__init__',
            "assert padding_idx < self.num_embeddings, 'Padding_idx must be within num_embeddings'",
            'Padding_idx must be within num_embeddings',
          );
        }
      } else if (truthy(compare('<', padding, 0n))) {
        if (typeof rows !== 'bigint' || !truthy(compare('>=', padding, -rows))) {
          assertAt(
            134,
            '__init__',
            "assert padding_idx >= -self.num_embeddings, 'Padding_idx must be within num_embeddings'",
            'Padding_idx must be within num_embeddings',
          );
        }
        padding = rows + (padding as bigint);
      }
    }
    setAttr(self, 'padding_idx', padding);
    for (const k of ['max_norm', 'norm_type', 'scale_grad_by_freq']) setAttr(self, k, a.get(k));
    const given = a.get('_weight');
    if (given === null) {
      setAttr(self, 'weight', makeParameter(emptyTensor([rows, dim], a.get('dtype'))));
      resetParameters(self);
    } else {
      if (!(given instanceof Tensor)) {
        throw pyError('AttributeError', `'${typeName(given)}' object has no attribute 'shape'`);
      }
      const [r, d] = given.shape;
      if (given.dim() !== 2 || BigInt(r ?? 0) !== rows || BigInt(d ?? 0) !== dim) {
        assertAt(
          144,
          '__init__',
          'assert list(_weight.shape) == [num_embeddings, embedding_dim], \\',
          'Shape of weight does not match num_embeddings and embedding_dim',
        );
      }
      setAttr(self, 'weight', makeParameter(given));
    }
    setAttr(self, 'sparse', a.get('sparse'));
  },
  forward: (self, args, kwargs) =>
    callValue(F('embedding'), [
      oneInput('Embedding', args, kwargs),
      ...['weight', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse'].map(
        (k) => attr(self, k),
      ),
    ]),
  extraRepr: (self) => {
    const s = (k: string) => pyStr(attr(self, k));
    let text = `${s('num_embeddings')}, ${s('embedding_dim')}`;
    if (attr(self, 'padding_idx') !== null) text += `, padding_idx=${s('padding_idx')}`;
    if (attr(self, 'max_norm') !== null) text += `, max_norm=${s('max_norm')}`;
    if (truthy(compare('!=', attr(self, 'norm_type'), 2n))) text += `, norm_type=${s('norm_type')}`;
    if (attr(self, 'scale_grad_by_freq') !== false) {
      text += `, scale_grad_by_freq=${s('scale_grad_by_freq')}`;
    }
    if (attr(self, 'sparse') !== false) text += ', sparse=True';
    return text;
  },
  more: [
    pyMethod('Embedding', 'reset_parameters()', (self) => {
      resetParameters(self);
      return null;
    }),
    pyMethod('Embedding', '_fill_padding_idx_with_zero()', (self) => {
      fillPadding(self);
      return null;
    }),
    ['from_pretrained', new PyClassMethod(fromPretrained())],
  ],
});

/** `Embedding.from_pretrained(embeddings, freeze=True, …)`. */
function fromPretrained(): PyCallable {
  const signature = sig(
    'Embedding.from_pretrained(any cls, any embeddings, any freeze=True, any padding_idx=None, any max_norm=None, any norm_type=2.0, any scale_grad_by_freq=False, any sparse=False)',
    'python',
  );
  return new PyCallable(
    'from_pretrained',
    (args, kwargs) => {
      const a = bind({...signature, method: true}, args, kwargs);
      const embeddings = a.get('embeddings');
      if (!(embeddings instanceof Tensor)) {
        throw pyError('AttributeError', `'${typeName(embeddings)}' object has no attribute 'dim'`);
      }
      if (embeddings.dim() !== 2) {
        assertAt(
          208,
          'from_pretrained',
          'assert embeddings.dim() == 2, \\',
          'Embeddings parameter is expected to be 2-dimensional',
        );
      }
      const [rows = 0, cols = 0] = embeddings.shape;
      const made = callValue(
        a.get('cls'),
        [],
        new Map<string, unknown>([
          ['num_embeddings', BigInt(rows)],
          ['embedding_dim', BigInt(cols)],
          ['_weight', embeddings],
          ...['padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse'].map(
            (k): [string, unknown] => [k, a.get(k)],
          ),
        ]),
      ) as PyInstance;
      (attr(made, 'weight') as Tensor).requiresGrad = !late.truthy(a.get('freeze'));
      return made;
    },
    {kind: 'builtin'},
  );
}

/** The embedding classes by their `torch.nn` name. */
export function embeddingClasses(): [string, PyClass][] {
  return [['Embedding', embedding]];
}

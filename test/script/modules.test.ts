/** modulesImportedBy: the modules a source imports, read from its tokens before it runs. */
import {describe, expect, it} from 'vitest';
import {modulesImportedBy} from '../../src/script/index.js';

describe('modulesImportedBy(source)', () => {
  it('lists import and from-import targets, dotted, with aliases and lists', () => {
    expect(modulesImportedBy('import math, random as r\nimport os.path\n')).toEqual([
      'math',
      'random',
      'os.path',
    ]);
    expect(modulesImportedBy('from torch import nn, optim as o\n')).toEqual([
      'torch',
      'torch.nn',
      'torch.optim',
    ]);
  });

  it('finds imports inside blocks, parentheses and after line continuations', () => {
    const source =
      'def f():\n    if True:\n        from itertools import (chain,\n            count)\n    import functools, \\\n        time\n';
    expect(modulesImportedBy(source)).toEqual([
      'itertools',
      'itertools.chain',
      'itertools.count',
      'functools',
      'time',
    ]);
  });

  it('ignores the words in strings and comments', () => {
    expect(modulesImportedBy('s = "import math"  # from random import x\nprint(s)\n')).toEqual([]);
  });

  it('gives the imports before a tokenizer error', () => {
    expect(modulesImportedBy('import math\nx = "unclosed\n')).toEqual(['math']);
  });
});

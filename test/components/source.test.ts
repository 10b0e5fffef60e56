import {describe, expect, it} from 'vitest';
import {dedentSource} from '../../components/source.js';

describe('dedentSource(text)', () => {
  it('takes off the indentation common to all code lines and the blank ends', () => {
    expect(dedentSource('\n    import torch\n    x = 1\n      y = 2\n  \n')).toBe(
      'import torch\nx = 1\n  y = 2\n',
    );
  });
  it('drops notebook markers on their own line and in front of code', () => {
    expect(dedentSource('  In [73]:\n  import torch\n\n  In [74]: x = 1\n  In [ ]:\n')).toBe(
      'import torch\n\nx = 1\n',
    );
  });
  it('keeps blank lines inside, so line numbers follow the code the reader sees', () => {
    expect(dedentSource('  a = 1\n\n  b = 2').split('\n')).toHaveLength(4);
  });
  it('gives an empty script for only whitespace', () => {
    expect(dedentSource(' \n\t\n')).toBe('');
  });
});

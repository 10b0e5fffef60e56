/** The playground's URL hash: a link must reproduce the code, view, direction and step exactly. */
import {describe, expect, it} from 'vitest';
import {
  decodeState,
  encodeState,
  fromBase64Url,
  toBase64Url,
  type PlaygroundState,
} from '../../demos/playground-state.js';

const seed: PlaygroundState = {
  code: 'import torch\nx = torch.ones(2, 2, requires_grad=True)\nout = (x * 3).mean()\nout.backward()\n',
  view: 'dataflow',
  direction: 'LR',
  step: null,
};

describe('playground state in the URL hash', () => {
  it('decodeState(encodeState(s)) gives s back', () => {
    expect(decodeState(encodeState(seed))).toEqual(seed);
    const other: PlaygroundState = {...seed, view: 'autograd', direction: 'TB', step: 7};
    expect(decodeState(`#${encodeState(other)}`)).toEqual(other);
  });

  it('keeps any text: Unicode, tabs, markup, trailing spaces, the empty script', () => {
    for (const code of [
      '# 取平均值 — ünïcödé 🙂\nprint("é")\n',
      '\tx = 1  \n\n',
      '<script>alert(1)</script> & %23 # ? = +',
      '',
    ]) {
      expect(decodeState(encodeState({...seed, code}))?.code).toBe(code);
    }
  });

  it('writes only URL-safe characters and leaves defaults out', () => {
    const hash = encodeState({...seed, code: '??>>~~ÿÿ'});
    expect(hash).toMatch(/^code=[A-Za-z0-9_-]*$/);
  });

  it('refuses what is not a playground link', () => {
    expect(decodeState('')).toBeNull();
    expect(decodeState('#view=autograd')).toBeNull();
    expect(decodeState('#code=***')).toBeNull();
    expect(fromBase64Url('/w')).toBeNull(); // 0xff alone is not UTF-8
    expect(fromBase64Url(toBase64Url('ok'))).toBe('ok');
  });

  it('falls back to defaults for unknown view, direction and step', () => {
    const s = decodeState(`code=${toBase64Url('x')}&view=3d&direction=RL&step=-1`);
    expect(s).toEqual({code: 'x', view: 'dataflow', direction: 'LR', step: null});
  });
});

/**
 * The fuzz property itself: it must reject each way a run can go wrong, or the fuzz test could
 * not fail.
 */
import {describe, expect, it} from 'vitest';
import {check, pythonExceptionNames, violation} from '../fuzz/property.js';
import {ScriptError} from '../../src/script/index.js';

const span = (line: number, column: number, endLine = line, endColumn = column + 1) => ({
  line,
  column,
  endLine,
  endColumn,
});
const error = (type: string, message: string, s = span(1, 1)) =>
  new ScriptError(type, message, s, `Traceback (most recent call last):\n${type}: ${message}`);

describe('the fuzz property', () => {
  it('accepts a clean run and a located Python error', () => {
    expect(violation('x = 1\n', {output: '', error: null}, 1, 100)).toBeNull();
    expect(
      violation(
        'print(y)\n',
        {output: '', error: error('NameError', "name 'y' is not defined", span(1, 7))},
        1,
        100,
      ),
    ).toBeNull();
    expect(check('import torch\nprint(torch.ones(2) + 1)\n')).toBeNull();
    expect(check('print(undefined)\n')).toBeNull();
  });

  it('rejects a thrown exception, an internal error and a non-Python type', () => {
    expect(violation('', {thrown: new TypeError('x is undefined')}, 1, 100)).toMatch(/threw/);
    expect(
      violation(
        '',
        {output: '', error: error('SystemError', 'grad-graph internal error: boom')},
        1,
        100,
      ),
    ).toMatch(/SystemError/);
    expect(
      violation('', {output: '', error: error('InternalError', 'too much recursion')}, 1, 100),
    ).toMatch(/InternalError/);
    expect(pythonExceptionNames.has('ZeroDivisionError')).toBe(true);
  });

  it('rejects JavaScript words in a message, but not inside quotes', () => {
    for (const message of [
      "Cannot read properties of undefined (reading 'x')",
      'got [object Object]',
      'index NaN out of range',
      'value Infinity',
      'expected null',
      'Maximum call stack size exceeded',
      'Cannot mix BigInt and other types',
    ]) {
      expect(
        violation('x\n', {output: '', error: error('TypeError', message)}, 1, 100),
        message,
      ).not.toBeNull();
    }
    expect(
      violation(
        'x\n',
        {output: '', error: error('NameError', "name 'undefined' is not defined")},
        1,
        100,
      ),
    ).toBeNull();
    expect(
      violation(
        'x\n',
        {output: '', error: error('ValueError', 'cannot convert float NaN to integer')},
        1,
        100,
      ),
    ).toBeNull();
  });

  it('rejects spans outside the source, a missing span and a slow run', () => {
    const ok = 'ab\ncd\n';
    expect(violation(ok, {output: '', error: error('TypeError', 'm', span(0, 1))}, 1, 100)).toMatch(
      /line/,
    );
    expect(violation(ok, {output: '', error: error('TypeError', 'm', span(4, 1))}, 1, 100)).toMatch(
      /line/,
    );
    expect(violation(ok, {output: '', error: error('TypeError', 'm', span(1, 0))}, 1, 100)).toMatch(
      /column/,
    );
    expect(violation(ok, {output: '', error: error('TypeError', 'm', span(1, 9))}, 1, 100)).toMatch(
      /column/,
    );
    const none = new ScriptError('TypeError', 'm', null, 'TypeError: m');
    expect(violation(ok, {output: '', error: none}, 1, 100)).toMatch(/no span/);
    expect(violation(ok, {output: '', error: null}, 500, 100)).toMatch(/took/);
    const wrongTail = new ScriptError('TypeError', 'm', span(1, 1), 'ValueError: other');
    expect(violation(ok, {output: '', error: wrongTail}, 1, 100)).toMatch(/traceback/);
  });
});

/**
 * The scripts the demo pages run are golden cases as they are, so what the pages print is checked
 * against python3 (test/script/golden.test.ts): the copy under demos/assets must not drift.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('demo scripts', () => {
  it('classifier.html runs the golden case demo_classifier as it is', () => {
    expect(read('demos/assets/classifier.py')).toBe(
      read('test/golden/scripts/cases/demo_classifier.py'),
    );
  });
});

/**
 * The CLI as built (dist/cli.js, the bundle npm ships as the `grad-graph` bin) runs the golden
 * corpus exactly as the sources do. The other script tests run the sources; a bundler that drops a
 * module it believes has no side effects (the standard-library registration once was) is caught
 * only here.
 */
import {beforeAll, describe, expect, it} from 'vitest';
import {
  goldenDir,
  goldens,
  lastLine,
  needsCliStack,
  normalize,
  todo,
} from '../script/golden-cases.js';
import {packedTarball, root} from './packed.js';

type Main = (
  args: string[],
  io: {stdout: (t: string) => void; stderr: (t: string) => void; readStdin: () => Promise<string>},
) => Promise<number>;

let main: Main;

beforeAll(async () => {
  packedTarball(); // builds dist/ when the sources are newer
  ({main} = (await import(/* @vite-ignore */ `${root}/dist/cli.js`)) as {main: Main});
}, 600_000);

describe('the built CLI runs the golden corpus like the sources', () => {
  it('prints what python3 printed for every case', async () => {
    const differences: string[] = [];
    for (const [name, golden] of Object.entries(goldens)) {
      if (needsCliStack(name)) continue; // in-process here: cli-stack.test.ts runs them
      if (todo[name]) continue; // golden.test.ts lists it as a todo
      let stdout = '';
      let stderr = '';
      const code = await main(['run', new URL(`cases/${name}.py`, goldenDir).pathname], {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        readStdin: () => Promise.resolve(''),
      });
      const same =
        normalize(stdout) === normalize(golden.stdout) &&
        normalize(lastLine(stderr)) === normalize(golden.stderrLast) &&
        code === (golden.exitCode === 0 ? 0 : 1);
      if (!same) differences.push(`${name}: ${lastLine(stderr) || stdout.slice(-200)}`);
    }
    expect(differences).toEqual([]);
  }, 600_000);
});

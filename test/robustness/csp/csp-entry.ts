/**
 * The strict-CSP page's script: loads the element, plays the seed to its end and reports, with
 * the violations csp-listen.ts recorded from the start, to the page that opened it.
 */
import '../../../components/grad-graph.js';
import type {GradGraph} from '../../../components/grad-graph.js';

const violations = (window as unknown as {cspViolations: string[]}).cspViolations;

/** What the page reports to its opener (read by the CSP browser test). */
export interface CspReport {
  readonly ok: boolean;
  readonly stepCount: number;
  readonly lastStep: number;
  readonly output: string;
  readonly error: string | null;
  readonly nodes: number;
  /** Steps of the second element (long names, shrunk labels). */
  readonly longSteps: number;
  readonly violations: readonly string[];
}

async function main(): Promise<CspReport> {
  const el = document.querySelector('grad-graph');
  const long = document.querySelector<GradGraph>('grad-graph#long');
  if (!el || !long) throw new Error('no <grad-graph>');
  long.scrollIntoView();
  const deadline = Date.now() + 15_000;
  while (el.stepCount === 0 && !el.error && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  el.speed = 64;
  el.play();
  while (el.playing && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 100));
  const longOne = long;
  while (longOne.stepCount === 0 && !longOne.error && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  longOne.seek(longOne.stepCount - 1);
  await longOne.updateComplete;
  await new Promise((r) => setTimeout(r, 100));
  const nodes = el.shadowRoot?.querySelectorAll('svg[part="graph"] g.gg-node').length ?? 0;
  return {
    ok: true,
    stepCount: el.stepCount,
    lastStep: el.step,
    output: el.output,
    error: el.error ? `${el.error.type}: ${el.error.message}` : null,
    nodes,
    longSteps: longOne.stepCount,
    violations,
  };
}

main().then(
  (report) => {
    (window as unknown as {cspReport: CspReport}).cspReport = report;
  },
  (e: unknown) => {
    (window as unknown as {cspReport: CspReport}).cspReport = {
      ok: false,
      stepCount: 0,
      lastStep: 0,
      output: '',
      error: String(e),
      nodes: 0,
      longSteps: 0,
      violations,
    };
  },
);

/**
 * Mutations of real scripts: split into rough tokens (names, numbers, strings, operators,
 * whitespace and newlines kept as tokens so indentation survives), then delete, duplicate, swap,
 * replace or insert tokens; and truncations of a script at every position.
 */
import type {Rng} from './rng.js';

const tokenPattern =
  /[rRbBuUfF]{0,2}(?:'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")|\d[\w.]*|[\p{L}_][\p{L}\p{N}_]*|\r\n|\n|[ \t]+|\*\*=?|\/\/=?|[<>=!]=|[+\-*/@%]=|->|#[^\n]*|[\s\S]/gu;

/** Rough Python tokens of `source`; joining them gives back `source`. */
export function roughTokens(source: string): string[] {
  return source.match(tokenPattern) ?? [];
}

const extraTokens = [
  '(',
  ')',
  '[',
  ']',
  ',',
  ':',
  '=',
  '.',
  '\n',
  '    ',
  'torch',
  'None',
  'lambda',
  'def',
  'while',
  'yield',
  'import',
  '**',
  '"',
  "'",
  '\\',
  '#',
  '0x',
  '1e',
  '\t',
];

/** One random mutation of a token list (a new list). */
export function mutateTokens(
  tokens: readonly string[],
  rng: Rng,
  vocabulary: readonly string[],
): string[] {
  const out = [...tokens];
  if (out.length === 0) return [rng.pick(extraTokens)];
  const i = rng.int(out.length);
  const j = rng.int(out.length);
  switch (rng.int(6)) {
    case 0:
      out.splice(i, 1);
      break;
    case 1:
      out.splice(i, 0, out[i] ?? '');
      break;
    case 2: {
      const t = out[i] ?? '';
      out[i] = out[j] ?? '';
      out[j] = t;
      break;
    }
    case 3: {
      const t = out[i] ?? '';
      out[i] = out[i + 1] ?? '';
      if (i + 1 < out.length) out[i + 1] = t;
      break;
    }
    case 4:
      out[i] = rng.chance(0.5) ? rng.pick(vocabulary) : rng.pick(extraTokens);
      break;
    default:
      out.splice(i, 0, rng.chance(0.5) ? rng.pick(vocabulary) : rng.pick(extraTokens));
  }
  return out;
}

/** `source` with 1 to `max` random token mutations applied. */
export function mutateScript(
  source: string,
  rng: Rng,
  vocabulary: readonly string[],
  max = 3,
): string {
  let tokens = roughTokens(source);
  const n = rng.range(1, max);
  for (let k = 0; k < n; k++) tokens = mutateTokens(tokens, rng, vocabulary);
  return tokens.join('');
}

/** Every prefix of `source` (truncation at each position), taking every `stride`-th position. */
export function* truncations(source: string, stride = 1): Generator<string> {
  for (let i = 0; i <= source.length; i += stride) yield source.slice(0, i);
}

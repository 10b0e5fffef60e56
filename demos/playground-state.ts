/**
 * The playground's state in the URL hash, so a link reproduces the graph: the code (UTF-8, then
 * base64url), the view, the direction and the step. Pure functions, tested in Node.
 */

/** Everything a playground link carries. */
export interface PlaygroundState {
  readonly code: string;
  readonly view: 'dataflow' | 'autograd';
  readonly direction: 'LR' | 'TB';
  /** The step shown, or null for the default (the graph's first step). */
  readonly step: number | null;
}

/** Text to base64url (RFC 4648 §5, no padding), through UTF-8. */
export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url back to text; null when it is not valid base64url of UTF-8. */
export function fromBase64Url(data: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(data) || data.length % 4 === 1) return null;
  try {
    const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    return null;
  }
}

/** The hash for a state (without the leading `#`); defaults are left out to keep links short. */
export function encodeState(state: PlaygroundState): string {
  const params = new URLSearchParams();
  params.set('code', toBase64Url(state.code));
  if (state.view !== 'dataflow') params.set('view', state.view);
  if (state.direction !== 'LR') params.set('direction', state.direction);
  if (state.step !== null) params.set('step', String(state.step));
  return params.toString();
}

/**
 * The state a hash describes (with or without the leading `#`), or null when it holds no code or
 * its code does not decode. Unknown or invalid view, direction and step fall back to defaults.
 */
export function decodeState(hash: string): PlaygroundState | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const data = params.get('code');
  if (data === null) return null;
  const code = fromBase64Url(data);
  if (code === null) return null;
  const view = params.get('view') === 'autograd' ? 'autograd' : 'dataflow';
  const direction = params.get('direction') === 'TB' ? 'TB' : 'LR';
  const stepText = params.get('step');
  const step = stepText !== null && /^\d{1,9}$/.test(stepText) ? Number(stepText) : null;
  return {code, view, direction, step};
}

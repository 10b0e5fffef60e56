/**
 * The picture's colours and fonts, and the one stylesheet that uses them. The static export fills
 * the stylesheet with concrete values; the component fills it with `var(--grad-graph-…)` so pages
 * can restyle it. Forward and backward use the Okabe–Ito blue and vermillion, which stay distinct
 * for the common colour-vision deficiencies and in greyscale print (different lightness).
 */

/**
 * The smallest text the picture draws, in user units (link gradients, sublabels, badges): the
 * element zooms so that this shows at a readable size.
 */
export const SMALLEST_TEXT = 11;

/** Every themable value of the picture. */
export interface Theme {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly link: string;
  readonly nodeFill: string;
  readonly nodeStroke: string;
  readonly opFill: string;
  readonly leafFill: string;
  readonly forward: string;
  readonly backward: string;
  readonly forwardTint: string;
  readonly backwardTint: string;
  readonly font: string;
  readonly monoFont: string;
}

/** Named fonts first (so a static SVG looks the same where they exist), generic family last. */
const font =
  '"Helvetica Neue", Helvetica, Arial, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", sans-serif';
const monoFont =
  '"DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", monospace';

/** The light theme: the default, and what static exports and print use. */
export const lightTheme: Theme = {
  background: '#ffffff',
  text: '#1b1f24',
  muted: '#5f6b76',
  link: '#a3adb7',
  nodeFill: '#ffffff',
  nodeStroke: '#6b7782',
  opFill: '#eef1f4',
  leafFill: '#fff6d8',
  forward: '#0072b2',
  backward: '#d55e00',
  forwardTint: '#e3f1fa',
  backwardTint: '#fcebdf',
  font,
  monoFont,
};

/** The dark theme, used by the component under `prefers-color-scheme: dark`. */
export const darkTheme: Theme = {
  background: '#16191d',
  text: '#e6e9ec',
  muted: '#9aa5b0',
  link: '#56606a',
  nodeFill: '#1f2429',
  nodeStroke: '#8a96a1',
  opFill: '#2a3038',
  leafFill: '#3a3422',
  forward: '#56b4e9',
  backward: '#e69f00',
  forwardTint: '#17303f',
  backwardTint: '#3d2a14',
  font,
  monoFont,
};

/** The theme keys in a stable order, with the CSS custom property each maps to. */
export const themeProperties: readonly (readonly [keyof Theme, string])[] = [
  ['background', '--grad-graph-background'],
  ['text', '--grad-graph-text'],
  ['muted', '--grad-graph-muted'],
  ['link', '--grad-graph-link'],
  ['nodeFill', '--grad-graph-node-fill'],
  ['nodeStroke', '--grad-graph-node-stroke'],
  ['opFill', '--grad-graph-op-fill'],
  ['leafFill', '--grad-graph-leaf-fill'],
  ['forward', '--grad-graph-forward'],
  ['backward', '--grad-graph-backward'],
  ['forwardTint', '--grad-graph-forward-tint'],
  ['backwardTint', '--grad-graph-backward-tint'],
  ['font', '--grad-graph-font'],
  ['monoFont', '--grad-graph-mono-font'],
];

/** A theme whose values are `var(--grad-graph-…)` references, for the component's shadow root. */
export const cssVarTheme: Theme = Object.fromEntries(
  themeProperties.map(([key, prop]) => [key, `var(${prop})`]),
) as unknown as Theme;

/**
 * The stylesheet of the picture (class names set by `draw`). Colour carries meaning twice:
 * forward links are solid, backward ones dashed, so nothing depends on hue alone.
 */
export function graphStyles(t: Theme): string {
  return `
.gg-graph { font-family: ${t.font}; font-size: 12px; fill: ${t.text}; }
.gg-background { fill: ${t.background}; }
.gg-link path.gg-edge { fill: none; stroke: ${t.link}; stroke-width: 1.5; }
.gg-link.gg-ghost { opacity: 0.35; }
.gg-link.gg-active.gg-forward path.gg-edge { stroke: ${t.forward}; stroke-width: 3; }
.gg-link.gg-active.gg-backward path.gg-edge { stroke: ${t.backward}; stroke-width: 3; stroke-dasharray: 7 3; }
.gg-link text.gg-link-grad { font-family: ${t.monoFont}; font-size: ${SMALLEST_TEXT}px; fill: ${t.backward}; stroke: ${t.background}; stroke-width: 3.5px; stroke-linejoin: round; paint-order: stroke; }
.gg-arrow { fill: ${t.link}; }
.gg-arrow-forward { fill: ${t.forward}; }
.gg-arrow-backward { fill: ${t.backward}; }
.gg-node.gg-ghost { opacity: 0.3; }
.gg-node:focus { outline: none; }
.gg-node:focus-visible .gg-shape, .gg-node.gg-selected .gg-shape { stroke: ${t.text}; stroke-width: 2.5; }
.gg-node .gg-shape { fill: ${t.nodeFill}; stroke: ${t.nodeStroke}; stroke-width: 1.2; }
.gg-tensor.gg-role-leaf .gg-shape { fill: ${t.leafFill}; stroke-width: 2; }
.gg-tensor.gg-role-output .gg-shape { stroke-width: 2.4; }
.gg-tensor.gg-role-constant .gg-shape { stroke-dasharray: 2 2; }
.gg-tensor.gg-role-detached .gg-shape { stroke-dasharray: 5 3; fill: ${t.background}; }
.gg-op .gg-shape { fill: ${t.opFill}; }
.gg-gradfn .gg-shape { fill: ${t.opFill}; }
.gg-accumulate .gg-shape { fill: ${t.leafFill}; }
.gg-seed .gg-shape { fill: ${t.backwardTint}; stroke: ${t.backward}; stroke-width: 1.6; }
.gg-node.gg-active.gg-forward .gg-shape { stroke: ${t.forward}; stroke-width: 3; fill: ${t.forwardTint}; }
.gg-node.gg-active.gg-backward .gg-shape { stroke: ${t.backward}; stroke-width: 3; fill: ${t.backwardTint}; }
.gg-label { font-weight: 600; font-size: 12.5px; }
.gg-op .gg-label { font-weight: 600; font-size: 12px; }
.gg-sublabel { fill: ${t.muted}; font-family: ${t.monoFont}; font-size: ${SMALLEST_TEXT}px; }
.gg-value, .gg-grad { font-family: ${t.monoFont}; font-size: 12px; white-space: pre; }
.gg-grad, .gg-grad-title { fill: ${t.backward}; }
.gg-grad-title { font-size: ${SMALLEST_TEXT}px; font-weight: 600; }
.gg-rule { stroke: ${t.nodeStroke}; stroke-width: 0.6; opacity: 0.6; }
.gg-badge circle, .gg-badge rect { fill: ${t.backward}; }
.gg-badge text { fill: ${t.background}; font-weight: 700; font-size: ${SMALLEST_TEXT}px; }
.gg-caption { font-size: 12px; fill: ${t.text}; }
.gg-caption-title { font-weight: 600; fill: ${t.muted}; }
`;
}

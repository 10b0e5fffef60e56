/**
 * Node sizes from text lengths, so the view (not layout, not render) decides how big a node is
 * and layout stays a pure function of the graph. Render should draw text with these metrics:
 * a monospace font at {@link FONT_SIZE} whose advance is {@link CHAR_WIDTH}.
 */

/** Font size of node text, in SVG user units. */
export const FONT_SIZE = 12;
/** Advance of one character of the monospace node font at FONT_SIZE (0.6 em). */
export const CHAR_WIDTH = 7.2;
/** Height of one line of node text. */
export const LINE_HEIGHT = 15;
/** Padding inside a box, each side. */
export const PADDING = 8;
/** Smallest diameter of a round op node. */
export const OP_MIN_SIZE = 30;

/** Display width of a string in characters: wide (CJK) characters count as two. */
export function textColumns(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    n +=
      c >= 0x1100 &&
      (c <= 0x115f ||
        (c >= 0x2e80 && c <= 0xa4cf) ||
        (c >= 0xac00 && c <= 0xd7a3) ||
        (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xfe30 && c <= 0xfe4f) ||
        (c >= 0xff00 && c <= 0xff60) ||
        (c >= 0xffe0 && c <= 0xffe6))
        ? 2
        : 1;
  }
  return n;
}

/** The size of a box holding these lines of text (blank lines count; a block may be multi-line). */
export function boxSize(blocks: readonly string[]): {width: number; height: number} {
  const lines = blocks.flatMap((b) => b.split('\n'));
  const columns = Math.max(1, ...lines.map(textColumns));
  return {
    width: Math.ceil(columns * CHAR_WIDTH + 2 * PADDING),
    height: Math.ceil(lines.length * LINE_HEIGHT + 2 * PADDING),
  };
}

/** The size of a round op node with this label: a circle, or a pill for long labels. */
export function opSize(label: string): {width: number; height: number} {
  const width = Math.ceil(textColumns(label) * CHAR_WIDTH + 2 * PADDING);
  return {width: Math.max(OP_MIN_SIZE, width), height: OP_MIN_SIZE};
}

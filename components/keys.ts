/** The element's keyboard: which key does what, decided apart from doing it. */

/** Focus moves between the picture's nodes (in topological order), as in any composite widget. */
export type NodeMove = 'node-next' | 'node-prev' | 'node-first' | 'node-last';

/** Whether a command moves the focus between nodes. */
export function isNodeMove(command: KeyCommand): command is NodeMove {
  return command.startsWith('node-');
}

/** What a key press asks for. */
export type KeyCommand = 'toggle' | 'next' | 'prev' | 'first' | 'last' | 'select' | NodeMove;

/**
 * The command of a key press inside the element, or null. Form controls keep their own keys
 * (the scrubber's arrows move the scrubber, which seeks), and buttons keep space and Enter. On a
 * node of the picture (one tab stop: a roving tabindex), the arrows and Home/End move between
 * nodes; Page Up/Down step anywhere, the arrows and Home/End elsewhere.
 */
export function keyCommand(e: KeyboardEvent): KeyCommand | null {
  const origin = e.composedPath()[0];
  const tag = origin instanceof Element ? origin.localName : '';
  if (tag === 'input' || tag === 'select' || tag === 'textarea') return null;
  const onButton = tag === 'button';
  const onNode = origin instanceof Element && origin.classList.contains('gg-node');
  switch (e.key) {
    case ' ':
      return onButton ? null : 'toggle';
    case 'ArrowRight':
      return onNode ? 'node-next' : 'next';
    case 'ArrowLeft':
      return onNode ? 'node-prev' : 'prev';
    case 'ArrowDown':
      return onNode ? 'node-next' : null;
    case 'ArrowUp':
      return onNode ? 'node-prev' : null;
    case 'PageDown':
      return 'next';
    case 'PageUp':
      return 'prev';
    case 'Home':
      return onNode ? 'node-first' : 'first';
    case 'End':
      return onNode ? 'node-last' : 'last';
    case 'Enter':
      return onButton ? null : 'select';
    default:
      return null;
  }
}

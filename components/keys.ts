/** The element's keyboard: which key does what, decided apart from doing it. */

/** What a key press asks for. */
export type KeyCommand = 'toggle' | 'next' | 'prev' | 'first' | 'last' | 'select';

/**
 * The command of a key press inside the element, or null. Form controls keep their own keys
 * (the scrubber's arrows move the scrubber, which seeks), and buttons keep space and Enter.
 */
export function keyCommand(e: KeyboardEvent): KeyCommand | null {
  const origin = e.composedPath()[0];
  const tag = origin instanceof Element ? origin.localName : '';
  if (tag === 'input' || tag === 'select' || tag === 'textarea') return null;
  const onButton = tag === 'button';
  switch (e.key) {
    case ' ':
      return onButton ? null : 'toggle';
    case 'ArrowRight':
      return 'next';
    case 'ArrowLeft':
      return 'prev';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Enter':
      return onButton ? null : 'select';
    default:
      return null;
  }
}

/** Dispatches a Touchpoint event: it bubbles and crosses shadow roots; resolves false when a listener cancelled it. */
export const emit = (target: EventTarget, type: string, detail?: unknown, cancelable = false): boolean =>
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));

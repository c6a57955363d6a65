const said = new Set<string>();

/** Tells the developer once per page, however many elements or renders repeat the mistake. */
export function warnOnce(message: string, level: 'warn' | 'error' = 'warn'): void {
  if (said.has(message)) return;
  said.add(message);
  console[level](`[touchpoint] ${message}`);
}

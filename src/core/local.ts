/**
 * localStorage that never throws: it is missing in some sandboxes, throws in others
 * (Safari private mode, storage disabled), and may hold anything another script wrote.
 */
export function readLocal<T>(key: string): T | undefined {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

/** Stores `value` as JSON; null removes the key, so that nothing is left behind (forget() looks for none). */
export function writeLocal(key: string, value: unknown): void {
  try {
    if (value == null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the caller's fallback is to ask again, which is harmless.
  }
}

/** Removes every key Touchpoint keeps (`touchpoint:…`); false when localStorage refused. */
export function clearLocal(): boolean {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith('touchpoint:')) localStorage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

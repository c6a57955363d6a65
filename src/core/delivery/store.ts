import { delMany, entries, promisifyRequest, setMany, type UseStore } from 'idb-keyval';

/** A key-value store of records; IndexedDB through idb-keyval, or memory when IndexedDB is unusable. */
export interface Box<V> {
  /** All entries in key order. */
  all(): Promise<[IDBValidKey, V][]>;
  /** Writes that must survive a crash right after they resolve (IndexedDB `durability: 'strict'`). */
  put(items: [IDBValidKey, V][]): Promise<void>;
  /** Writes whose loss costs at most a resend (schedules, deletions after a 2xx). */
  patch(items: [IDBValidKey, V][]): Promise<void>;
  del(keys: IDBValidKey[]): Promise<void>;
}

const OPEN_TIMEOUT = 3000;

/**
 * idb-keyval's `createStore`, plus what a script in other people's pages meets: an open that never
 * settles (Safari, https://bugs.webkit.org/show_bug.cgi?id=226547), connections the browser
 * closes, and a per-transaction durability hint.
 */
function connect(dbName: string, storeName: string) {
  let dbp: Promise<IDBDatabase> | undefined;
  const open = () =>
    (dbp ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName);
      setTimeout(() => reject(new Error('IndexedDB did not open')), OPEN_TIMEOUT);
      promisifyRequest(request).then((db) => {
        db.onclose = db.onversionchange = () => {
          db.close();
          dbp = undefined;
        };
        resolve(db);
      }, reject);
    }).catch((error) => {
      dbp = undefined;
      throw error;
    }));
  return (durability: IDBTransactionDurability): UseStore =>
    (txMode, callback) => open().then((db) => callback(db.transaction(storeName, txMode, { durability }).objectStore(storeName)));
}

export function idbBox<V>(dbName: string, storeName = 'records'): Box<V> {
  const use = connect(dbName, storeName);
  const strict = use('strict');
  const relaxed = use('relaxed');
  return {
    all: () => entries<IDBValidKey, V>(relaxed),
    put: (items) => setMany(items, strict),
    patch: (items) => setMany(items, relaxed),
    del: (keys) => delMany(keys, relaxed),
  };
}

/** IndexedDB orders array keys element by element; memory keeps the same order. */
export function compareKeys(a: IDBValidKey, b: IDBValidKey): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareKeys(a[i], b[i]);
      if (c) return c;
    }
    return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function memoryBox<V>(): Box<V> {
  const map = new Map<string, [IDBValidKey, V]>();
  const id = (key: IDBValidKey) => JSON.stringify(key);
  const set = async (items: [IDBValidKey, V][]) => void items.forEach((item) => map.set(id(item[0]), item));
  return {
    all: async () => [...map.values()].sort((a, b) => compareKeys(a[0], b[0])),
    put: set,
    patch: set,
    del: async (keys) => keys.forEach((key) => map.delete(id(key))),
  };
}

/**
 * A box that falls back to memory: when an IndexedDB operation fails it reopens once and tries
 * again; if that fails too, this page keeps its records in memory from then on and `onFallback`
 * runs (once). Records already in IndexedDB stay there for a later page to send.
 */
export function resilientBox<V>(open: () => Box<V>, onFallback: (error: unknown) => void): Box<V> & { persistent(): boolean } {
  let box: Box<V> | undefined;
  let memory: Box<V> | undefined;
  const run =
    <A extends unknown[], R>(op: (b: Box<V>, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (memory) return op(memory, ...args);
      try {
        return await op((box ??= open()), ...args);
      } catch {
        try {
          return await op((box = open()), ...args);
        } catch (error) {
          if (!memory) {
            memory = memoryBox();
            onFallback(error);
          }
          return op(memory, ...args);
        }
      }
    };
  return {
    all: run((b) => b.all()),
    put: run((b, items) => b.put(items)),
    patch: run((b, items) => b.patch(items)),
    del: run((b, keys) => b.del(keys)),
    persistent: () => !memory,
  };
}

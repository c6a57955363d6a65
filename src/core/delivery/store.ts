/** Records by key: IndexedDB, or memory when IndexedDB is unusable. */
export interface Box<V> {
  /** All entries, in key order. */
  all(): Promise<[IDBValidKey, V][]>;
  /**
   * Writes entries. `strict` ones are on disk when this resolves (IndexedDB `durability: 'strict'`);
   * the others (schedules) may be lost in a crash, which costs at most a resend.
   */
  put(items: [IDBValidKey, V][], strict?: boolean): Promise<void>;
  del(keys: IDBValidKey[]): Promise<void>;
}

/** Settles with a request's result, or when a transaction completes. */
const settled = <T>(r: IDBRequest<T> | IDBTransaction): Promise<T> =>
  new Promise((resolve, reject) => {
    (r as IDBRequest).onsuccess = (r as IDBTransaction).oncomplete = () => resolve((r as IDBRequest<T>).result);
    (r as IDBRequest).onerror = (r as IDBTransaction).onabort = () => reject(r.error);
  });

/**
 * One object store in its own database, in idb-keyval's manner (one connection, opened on first
 * use), plus what a script in other people's pages meets: an open that never settles (Safari,
 * https://bugs.webkit.org/show_bug.cgi?id=226547), connections the browser closes, and a
 * durability hint per transaction.
 */
export function idbBox<V>(dbName: string, storeName = 'records'): Box<V> {
  let dbp: Promise<IDBDatabase> | undefined;
  const store = (mode: IDBTransactionMode, durability: IDBTransactionDurability = 'relaxed') =>
    (dbp ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName);
      setTimeout(reject, 3000, new Error('IndexedDB did not open'));
      settled(request).then((db) => {
        db.onclose = db.onversionchange = () => {
          db.close();
          dbp = undefined;
        };
        resolve(db);
      }, reject);
    }).catch((error) => {
      dbp = undefined;
      throw error;
    })).then((db) => db.transaction(storeName, mode, { durability }).objectStore(storeName));
  return {
    // One transaction: the keys and the values are one snapshot.
    all: () => store('readonly').then((s) => Promise.all([settled(s.getAllKeys()), settled(s.getAll())])).then(([keys, values]) => keys.map((key, i): [IDBValidKey, V] => [key, values[i]])),
    put: (items, strict) =>
      store('readwrite', strict ? 'strict' : 'relaxed').then((s) => {
        for (const [key, value] of items) s.put(value, key);
        return settled<void>(s.transaction);
      }),
    del: (keys) =>
      store('readwrite').then((s) => {
        for (const key of keys) s.delete(key);
        return settled<void>(s.transaction);
      }),
  };
}

/** In memory, for when IndexedDB is unusable. Only this page writes it, so insertion order is key order. */
export function memoryBox<V>(): Box<V> {
  const map = new Map<string, [IDBValidKey, V]>();
  const id = JSON.stringify;
  return {
    all: async () => [...map.values()],
    put: async (items) => items.forEach((item) => map.set(id(item[0]), item)),
    del: async (keys) => keys.forEach((key) => map.delete(id(key))),
  };
}

/**
 * A box that falls back to memory: when an operation fails it reopens once and tries again; if
 * that fails too, this page keeps its records in memory from then on, and `onFallback` runs.
 * Records already in IndexedDB stay there for a later page to send.
 */
export function resilientBox<V>(open: () => Box<V>, onFallback: (error: unknown) => void): Box<V> & { memory?: Box<V> } {
  type Op = (...args: unknown[]) => Promise<never>;
  let box: Box<V> | undefined;
  const self: Box<V> & { memory?: Box<V> } = {} as never;
  for (const op of ['all', 'put', 'del'] as const)
    self[op] = (async (...args: unknown[]) => {
      if (!self.memory)
        try {
          return await ((box ??= open())[op] as Op)(...args);
        } catch {
          try {
            return await ((box = open())[op] as Op)(...args);
          } catch (error) {
            if (!self.memory) {
              self.memory = memoryBox();
              onFallback(error);
            }
          }
        }
      return (self.memory![op] as Op)(...args);
    }) as never;
  return self;
}

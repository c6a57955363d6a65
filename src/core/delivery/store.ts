import { delMany, entries, promisifyRequest, setMany, type UseStore } from 'idb-keyval';

/** Records by key: IndexedDB through idb-keyval, or memory when IndexedDB is unusable. */
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

/**
 * idb-keyval's `createStore`, plus what a script in other people's pages meets: an open that
 * never settles (Safari, https://bugs.webkit.org/show_bug.cgi?id=226547), connections the
 * browser closes, and a durability hint per transaction.
 */
export function idbBox<V>(dbName: string, storeName = 'records'): Box<V> {
  let dbp: Promise<IDBDatabase> | undefined;
  const open = () =>
    (dbp ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName);
      setTimeout(reject, 3000, new Error('IndexedDB did not open'));
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
  const use =
    (durability: IDBTransactionDurability): UseStore =>
    (mode, callback) =>
      open().then((db) => callback(db.transaction(storeName, mode, { durability }).objectStore(storeName)));
  const relaxed = use('relaxed');
  const strict = use('strict');
  return {
    all: () => entries(relaxed),
    put: (items, durable) => setMany(items, durable ? strict : relaxed),
    del: (keys) => delMany(keys, relaxed),
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

// happy-dom has no IndexedDB; fake-indexeddb provides a spec-following one in memory.
import 'fake-indexeddb/auto';

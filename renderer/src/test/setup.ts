// Real IndexedDB semantics under jsdom, for the Dexie schema and sync tests.
import 'fake-indexeddb/auto';

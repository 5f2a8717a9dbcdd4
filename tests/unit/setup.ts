// In-memory IndexedDB for Dexie in unit tests (WxtVitest already provides the fake browser API).
import 'fake-indexeddb/auto';

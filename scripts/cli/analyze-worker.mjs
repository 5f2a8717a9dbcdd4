// The second reader of `analyze` (see analyze.ts): a worker thread, started as plain JavaScript so
// it can register the TypeScript loader (tsx) for itself before loading its TypeScript side.
import { register } from 'tsx/esm/api';

register();
await import('./analyze-worker.ts');

// Worker entry: registers the TypeScript loader inside the worker thread, then runs the load.
import { register } from 'tsx/esm/api';

register();
await import('./load-worker.ts');

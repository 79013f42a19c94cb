// The check thread's entry: a worker starts with no loaders of its own, so register
// them before importing the TypeScript body (src/cli/thread/worker.ts).
import { registerLoaders } from './register.js';

registerLoaders();
await import('../src/cli/thread/worker.ts');

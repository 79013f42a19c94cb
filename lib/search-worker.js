// A parallel search worker's entry: a worker starts with no loaders of its own, so
// register them before importing the TypeScript body (src/explore/parallel/worker.ts).
import { workerData } from 'node:worker_threads';
import { registerLoaders } from './register.js';

registerLoaders();
try {
  await import('../src/explore/parallel/worker.ts');
} catch (e) {
  // The body could not even load: say so on the reply channel, where the coordinator listens.
  const control = new Int32Array(workerData.control, 0, 2);
  workerData.reply.postMessage({ kind: 'error', message: e instanceof Error ? e.stack ?? e.message : String(e) });
  Atomics.add(control, 1, 1);
  Atomics.notify(control, 1);
}

// A parallel search worker's entry: a worker starts with no loaders of its own, so
// register them before importing the TypeScript body (src/explore/parallel/worker.ts).
// If the body cannot load, the first search this worker is given hears why.
import { parentPort } from 'node:worker_threads';
import { registerLoaders } from './register.js';

registerLoaders();
try {
  await import('../src/explore/parallel/worker.ts');
} catch (e) {
  const why = e instanceof Error ? e.stack ?? e.message : String(e);
  parentPort.on('message', (c) => {
    if (c.kind !== 'search') return;
    const control = new Int32Array(c.init.control, 0, 2);
    c.init.reply.postMessage({ kind: 'error', message: why });
    Atomics.add(control, 1, 1);
    Atomics.notify(control, 1);
  });
}

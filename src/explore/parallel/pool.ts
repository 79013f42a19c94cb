/**
 * Search worker threads kept for the next search. Starting a worker costs
 * most of a second (the TypeScript loader, the model's imports), more than a
 * small scenario's whole search, so a search that ended cleanly hands its
 * workers back, and the next one (another scenario, another model) reuses
 * them: a worker rebuilds its engine for each search and imports a model file
 * once. Idle workers do not keep the process alive.
 */
import { Worker } from 'node:worker_threads';

/** Idle workers kept at most. */
const KEEP = 8;

export interface PooledWorker {
  readonly worker: Worker;
  /** Told when the thread fails or exits; replaced by each search that takes it. */
  onDeath: (why: string) => void;
}

const idle: PooledWorker[] = [];

/** An idle worker, or a new one. */
export function takeWorker(): PooledWorker {
  const reused = idle.pop();
  if (reused) return reused;
  const worker = new Worker(new URL('../../../lib/search-worker.js', import.meta.url));
  worker.unref();
  const p: PooledWorker = { worker, onDeath: () => undefined };
  worker.on('error', (e: Error) => p.onDeath(`a search worker failed: ${e.message}`));
  worker.on('exit', (code) => { drop(p); p.onDeath(`a search worker exited (code ${code}) before the search ended`); });
  return p;
}

/** Hands back a worker that finished its last command; ends it when enough are idle. */
export function giveBack(p: PooledWorker): void {
  p.onDeath = () => undefined;
  if (idle.length < KEEP) idle.push(p);
  else endWorker(p);
}

/** Ends a worker that may be busy (a stopped search, a runaway step). */
export function endWorker(p: PooledWorker): void {
  p.onDeath = () => undefined;
  drop(p);
  void p.worker.terminate().catch(() => undefined);
}

function drop(p: PooledWorker): void {
  const i = idle.indexOf(p);
  if (i >= 0) idle.splice(i, 1);
}

/**
 * The body of a parallel search worker (started through lib/search-worker.js,
 * which registers the TypeScript loader first). It loads the model file,
 * compiles the scenario, and then answers the coordinator's commands one at a
 * time: each runs to its end (a level, a ranking, a path) and posts one reply
 * on the reply channel, bumping the reply counter the coordinator sleeps on.
 * Its engine writes the step it runs into the control block, so a watchdog
 * can name a step that never returns.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compile } from '../../engine/system.js';
import { Engine } from '../../engine/semantics.js';
import { FastBackend } from '../../engine/backend-fast.js';
import { ImmerBackend } from '../../engine/backend-immer.js';
import { InputError } from '../../errors.js';
import { loadModel } from '../../load/model-files.js';
import { fingerprint } from '../hash.js';
import { Shard } from './shard.js';
import { Ctl, PROGRESS_SLOTS, controlSlots, runningAt, type Command, type Reply, type WorkerInit } from './protocol.js';

const init = workerData as WorkerInit;
const control = new Int32Array(init.control, 0, controlSlots(init.workers));

function reply(r: Reply): void {
  init.reply.postMessage(r);
  Atomics.add(control, Ctl.replies, 1);
  Atomics.notify(control, Ctl.replies);
}

function failure(e: unknown): Reply {
  if (e instanceof InputError) return { kind: 'error', message: e.message, input: { where: e.where, problem: e.problem, hint: e.hint } };
  return { kind: 'error', message: e instanceof Error ? e.stack ?? e.message : String(e) };
}

async function start(): Promise<Shard<unknown>> {
  const { model } = await loadModel(init.file);
  if (model.name !== init.model) throw new InputError(init.file, `exports model ${model.name}, not ${init.model}`, 'give a search worker the file the model was loaded from');
  const sys = compile(model, init.scenario);
  const backend = init.backend === 'immer' ? new ImmerBackend(sys) : new FastBackend(sys);
  const engine = new Engine<unknown>(sys, backend as never);
  const at = runningAt(init.workers, init.index);
  engine.running = new Int32Array(init.control, 4 * at, 2);
  return new Shard(engine, {
    index: init.index, workers: init.workers, exact: init.exact, control,
    progress: new Float64Array(init.progress, 8 * PROGRESS_SLOTS * init.index, PROGRESS_SLOTS),
    rings: init.rings, ringCapacity: init.ringCapacity, determinismChecks: init.determinismChecks, memoryMB: init.memoryMB, fingerprint,
  });
}

function run(shard: Shard<unknown>, c: Command): Reply {
  switch (c.kind) {
    case 'seed': return shard.seed(c.vec, c.owner);
    case 'expand': return shard.expandLevel(c.depth, c.probe);
    case 'sort': return shard.sortKeys();
    case 'rank': return shard.rankLevel(c.keys, c.base, c.budgetAt);
    case 'count': return shard.count(c.key);
    case 'path': return shard.path(c.id);
    case 'finish': return shard.finish();
  }
}

start().then((shard) => {
  parentPort!.on('message', (c: Command) => {
    let r: Reply;
    try { r = run(shard, c); } catch (e) { r = failure(e); }
    reply(r);
  });
  reply({ kind: 'ready' });
}, (e: unknown) => reply(failure(e)));

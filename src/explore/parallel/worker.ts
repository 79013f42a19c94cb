/**
 * The body of a parallel search worker (started through lib/search-worker.js,
 * which registers the TypeScript loader first). It loads the model file,
 * compiles the scenario, and then answers the coordinator's commands one at a
 * time: each runs to its end (a level, a ranking, a path) and posts one reply
 * on the reply channel, bumping the reply counter the coordinator sleeps on.
 * Its engine writes the step it runs into the control block, so a watchdog
 * can name a step that never returns.
 */
import { parentPort } from 'node:worker_threads';
import { compile } from '../../engine/system.js';
import { Engine } from '../../engine/semantics.js';
import { FastBackend } from '../../engine/backend-fast.js';
import { ImmerBackend } from '../../engine/backend-immer.js';
import { InputError } from '../../errors.js';
import { loadModel } from '../../load/model-files.js';
import { fingerprint } from '../hash.js';
import { makeCanonicalizer } from '../symmetry/index.js';
import { Shard } from './shard.js';
import { Ctl, PROGRESS_SLOTS, controlSlots, runningAt, type Command, type Reply, type WorkerInit } from './protocol.js';

/** The search this worker serves now: its setup, control block and part of the state space. */
let init: WorkerInit | null = null;
let control: Int32Array = new Int32Array(new SharedArrayBuffer(4 * controlSlots(1)));
let shard: Shard<unknown> | null = null;

function reply(r: Reply): void {
  init!.reply.postMessage(r);
  Atomics.add(control, Ctl.replies, 1);
  Atomics.notify(control, Ctl.replies);
}

function failure(e: unknown): Reply {
  if (e instanceof InputError) return { kind: 'error', message: e.message, input: { where: e.where, problem: e.problem, hint: e.hint } };
  return { kind: 'error', message: e instanceof Error ? e.stack ?? e.message : String(e) };
}

/** Builds this worker's part of a new search: the model from its file (imported once per file), compiled under the scenario. */
async function start(i: WorkerInit): Promise<Shard<unknown>> {
  const { model } = await loadModel(i.file);
  if (model.name !== i.model) throw new InputError(i.file, `exports model ${model.name}, not ${i.model}`, 'give a search worker the file the model was loaded from');
  const sys = compile(model, i.scenario);
  const backend = i.backend === 'immer' ? new ImmerBackend(sys) : new FastBackend(sys);
  const engine = new Engine<unknown>(sys, backend as never);
  engine.running = new Int32Array(i.control, 4 * runningAt(i.workers, i.index), 2);
  // Under symmetry every worker keys and partitions states by the canonical fingerprint (its own buffers).
  const canon = i.symmetry ? makeCanonicalizer(sys) : null;
  return new Shard(engine, {
    index: i.index, workers: i.workers, exact: i.exact, control,
    progress: new Float64Array(i.progress, 8 * PROGRESS_SLOTS * i.index, PROGRESS_SLOTS),
    rings: i.rings, ringCapacity: i.ringCapacity, determinismChecks: i.determinismChecks, memoryMB: i.memoryMB, graphEdges: i.graphEdges,
    fingerprint: canon ? (v, out) => canon.fingerprint(v, out) : fingerprint,
    ...(canon && i.exact ? { canonical: (v: Int32Array) => canon.canonical(v) } : {}),
  });
}

function run(s: Shard<unknown>, c: Exclude<Command, { kind: 'search' }>): Reply {
  switch (c.kind) {
    case 'seed': return s.seed(c.vec, c.owner);
    case 'expand': return s.expandLevel(c.depth, c.probe);
    case 'sort': return s.sortKeys();
    case 'rank': return s.rankLevel(c.keys, c.base, c.budgetAt);
    case 'count': return s.count(c.key);
    case 'path': return s.path(c.id);
    case 'finish': return s.finish();
    case 'graph': return s.writeGraph(c.graph, c.offset);
  }
}

parentPort!.on('message', (c: Command) => {
  if (c.kind === 'search') {
    init = c.init;
    control = new Int32Array(c.init.control, 0, controlSlots(c.init.workers));
    shard = null;
    start(c.init).then((s) => { shard = s; reply({ kind: 'ready' }); }, (e: unknown) => reply(failure(e)));
    return;
  }
  let r: Reply;
  try { r = run(shard!, c); } catch (e) { r = failure(e); }
  reply(r);
});

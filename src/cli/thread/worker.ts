/**
 * The body of the check thread (started through lib/worker.js, which registers
 * the TypeScript loader first). It loads a model file, checks one scenario per
 * request, and reports progress, the result or the error. It polls the control
 * block's stop flag between slices of the search, and its engine writes the step
 * it runs into the block, so a watchdog on the main thread can name a step that
 * never returns.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkAsync } from '../../check.js';
import { compile } from '../../engine/system.js';
import { InputError } from '../../errors.js';
import { loadModel } from '../../load/model-files.js';
import { Slot, type CheckRequest, type WorkerMessage } from './protocol.js';

const control = new Int32Array((workerData as { control: SharedArrayBuffer }).control);
const post = (m: WorkerMessage): void => parentPort!.postMessage(m);

async function handle(req: CheckRequest): Promise<void> {
  const { model } = await loadModel(req.file);
  const sys = compile(model, req.scenario);
  const o = req.options;
  post({
    kind: 'started', model: model.name, scenario: sys.scenarioName, bounds: sys.bounds, order: o.order ?? 'bfs', backend: o.backend ?? 'fast', exact: !!o.exact,
    steps: sys.actions.map((a) => `${a.kind === 'step' ? `step ${a.name}` : a.name} (context ${a.ctx >= 0 ? sys.contexts[a.ctx].info.name : 'timer'})`),
  });
  const result = await checkAsync(model, {
    ...o, scenario: req.scenario, file: req.file,
    watch: control.subarray(Slot.action, Slot.started + 1),
    interrupted: () => Atomics.load(control, Slot.stop) === 1,
    progress: (progress) => post({ kind: 'progress', progress }),
  });
  post({ kind: 'result', result });
}

parentPort!.on('message', (req: CheckRequest) => {
  handle(req).catch((e: unknown) => {
    if (e instanceof InputError) post({ kind: 'input-error', where: e.where, problem: e.problem, hint: e.hint });
    else post({ kind: 'crash', message: e instanceof Error ? e.stack ?? e.message : String(e) });
  });
});

/**
 * DPC objects. Each DPC the model declares is one KDPC with its own context;
 * KeInsertQueueDpc sets its queued flag (a no-op returning false when it is
 * already queued), and the OS later runs the routine at DISPATCH_LEVEL.
 * KeRemoveQueueDpc clears it and says whether it was set. KeFlushQueuedDpcs
 * waits until no DPC is queued or running. With several adapters (scenario
 * `adapters`) each DPC is one KDPC per adapter: the ISR and a DPC queue their
 * own adapter's, anyone may name the adapter.
 */
import { PASSIVE_LEVEL, irqlName } from './irql.js';
import { Property } from '../violation.js';
import type { KernelCore } from './core.js';

/** The adapter context `k` runs for: a DPC's own, the one whose interrupt the ISR serves, else adapter 0. */
export function adapterOf(k: KernelCore): number {
  if (k.ctx.adapter !== undefined) return k.ctx.adapter;
  if (k.ctx.kind === 'isr' && k.sys.isrAdapter >= 0) return k.m.get(k.sys.isrAdapter);
  return 0;
}

function queuedSlot(k: KernelCore, name: string, adapter?: number): number {
  const a = adapter ?? adapterOf(k);
  const s = k.sys.dpcQueued.get(a === 0 ? name : `${name}@${a}`);
  if (s === undefined) {
    if (a !== 0 && k.sys.dpcQueued.has(name)) k.fail(Property.assertion, `${k.ctx.name} queues DPC "${name}" of adapter ${a}, but the scenario has fewer adapters (scenario adapters: n)`);
    const declared = [...k.sys.dpcQueued.keys()].filter((d) => !d.includes('@'));
    k.fail(Property.assertion, `${k.ctx.name} queues DPC "${name}", which the model does not declare (declared: ${declared.join(', ') || 'none'})`);
  }
  return s;
}

/** KeInsertQueueDpc: true if the DPC was queued now, false if it already was. `adapter`: whose DPC object (default: the context's own). */
export function queueDpc(k: KernelCore, name: string, adapter?: number): boolean {
  const s = queuedSlot(k, name, adapter);
  if (k.m.get(s) === 1) return false;
  k.m.set(s, 1);
  return true;
}

/** KeRemoveQueueDpc: true if it was queued. */
export function removeQueuedDpc(k: KernelCore, name: string, adapter?: number): boolean {
  const s = queuedSlot(k, name, adapter);
  const was = k.m.get(s) === 1;
  k.m.set(s, 0);
  return was;
}

/** KeFlushQueuedDpcs: the step waits until every DPC is neither queued nor running. */
export function flushQueuedDpcs(k: KernelCore): void {
  if (k.irql !== PASSIVE_LEVEL) k.fail(Property.irql, `${k.ctx.name} calls KeFlushQueuedDpcs at ${irqlName(k.irql)}; it requires PASSIVE_LEVEL`);
  for (const [name, s] of k.sys.dpcQueued) {
    if (k.m.get(s) === 1) k.block();
    const ctx = k.sys.dpcContext.get(name)!;
    if (ctx !== k.ctx.id && k.m.get(k.sys.pc[ctx]) !== k.sys.idlePc) k.block();
  }
}

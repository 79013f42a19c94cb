/**
 * DPC objects. Each DPC the model declares is one KDPC with its own context;
 * KeInsertQueueDpc sets its queued flag (a no-op returning false when it is
 * already queued), and the OS later runs the routine at DISPATCH_LEVEL.
 * KeFlushQueuedDpcs waits until no DPC is queued or running.
 */
import { PASSIVE_LEVEL, irqlName } from './irql.js';
import { Property } from '../violation.js';
import type { KernelCore } from './core.js';

function queuedSlot(k: KernelCore, name: string): number {
  const s = k.sys.dpcQueued.get(name);
  if (s === undefined) k.fail(Property.assertion, `${k.ctx.name} queues DPC "${name}", which the model does not declare (declared: ${[...k.sys.dpcQueued.keys()].join(', ') || 'none'})`);
  return s;
}

/** KeInsertQueueDpc: true if the DPC was queued now, false if it already was. */
export function queueDpc(k: KernelCore, name: string): boolean {
  const s = queuedSlot(k, name);
  if (k.m.get(s) === 1) return false;
  k.m.set(s, 1);
  return true;
}

/** KeRemoveQueueDpc: true if it was queued. */
export function removeQueuedDpc(k: KernelCore, name: string): boolean {
  const s = queuedSlot(k, name);
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

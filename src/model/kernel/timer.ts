/**
 * KTIMER with an associated DPC. KeSetTimer(Ex) arms it (periodic or one-shot);
 * when it expires, which the explorer lets happen at any moment, its DPC is
 * queued, and a one-shot timer disarms. KeCancelTimer disarms it but does not
 * remove a DPC the timer already queued: the classic teardown hazard. Both
 * are legal up to DISPATCH_LEVEL.
 */
import { Property } from '../violation.js';
import { DISPATCH_LEVEL } from './irql.js';
import type { KernelCore } from './core.js';

function slots(k: KernelCore, name: string): [number, number] {
  const a = k.sys.timerArmed.get(name);
  if (a === undefined) k.fail(Property.assertion, `${k.ctx.name} uses timer "${name}", which the model does not declare (declared: ${[...k.sys.timerArmed.keys()].join(', ') || 'none'})`);
  return [a, k.sys.timerPeriodic.get(name)!];
}

/** KeSetTimerEx: returns true if the timer was already armed. */
export function setTimer(k: KernelCore, name: string, opts: { periodic?: boolean } = {}): boolean {
  k.requireIrqlAtMost(DISPATCH_LEVEL, 'KeSetTimer');
  const [a, p] = slots(k, name);
  const was = k.m.get(a) === 1;
  k.m.set(a, 1);
  k.m.set(p, opts.periodic ? 1 : 0);
  return was;
}

/** KeCancelTimer: returns true if the timer was armed. */
export function cancelTimer(k: KernelCore, name: string): boolean {
  k.requireIrqlAtMost(DISPATCH_LEVEL, 'KeCancelTimer');
  const [a, p] = slots(k, name);
  const was = k.m.get(a) === 1;
  k.m.set(a, 0);
  k.m.set(p, 0);
  return was;
}

export function timerArmed(k: KernelCore, name: string): boolean {
  return k.m.get(slots(k, name)[0]) === 1;
}

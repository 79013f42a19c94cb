/**
 * KEVENT. A notification event stays signaled until reset and releases every
 * waiter; a synchronization event releases one waiter and clears itself. Setting
 * and clearing are legal up to DISPATCH_LEVEL (so the ISR queues a DPC to set an
 * event); waiting is only legal below DISPATCH_LEVEL and never in the ISR,
 * whether or not the event happens to be signaled (with a zero timeout the
 * kernel would allow it, but a driver that waits is written to wait).
 */
import { t, type RecordType, type IntType, type BoolType } from '../schema.js';
import type { KernelCore } from './core.js';
import { checkMayWait } from './mutex.js';
import { DISPATCH_LEVEL } from './irql.js';
import { timesOut, type WaitResult } from './timeout.js';

export type EventKind = 'notification' | 'synchronization';
export type EventType = RecordType<{ signaled: BoolType; auto: IntType }>;

/** Declares an event; `signaled` is its initial state. */
export function event(kind: EventKind, signaled = false): EventType {
  const auto = kind === 'synchronization' ? 1 : 0;
  return { kind: 'record', access: 'sync', object: `${kind} event`, fields: { signaled: t.bool(signaled), auto: t.int(auto, auto, auto) } };
}

/** KeSetEvent: returns the previous state. Not from the ISR: it must queue a DPC that sets the event. */
export function setEvent(k: KernelCore, ev: object): boolean {
  k.requireIrqlAtMost(DISPATCH_LEVEL, 'KeSetEvent');
  const b = k.m.base(ev);
  const was = k.m.get(b) === 1;
  k.m.set(b, 1);
  return was;
}

/** KeClearEvent / KeResetEvent: returns the previous state. */
export function resetEvent(k: KernelCore, ev: object): boolean {
  k.requireIrqlAtMost(DISPATCH_LEVEL, 'KeResetEvent');
  const b = k.m.base(ev);
  const was = k.m.get(b) === 1;
  k.m.set(b, 0);
  return was;
}

export function readEvent(k: KernelCore, ev: object): boolean {
  return k.m.get(k.m.base(ev)) === 1;
}

/** KeWaitForSingleObject on an event: the step waits until it is signaled. */
export function waitEvent(k: KernelCore, ev: object): void {
  checkMayWait(k, 'an event');
  const b = k.m.base(ev);
  if (k.m.get(b) === 0) k.block();
  if (k.m.get(b + 1) === 1) k.m.set(b, 0);
}

/**
 * KeWaitForSingleObject on an event with a timeout: 'signaled' (a
 * synchronization event is consumed) or 'timeout' (the event is left alone).
 * Both outcomes when the event is signaled, only the timeout when it is not.
 */
export function waitEventTimed(k: KernelCore, ev: object): WaitResult {
  checkMayWait(k, 'an event');
  k.m.base(ev);
  if (timesOut(k, 'KeWaitForSingleObject')) return 'timeout';
  waitEvent(k, ev);
  return 'signaled';
}

/**
 * Objects on a stack: a KEVENT or a completion record that lives for one call.
 * Declared in `local` (a context's locals are its stack frame: they reset when
 * a procedure starts and when it ends), a stack object is handed to another
 * context by address: `k.publish(s.local.done)` returns a reference to store in
 * shared state, and `k.stackObject(ref)` turns it back into the object. The
 * reference stays valid while the call that published it runs; once that call
 * returns, its frame is gone, and using the object through the reference (setting
 * the event, waiting on it, writing the record) is a use-after-free, as when a
 * wait times out, the call returns, and the completion path still signals the
 * event it was given (viogpu's CtrlQueue::AskDisplayInfo waits one second on a
 * KEVENT on its stack whose address the completion DPC sets).
 *
 * A reference names the owning context and the object, not the frame: one kept
 * across two calls of the same context and used while the second call has
 * published the same object again is not caught.
 */
import { t, type BoolType, type Fields, type IntType, type RecordType } from '../schema.js';
import { Property } from '../violation.js';
import type { EventKind, EventType } from './event.js';
import { event } from './event.js';
import type { KernelCore } from './core.js';

/** Hidden field of a stack object: set while the frame that published it lives. */
export const FRAME = '$frame';
/** The largest reference value (references are 1-based indexes of the system's stack objects; 0 is NULL). */
export const MAX_STACK_REF = 1023;

const frameField = (): BoolType => ({ kind: 'bool', init: false, access: 'sync' });

export type StackEventType = RecordType<EventType['fields'] & { $frame: BoolType }>;

/** A KEVENT on the stack: declare it in `local`; it is an event (k.setEvent, k.waitEvent, ...) and can be published. */
export function stackEvent(kind: EventKind, signaled = false): StackEventType {
  const ev = event(kind, signaled);
  return { ...ev, object: `${kind} event on the stack`, stack: true, fields: { ...ev.fields, [FRAME]: frameField() } } as StackEventType;
}

/** A record on the stack (a completion record: status, bytes): declare it in `local`; its fields are plain data. */
export function stackRecord<F extends Fields>(fields: F): RecordType<F> {
  const r = t.record(fields);
  return { ...r, object: 'record on the stack', stack: true, fields: { ...r.fields, [FRAME]: frameField() } as F };
}

/** A field that holds a reference to a stack object (0 is NULL). */
export function stackRef(): IntType { return t.int(0, MAX_STACK_REF); }

export type { StackObject } from './core.js';

/** KeInitializeEvent on a stack KEVENT, and taking its address: marks the frame live and returns the reference. */
export function publish(k: KernelCore, obj: object): number {
  const ref = k.m.stackRef(obj);
  if (ref === 0) throw new Error(`${k.ctx.name} publishes something that is not a stack object: declare it in local with stackEvent(kind) or stackRecord({ ... }) and pass s.local.<name>`);
  const so = k.m.stackObject(ref)!;
  if (so.owner !== k.ctx.id) throw new Error(`${k.ctx.name} publishes ${k.who(so.owner + 1)}'s stack object ${so.field}: only the context whose frame holds it can take its address`);
  k.m.set(so.frame, 1);
  return ref;
}

/** The stack object behind a reference; a NULL reference or one whose frame has ended is a use-after-free. */
export function deref<V extends object>(k: KernelCore, ref: number): V {
  if (ref === 0) k.fail(Property.useAfterFree, `${k.ctx.name} uses a NULL stack object reference`);
  const so = k.m.stackObject(ref);
  if (!so) k.fail(Property.useAfterFree, `${k.ctx.name} uses stack reference ${ref}, which is no stack object's`);
  if (k.m.get(so.frame) === 0) {
    k.fail(Property.useAfterFree, `${k.ctx.name} uses ${so.field} on ${k.who(so.owner + 1)}'s stack after the call that owned it returned`);
  }
  return so.view() as V;
}

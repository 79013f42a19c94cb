/**
 * Objects on a stack. The model follows viogpu's CtrlQueue::AskDisplayInfo
 * (virtio-win/kvm-guest-drivers-windows, viogpu/common/viogpu_queue.cpp): a
 * KEVENT on the caller's stack, its address put in the request, the request
 * queued to the completion path, and a one-second KeWaitForSingleObject. When
 * the wait times out the function returns, its frame is gone, and the completion
 * path still sets the event through the address it was given. Here a DDI queues
 * the request to a driver worker thread. Both backends throughout.
 */
import { describe, expect, it } from 'vitest';
import { check, defineModel, event, spinLock, stackEvent, stackRecord, stackRef, t } from '../../index.js';
import { checkBoth, stepNames } from '../../../test/support/check-both.js';

function askDisplayInfo(fixed: boolean) {
  return defineModel({
    name: `ask-display-info-${fixed ? 'fixed' : 'buggy'}`,
    global: { lock: spinLock(), work: event('synchronization'), req: stackRef() },
    local: { done: stackEvent('notification') },
    ddis: {
      DxgkDdiQueryChildRelations: {
        steps: {
          queue: (s, k) => { k.acquireSpinLock(s.g.lock); s.g.req = k.publish(s.local.done); k.releaseSpinLock(s.g.lock); k.setEvent(s.g.work); return 'wait'; },
          wait: (s, k) => (k.waitEvent(s.local.done, { timeout: true }) === 'timeout' && fixed ? 'cancel' : 'return'),
          // The fix: on a timeout, take the request back; if the worker already has it, its completion is coming.
          cancel: (s, k) => { k.acquireSpinLock(s.g.lock); const mine = s.g.req !== 0; s.g.req = 0; k.releaseSpinLock(s.g.lock); return mine ? 'return' : 'drain'; },
          drain: (s, k) => { k.waitEvent(s.local.done); return 'return'; },
        },
      },
    },
    threads: {
      worker: {
        steps: {
          take: { end: true, do: (s, k) => { k.waitEvent(s.g.work); return 'complete'; } },
          complete: (s, k) => {
            k.acquireSpinLock(s.g.lock);
            const r = s.g.req;
            s.g.req = 0;
            if (r !== 0) k.setEvent(k.stackObject(r));
            k.releaseSpinLock(s.g.lock);
            return 'take';
          },
        },
      },
    },
    scenarios: { default: { calls: { DxgkDdiQueryChildRelations: 1 }, workers: { worker: 1 } } },
  });
}

describe('a KEVENT on the stack', () => {
  it('the completion path setting the event after the timed-out call returned is a use-after-free, 5 steps in', () => {
    const r = checkBoth(askDisplayInfo(false));
    expect([r.verdict, r.property]).toEqual(['violated', 'use-after-free']);
    expect(r.message).toBe("worker0 uses done on P0T0's stack after the call that owned it returned");
    expect(stepNames(r)).toEqual([
      'P0T0 call DxgkDdiQueryChildRelations', 'P0T0 DxgkDdiQueryChildRelations/queue', 'P0T0 DxgkDdiQueryChildRelations/wait (timeout)',
      'worker0 worker/take', 'worker0 worker/complete',
    ]);
  });

  it('taking the request back on a timeout (and draining when the worker has it) holds', () => {
    const r = checkBoth(askDisplayInfo(true));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([12, 16]);
  });

  it('publishing something that is not a stack object is a model error saying how to declare one', () => {
    const m = defineModel({
      name: 'publish-not-stack',
      global: { e: event('notification'), ref: stackRef() },
      threads: { w: { steps: { a: (s, k) => { s.g.ref = k.publish(s.g.e); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    expect(() => check(m)).toThrow(/publishes something that is not a stack object: declare it in local with stackEvent/);
  });

  it('a NULL reference is a use-after-free', () => {
    const r = checkBoth(defineModel({
      name: 'stack-null',
      global: { ref: stackRef() },
      threads: { w: { steps: { a: (s, k) => { k.setEvent(k.stackObject(s.g.ref)); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    }));
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'use-after-free', 'w0 uses a NULL stack object reference']);
  });
});

describe('a completion record on the stack', () => {
  /** The caller publishes its record and waits; the completer writes the status and signals through a ghost flag. */
  const model = (waits: boolean) => defineModel({
    name: `stack-record-${waits ? 'waits' : 'leaves'}`,
    global: { ref: t.interlocked(stackRef()), written: t.ghost(t.bool()) },
    local: { reply: stackRecord({ status: t.enum(['pending', 'ok']) }), seen: t.enum(['pending', 'ok']) },
    threads: {
      caller: {
        steps: {
          post: (s, k) => { s.g.ref = k.publish(s.local.reply); return 'await'; },
          await: (s, k) => { if (waits) { k.await(s.g.written); s.local.seen = s.local.reply.status; } return 'return'; },
        },
      },
      completer: {
        steps: {
          a: (s, k) => { k.await(s.g.ref !== 0); k.stackObject<{ status: string }>(s.g.ref).status = 'ok'; s.g.written = true; return 'return'; },
        },
      },
    },
    invariants: {},
    scenarios: { default: { workers: { caller: 1, completer: 1 } } },
  });

  it('the completer writes the caller\'s record while the caller waits for it: holds, 4 states in a chain', () => {
    const r = checkBoth(model(true));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([4, 3]);
  });

  it('a caller that returns without waiting leaves the completer writing a dead frame', () => {
    const r = checkBoth(model(false));
    expect([r.verdict, r.property]).toEqual(['violated', 'use-after-free']);
    expect(r.message).toBe("completer0 uses reply on caller0's stack after the call that owned it returned");
  });
});

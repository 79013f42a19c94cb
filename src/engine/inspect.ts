/**
 * What invariants (and `isr.when`) see of the kernel and the adapter: timers
 * armed, DPCs queued or running, events signaled, lock owners by context name,
 * interrupts taken, the adapter's power state, interrupt line and queue contents.
 * Every view reads the state being inspected through the backend's machine and
 * is read-only: assigning to it throws a model error that says so, since an
 * invariant that changed state would change what it checks.
 */
import type { Machine } from '../model/kernel/core.js';
import type { AdapterView, KernelView, QueueView } from '../model/define.js';
import { IDLE_PC } from './procs.js';
import type { System } from './system.js';

/** The error for a write through an inspection view (shared by both backends). */
export function readOnlyError(path: string): TypeError {
  return new TypeError(`${path} is read-only here: invariants and isr.when see the state, they do not change it (change state in a step)`);
}

/** An object whose listed properties are getters and whose every write throws readOnlyError. */
function readOnly<T extends object>(where: string, getters: Record<string, () => unknown>, extra: object = {}): T {
  const o: Record<string, unknown> = { ...extra };
  for (const [k, get] of Object.entries(getters)) Object.defineProperty(o, k, { get, enumerable: true });
  return new Proxy(o, {
    set: (_t, key) => { throw readOnlyError(`${where}.${String(key)}`); },
    defineProperty: (_t, key) => { throw readOnlyError(`${where}.${String(key)}`); },
    deleteProperty: (_t, key) => { throw readOnlyError(`${where}.${String(key)}`); },
  }) as T;
}

const frozenList = (xs: number[]): readonly number[] => Object.freeze(xs);

/** The kernel view over whatever state `m` reads. */
export function kernelView(sys: System, m: Machine): KernelView {
  const sl = sys.slots;
  const dpcs: Record<string, () => unknown> = {};
  for (const [name, q] of sl.dpcQueued) {
    const ctx = sl.dpcContext.get(name)!;
    dpcs[name] = () => ({ queued: m.get(q) === 1, running: m.get(sl.pc[ctx]) !== IDLE_PC });
  }
  const timers: Record<string, () => unknown> = {};
  for (const [name, armed] of sl.timerArmed) {
    const periodic = sl.timerPeriodic.get(name)!;
    timers[name] = () => ({ armed: m.get(armed) === 1, periodic: m.get(periodic) === 1 });
  }
  const lockSlots = new Set(sys.locks.map((l) => l.slot));
  const methods = {
    signaled(ev: object): boolean {
      const b = m.base(ev);
      if (!sys.layout.slots[b]?.path.endsWith('.signaled')) throw new TypeError('s.kernel.signaled(e) takes an event (declared with event(...) or stackEvent(...))');
      return m.get(b) === 1;
    },
    owner(lock: object): string | null {
      const b = m.base(lock);
      if (!lockSlots.has(b)) throw new TypeError('s.kernel.owner(lock) takes a spin lock or a mutex');
      const v = m.get(b);
      return v === 0 ? null : sl.contextNames[v - 1];
    },
  };
  return readOnly<KernelView>('s.kernel', {
    dpcs: () => readOnly('s.kernel.dpcs', dpcs),
    timers: () => readOnly('s.kernel.timers', timers),
    interrupts: () => m.get(sys.irqSlot),
  }, methods);
}

/** The adapter view over whatever state `m` reads, or null when the model declares no adapter. */
export function adapterView(sys: System, m: Machine): AdapterView | null {
  if (!sys.adapter) return null;
  const at = (p: string): number => {
    const s = sys.layout.bySlotPath.get(p);
    if (s === undefined) throw new Error(`internal: no adapter slot ${p}`);
    return s;
  };
  const power = at('hw.power');
  const intEnabled = at('hw.intEnabled');
  const intPending = at('hw.intPending');
  const hung = at('hw.hung');
  const components = Array.from({ length: sys.adapter.components }, (_, i) => at(`hw.components[${i}]`));
  const queues: Record<string, () => unknown> = {};
  for (const q of sys.adapter.queues) {
    const pending = at(`hw.queues.${q.name}.pending[0]`);
    const plen = at(`hw.queues.${q.name}.plen`);
    const done = at(`hw.queues.${q.name}.done[0]`);
    const dlen = at(`hw.queues.${q.name}.dlen`);
    const taken = sys.layout.bySlotPath.get(`hw.queues.${q.name}.taken`) ?? -1;
    const list = (first: number, len: number) => frozenList(Array.from({ length: m.get(len) }, (_, i) => m.get(first + i)));
    queues[q.name] = () => Object.freeze<QueueView>({ pending: list(pending, plen), completed: list(done, dlen), inService: taken < 0 ? 0 : m.get(taken) });
  }
  const status = sys.layout.bySlotPath.get('hw.status') ?? -1;
  return readOnly<AdapterView>('s.adapter', {
    power: () => (m.get(power) === 0 ? 'D0' : 'D3'),
    interruptsEnabled: () => m.get(intEnabled) === 1,
    interruptPending: () => m.get(intPending) === 1,
    status: () => (status < 0 ? 0 : m.get(status)),
    hung: () => m.get(hung) === 1,
    components: () => frozenList(components.map((c) => m.get(c))),
    queues: () => readOnly('s.adapter.queues', queues),
  });
}

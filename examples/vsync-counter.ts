/**
 * The README's first model: a display miniport counts presents in flight.
 * DxgkDdiPresent adds one under the driver's spin lock; the DPC that runs after a
 * vsync interrupt retires one. The bug: the DPC forgets the lock.
 */
import { defineModel, t, spinLock } from '../src/index.js';

export default defineModel({
  name: 'vsync-counter',
  global: { lock: spinLock(), inFlight: t.int(0, 2), irqPending: t.bool() },
  ddis: {
    DxgkDdiPresent: {
      steps: {
        lock: (s, k) => { k.acquireSpinLock(s.g.lock); return 'add'; },
        add: (s) => { s.g.inFlight++; return 'unlock'; },
        unlock: (s, k) => { k.releaseSpinLock(s.g.lock); return 'return'; },
      },
    },
  },
  isr: {
    steps: { ack: (s, k) => { s.g.irqPending = true; k.queueDpc('retire'); return 'return'; } },
  },
  dpcs: {
    retire: {
      steps: {
        // The bug: no k.acquireSpinLock(s.g.lock) before touching inFlight.
        retire: (s) => { if (s.g.inFlight > 0) s.g.inFlight--; s.g.irqPending = false; return 'return'; },
      },
    },
  },
  scenarios: {
    default: { description: 'two apps present once each; one vsync', processes: 2, calls: ['DxgkDdiPresent'], interrupts: 1 },
  },
});

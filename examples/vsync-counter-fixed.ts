/** The README's first model, fixed: the DPC takes the same spin lock. */
import { defineModel } from '../src/index.js';
import buggy from './vsync-counter.js';

export default defineModel({
  ...buggy,
  name: 'vsync-counter-fixed',
  dpcs: {
    retire: {
      steps: {
        lock: (s, k) => { k.acquireSpinLock(s.g.lock); return 'retire'; },
        retire: (s) => { if (s.g.inFlight > 0) s.g.inFlight--; s.g.irqPending = false; return 'unlock'; },
        unlock: (s, k) => { k.releaseSpinLock(s.g.lock); return 'return'; },
      },
    },
  },
});

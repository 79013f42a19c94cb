/**
 * Probe: a model whose `init` uses the adapter (k.hw.enableInterrupts(true), as
 * the model guide allows) runs on both backends; the probe suite runs it on the
 * fast and the immer backend.
 *
 * Page: ddicheck docs/models.md (Steps)
 * Quote: "`init: (s, k) => { ... }` sets up the initial state once, before any context moves: `s.g` and `s.sessions`, with non-blocking kernel calls such as `k.alloc`, `k.setTimer` and `k.hw.enableInterrupts(true)`."
 * Scenario started: MUST-NOT-REACH an error or a violation, on either backend: the device starts with its interrupt enabled, a worker puts a DMA buffer on the ring, the ISR acknowledges it.
 *
 * How: init enables the interrupt; the ISR acknowledges whatever is pending.
 */
import { defineModel } from '../../src/index.js';
import { running, type Witnesses } from './_witness.js';

export default defineModel({
  name: 'probe-immer-init-hw',
  adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
  init: (s, k) => { k.hw.enableInterrupts(true); },
  threads: { gpu: { steps: { submit: (s, k) => { k.hw.submit('dma', 1); return 'return'; } } } },
  isr: { steps: { ack: (s, k) => { k.hw.ackInterrupt(); return 'return'; } } },
  scenarios: {
    started: { description: 'one worker submits one DMA buffer; one interrupt', workers: { gpu: 1 }, interrupts: 1 },
  },
  expect: { started: { verdict: 'holds' } },
});

/** The ISR runs. */
export const witnesses: Witnesses = { started: { 'the ISR runs': (s) => running(s, 'ISR') } };

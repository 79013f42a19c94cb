/**
 * Probe: DxgkDdiCollectDbgInfo starts at any time: during a level-2 call
 * (DxgkDdiCommitVidPn) and during DxgkDdiResetFromTimeout.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/threading-and-synchronization-zero-level.md
 * Quote: "DxgkDdiCollectDbgInfo should collect debug information for various failures and can be called at any time and at high IRQL (that is, the IRQL that DxgkDdiCollectDbgInfo runs at is generally undefined)."
 * Scenario commit: MUST-REACH DxgkDdiCollectDbgInfo starting while DxgkDdiCommitVidPn (level 2) is in the driver.
 * Scenario reset: MUST-REACH DxgkDdiCollectDbgInfo starting while DxgkDdiResetFromTimeout is in the driver.
 *
 * How: CommitVidPn and the reset are two steps each, raising the ghost flag
 * `exclusive` in the first and lowering it in the second; CollectDbgInfo
 * asserts the flag is down. Each call comes from its own process.
 */
import { defineModel, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-any-time-collect-dbg-info',
  global: { exclusive: t.ghost(t.bool()) },
  adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
  ddis: {
    DxgkDdiCollectDbgInfo: {
      steps: { run: (s, k) => { k.assert(!s.g.exclusive, 'DxgkDdiCollectDbgInfo started while a level-2 call or the reset was in the driver', 'probe'); return 'return'; } },
    },
    DxgkDdiCommitVidPn: {
      steps: {
        enter: (s) => { s.g.exclusive = true; return 'leave'; },
        leave: (s) => { s.g.exclusive = false; return 'return'; },
      },
    },
    DxgkDdiResetFromTimeout: {
      steps: {
        enter: (s) => { s.g.exclusive = true; return 'leave'; },
        leave: (s) => { s.g.exclusive = false; return 'return'; },
      },
    },
  },
  threads: { gpu: { steps: { submit: (s, k) => { k.hw.submit('dma', 1); return 'return'; } } } },
  scenarios: {
    commit: {
      description: 'process 0 calls CommitVidPn once, process 1 CollectDbgInfo once',
      processes: 2, processCalls: [['DxgkDdiCommitVidPn'], ['DxgkDdiCollectDbgInfo']],
    },
    reset: {
      description: 'one thread may call CollectDbgInfo once; the GPU may hang once',
      calls: ['DxgkDdiCollectDbgInfo'], workers: { gpu: 1 }, tdrs: 1,
    },
  },
  expect: {
    commit: { verdict: 'violated', property: 'probe' },
    reset: { verdict: 'violated', property: 'probe' },
  },
});

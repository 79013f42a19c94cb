/**
 * The lifecycle and bugcheck keys' bad input on the real command line: exit 2,
 * one message naming the file, the scenario and the key, with what to do
 * (bad-input.test.ts holds every fixture of the folder to the general shape).
 */
import { describe, expect, it } from 'vitest';
import { ddicheck, fixture } from './spawn.js';

describe.concurrent('lifecycle and bugcheck bad input', () => {
  it('lifecycle: {} names no event', async () => {
    const r = await ddicheck('check', fixture('bad-input/lifecycle-no-event.ts'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ddicheck: test/fixtures/bad-input/lifecycle-no-event.ts: model lifecycleNoEvent, scenario default: lifecycle: names no event\n'
      + '  write lifecycle: { start: true, stop: true } (and surpriseRemoval: true for DxgkDdiNotifySurpriseRemoval)\n');
  });
  it('a thread calling StartDevice where the PnP thread does', async () => {
    const r = await ddicheck('check', fixture('bad-input/lifecycle-call-reserved.ts'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ddicheck: test/fixtures/bad-input/lifecycle-call-reserved.ts: model lifecycleCallReserved, scenario default: calls: names DxgkDdiStartDevice, which the PnP thread makes in a scenario with lifecycle\n'
      + "  drop DxgkDdiStartDevice from the scenario's calls (the PnP thread calls it)\n");
  });
  it('bugcheck: { writes: 9 }', async () => {
    const r = await ddicheck('check', fixture('bad-input/bugcheck-writes.ts'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ddicheck: test/fixtures/bad-input/bugcheck-writes.ts: model bugcheckWrites, scenario default: bugcheck.writes: must be an integer from 1 to 4, got 9\n');
  });
});

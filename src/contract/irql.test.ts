import { describe, expect, it } from 'vitest';
import { defaultCatalog, findDdi } from './index.js';
import { anyTime, entryIrqls, independent, parseIrql } from './irql.js';

const row = (name: string) => findDdi(defaultCatalog(), name)!;

describe('entry IRQLs', () => {
  it('reads each form of IRQL text the catalog uses', () => {
    expect(parseIrql('PASSIVE_LEVEL')).toEqual(['PASSIVE_LEVEL']);
    expect(parseIrql('DISPATCH_LEVEL ')).toEqual(['DISPATCH_LEVEL']);
    expect(parseIrql('< DISPATCH_LEVEL')).toEqual(['PASSIVE_LEVEL']);
    expect(parseIrql('<= DISPATCH_LEVEL')).toEqual(['PASSIVE_LEVEL', 'DISPATCH_LEVEL']);
    expect(parseIrql('PASSIVE_LEVEL or DISPATCH_LEVEL')).toEqual(['PASSIVE_LEVEL', 'DISPATCH_LEVEL']);
    expect(parseIrql('PASSIVE_LEVEL; DIRQL when the driver supports MMIO-based flips')).toEqual(['PASSIVE_LEVEL', 'DIRQL']);
    expect(parseIrql('any IRQL')).toEqual(['PASSIVE_LEVEL', 'DISPATCH_LEVEL', 'DIRQL', 'HIGH_LEVEL']);
    expect(parseIrql('somewhere')).toBeNull();
    expect(parseIrql(undefined)).toBeNull();
  });

  it("gives every DDI its page's IRQLs, and the flag-selected one where a page conditions it", () => {
    expect(entryIrqls(row('DxgkDdiSubmitCommand'))).toEqual(['DISPATCH_LEVEL']);
    expect(entryIrqls(row('DxgkDdiPreemptCommand'))).toEqual(['DISPATCH_LEVEL']);
    expect(entryIrqls(row('DxgkDdiSetPowerComponentFState'))).toEqual(['PASSIVE_LEVEL', 'DISPATCH_LEVEL']);
    expect(entryIrqls(row('DxgkDdiSetVidPnSourceAddress'))).toEqual(['PASSIVE_LEVEL', 'DIRQL']);
    expect(entryIrqls(row('DxgkDdiResetDevice'))).toEqual(['PASSIVE_LEVEL', 'DISPATCH_LEVEL', 'DIRQL', 'HIGH_LEVEL']);
    expect(entryIrqls(row('DxgkDdiCollectDbgInfo'))).toEqual(['PASSIVE_LEVEL', 'DISPATCH_LEVEL', 'DIRQL', 'HIGH_LEVEL']);
    expect(entryIrqls(row('DxgkDdiCollectDbgInfo'), { TimeoutReason: true })).toEqual(['PASSIVE_LEVEL']);
    expect(entryIrqls(row('DxgkDdiPresent'))).toEqual(['PASSIVE_LEVEL']);
  });

  it('reads the any-time and independence exemptions', () => {
    expect(anyTime(row('DxgkDdiCollectDbgInfo'))).toBe(true);
    expect(anyTime(row('DxgkDdiCollectDbgInfo'), { TimeoutReason: true })).toBe(false);
    expect(anyTime(row('DxgkDdiPresent'))).toBe(false);
    expect(independent(row('DxgkDdiSetPointerShape'))).toBe(true);
    expect(independent(row('DxgkDdiSetTargetGamma'))).toBe(false);
  });
});

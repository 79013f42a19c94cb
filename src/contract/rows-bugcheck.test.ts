// The bugcheck-path rows: catalogued with their pages, unlevelled, and read
// as driver mode reads an IRQL: "Any level (see Remarks section)" is every
// level up to HIGH_LEVEL, each explored.
import { describe, expect, it } from 'vitest';
import { defaultCatalog, findDdi } from './query.js';
import { entryIrqls } from './irql.js';

const cat = defaultCatalog();

describe('the bugcheck-path rows', () => {
  it.each([
    ['DxgkDdiSystemDisplayEnable', 'wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_system_display_enable.md'],
    ['DxgkDdiSystemDisplayWrite', 'wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_system_display_write.md'],
  ])('%s: unlevelled, its page cited, entered at every level up to HIGH_LEVEL', (name, page) => {
    const e = findDdi(cat, name)!;
    expect(e.level).toBeNull();
    expect(e.refPage).toBe(page);
    expect((e.refs ?? []).map((r) => r.page)).toContain(page);
    expect(e.irql).toBe('Any level (see Remarks section)');
    expect(entryIrqls(e)).toEqual(['PASSIVE_LEVEL', 'DISPATCH_LEVEL', 'DIRQL', 'HIGH_LEVEL']);
  });
  it('DxgkDdiStopDeviceAndReleasePostDisplayOwnership: unlevelled, its page cited, at PASSIVE_LEVEL', () => {
    const e = findDdi(cat, 'DxgkDdiStopDeviceAndReleasePostDisplayOwnership')!;
    expect(e.level).toBeNull();
    expect(e.refPage).toBe('wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_stop_device_and_release_post_display_ownership.md');
    expect(entryIrqls(e)).toEqual(['PASSIVE_LEVEL']);
  });
  it('the lifecycle rows: StartDevice and StopDevice at level 3, NotifySurpriseRemoval at level 0, all at PASSIVE_LEVEL', () => {
    expect(['DxgkDdiStartDevice', 'DxgkDdiStopDevice', 'DxgkDdiNotifySurpriseRemoval'].map((n) => [findDdi(cat, n)!.level, entryIrqls(findDdi(cat, n)!)]))
      .toEqual([[3, ['PASSIVE_LEVEL']], [3, ['PASSIVE_LEVEL']], [0, ['PASSIVE_LEVEL']]]);
  });
});

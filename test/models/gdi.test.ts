/**
 * The GDI display driver models of models/gdi/: every manifest entry (verdict,
 * property, shortest counterexample); each race being the one its bug is about,
 * two sessions on the shared hardware, each under a lock the other does not
 * take; each session's thread calling only its own PDEV (the scenarios'
 * processCalls); and the correct driver holding non-vacuously.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyModel, CheckResult, SystemView } from '../../src/index.js';
import { ctx, holdToManifest, loadFolder, reaches, describeLibrary } from './manifest.js';

const FILES = ['gdi', 'gdi-disable-surface-unlocked', 'gdi-session-mutex'];
const SCENARIOS = ['logoff', 'ddlock', 'connect', 'switch'];

let models: Map<string, AnyModel>;
beforeAll(async () => { models = await loadFolder('gdi'); });
const model = (f: string): AnyModel => models.get(f)!;

/** The race of a counterexample: its location and the two steps, without their contexts. */
function race(r: CheckResult): { location: string; steps: string[] } {
  const x = r.counterexample!.race!;
  return { location: x.location, steps: x.steps.map((s) => s.replace(/^\S+ (?=\S+\/)/, '')) };
}

/** "context lock-path" for every step that takes a lock (an owner goes from 0 to a context). */
function lockTakers(r: CheckResult): string[] {
  return r.counterexample!.steps.flatMap((s) => s.changes
    .filter((c) => /(hwSem|hwMutex)\.owner$/.test(c.path) && c.old === 0)
    .map((c) => `${s.context!.name} ${c.path.replace(/\.owner$/, '')}`));
}

describeLibrary('gdi', 'gdi', FILES, SCENARIOS, () => models);

describe.concurrent('models/gdi: every manifest entry', () => {
  for (const f of FILES) {
    for (const sc of SCENARIOS) {
      it(`${f} / ${sc}`, () => {
        holdToManifest(model(f), sc, model(f).expect![sc]);
      });
    }
  }
});

describe.concurrent('models/gdi: each race is between the two sessions, on the shared hardware', () => {
  it('session-space mutex: each session takes its own copy of the semaphore, then both touch the 2D engine', () => {
    const r = holdToManifest(model('gdi-session-mutex'), 'logoff', { verdict: 'violated', property: 'data-race' });
    expect(race(r)).toEqual({ location: 'g.engine.busy', steps: ['DrvDisableSurface/idle', 'DrvBitBlt/start'] });
    expect(lockTakers(r)).toEqual(['P0T0 sessions[0].hwSem', 'P1T0 sessions[1].hwSem']);
    expect(r.counterexample!.steps.length).toBe(5);
    expect(r.counterexample!.steps.map((s) => `${s.context!.name}@${s.context!.session}`)).toEqual(expect.arrayContaining(['P0T0@0', 'P1T0@1']));
  });

  it('session-space mutex: a DirectDraw lock on the disabled PDEV reads the engine while the other session starts it', () => {
    const r = holdToManifest(model('gdi-session-mutex'), 'ddlock', { verdict: 'violated', property: 'data-race' });
    expect(race(r)).toEqual({ location: 'g.engine.busy', steps: ['DdLock/waitIdle', 'DrvBitBlt/start'] });
    expect(r.counterexample!.steps.length).toBe(5);
  });

  it('session-space mutex: DrvEnablePDEV and DrvDisableSurface of two sessions race on the video memory heap', () => {
    const r = holdToManifest(model('gdi-session-mutex'), 'connect', { verdict: 'violated', property: 'data-race' });
    expect(race(r)).toEqual({ location: 'g.vramFree', steps: ['DrvDisableSurface/freeOffscreen', 'DrvEnablePDEV/allocOffscreen'] });
    expect(r.counterexample!.steps.length).toBe(5);
  });

  it('unlocked DrvDisableSurface: it races with DrvBitBlt, which holds the miniport mutex', () => {
    const r = holdToManifest(model('gdi-disable-surface-unlocked'), 'logoff', { verdict: 'violated', property: 'data-race' });
    expect(race(r)).toEqual({ location: 'g.engine.busy', steps: ['DrvDisableSurface/idle', 'DrvBitBlt/start'] });
    expect(lockTakers(r)).toEqual(['P1T0 g.miniport.hwMutex']);
    // No lock step on DrvDisableSurface's side: one step shorter than the session-mutex race.
    expect(r.counterexample!.steps.length).toBe(4);
  });

  it('unlocked DrvDisableSurface: it races with DrvEnablePDEV of the joining session on the video memory heap', () => {
    const r = holdToManifest(model('gdi-disable-surface-unlocked'), 'connect', { verdict: 'violated', property: 'data-race' });
    expect(race(r)).toEqual({ location: 'g.vramFree', steps: ['DrvDisableSurface/freeOffscreen', 'DrvEnablePDEV/allocOffscreen'] });
    expect(lockTakers(r)).toEqual(['P1T0 g.miniport.hwMutex']);
    expect(r.counterexample!.steps.length).toBe(4);
  });
});

type View = SystemView & { g: { engine: { busy: boolean } } };
const inCall = (s: SystemView, c: string, ddi: string): boolean => (ctx(s, c).call ?? '').startsWith(ddi);

/** The PDEV of a context's call ("DrvBitBlt[pdev 1]"), or null outside a call. */
const callPdev = (c: { call: string | null }): number | null => {
  const m = /\[pdev (\d+)/.exec(c.call ?? '');
  return m ? Number(m[1]) : null;
};

describe.concurrent('models/gdi: each session calls only its own PDEV (processCalls)', () => {
  for (const sc of SCENARIOS) {
    it(`${sc}: no thread is ever in a call for another session's PDEV, and both sessions make calls`, () => {
      expect(reaches(model('gdi'), sc, (s) => s.contexts.some((c) => { const p = callPdev(c); return p !== null && p !== c.session; }))).toBe(false);
      for (const t of ['P0T0', 'P1T0']) expect(reaches(model('gdi'), sc, (s) => callPdev(ctx(s, t)) === ctx(s, t).session), `${sc} ${t}`).toBe(true);
    });
  }
});

describe.concurrent('models/gdi: the correct driver is put to the test', () => {
  it('logoff: DrvDisableSurface on the disabled PDEV and DrvBitBlt on the enabled one are in the driver at once', () => {
    expect(reaches<View>(model('gdi'), 'logoff', (s) => inCall(s, 'P0T0', 'DrvDisableSurface') && inCall(s, 'P1T0', 'DrvBitBlt'))).toBe(true);
  });

  it('ddlock: DdLock waits for the engine after the other session started it', () => {
    expect(reaches<View>(model('gdi'), 'ddlock', (s) => inCall(s, 'P0T0', 'DdLock') && ctx(s, 'P0T0').at === 'waitIdle' && s.g.engine.busy)).toBe(true);
  });

  it('connect: the leaving and the joining session are in the driver at once', () => {
    expect(reaches<View>(model('gdi'), 'connect', (s) => inCall(s, 'P0T0', 'DrvDisableSurface') && inCall(s, 'P1T0', 'DrvEnablePDEV'))).toBe(true);
  });
});

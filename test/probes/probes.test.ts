/**
 * The soundness probes of test/probes/: each file is a tiny model that turns one
 * documented sentence into a verdict (see README.md there). For every probe and
 * every scenario of its manifest, the check on the fast backend must give the
 * manifest's verdict and property; probes small enough are held to it on the
 * immer backend too. A probe that fails means driver mode admits fewer
 * schedules than the sentence says Windows produces (a MUST-REACH probe
 * holds), or more (a MUST-NOT-REACH probe is violated).
 *
 * Each probe's header names the page, quotes the sentence and says, per
 * scenario, MUST-REACH or MUST-NOT-REACH; the last test holds the headers to
 * that shape and to the manifests.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { check, InputError, type AnyModel, type BackendName, type Expectation, type SystemView } from '../../src/index.js';
import type { Witnesses } from './_witness.js';

const dir = dirname(fileURLToPath(import.meta.url));

/** Every probe, by file name: a probe removed or added without its entry here fails the first test. */
const PROBES = [
  'any-time-collect-dbg-info',
  'any-time-pointer',
  'bugcheck-frozen',
  'bugcheck-high-level',
  'child-io',
  'cleanup-ordinary-calls',
  'cleanup-overlap',
  'frame-buffer-reset',
  'immer-init-hw',
  'irql-collect-dbg-info',
  'irql-fstate-dispatch',
  'irql-fstate-passive',
  'irql-reset-device',
  'irql-submit-command',
  'irql-submit-mutex',
  'irql-vidpn-source-address',
  'isr-alloc',
  'isr-allowed-callbacks',
  'level0-processes',
  'level1-class',
  'level2-after-completion',
  'lifecycle-after-stop',
  'lifecycle-collect-diag-before-start',
  'lifecycle-isr-during-start',
  'lifecycle-start-first',
  'notify-interrupt-irql',
  'pdev-threads',
  'pointer-beside-present',
  'pointer-class',
  'query-adapter-info-power',
  'race-alloc-fill',
  'reset-dpc',
  'reset-exclusive',
  'reset-isr',
  'reset-runtime-power',
  'spurious-during-reset',
  'spurious-in-cleanup',
  'spurious-in-d3',
  'spurious-interrupts',
  'surprise-removal',
  'tdr-collect-dbg-info-first',
  'tdr-preempt-first',
];

/** A probe stays tiny: a search past this many states is inconclusive, and so fails. */
const MAX_STATES = 20_000;
/** Probes whose fast search needs at most this many states are also checked on the immer backend. */
const IMMER_UP_TO = 2_000;

const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.test.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
// Loaded before the tests are collected, so that each scenario of each manifest is a test of its own.
const models = new Map<string, AnyModel>();
const witnessesOf = new Map<string, Witnesses>();
for (const f of files) {
  const mod = (await import(pathToFileURL(join(dir, `${f}.ts`)).href)) as { default: AnyModel; witnesses?: Witnesses };
  models.set(f, mod.default);
  if (mod.witnesses) witnessesOf.set(f, mod.witnesses);
}

interface Outcome { readonly verdict: string; readonly property?: string; readonly states?: number; readonly message?: string }

/** One check, with bad input (an option today's code rejects) reported as a verdict of its own rather than a thrown error. */
function run(model: AnyModel, scenario: string, backend: BackendName): Outcome {
  try {
    const r = check(model, { scenario, backend, maxStates: MAX_STATES });
    return { verdict: r.verdict, property: r.property, states: r.stats.distinctStates, message: r.message ?? r.reason };
  } catch (e) {
    if (e instanceof InputError) return { verdict: 'bad input', message: e.message };
    throw e;
  }
}

const shown = (e: Expectation): string => (e.property ? `${e.verdict} ${e.property}` : e.verdict);

describe('test/probes: the folder', () => {
  it('holds exactly the listed probes', () => {
    expect(files).toEqual([...PROBES].sort());
  });
  it('every probe has a manifest entry for each of its scenarios, and only for them', () => {
    for (const f of files) {
      const m = models.get(f)!;
      expect(Object.keys(m.expect ?? {}).sort(), f).toEqual(Object.keys(m.scenarios).sort());
    }
  });
});

describe.each(files)('test/probes/%s.ts', (file) => {
  const model = models.get(file)!;
  for (const [scenario, want] of Object.entries(model.expect ?? {})) {
    it(`scenario ${scenario}: ${shown(want)}, on the fast backend and (when small) on immer`, () => {
      const fast = run(model, scenario, 'fast');
      expect({ verdict: fast.verdict, property: fast.property }, fast.message).toEqual({ verdict: want.verdict, property: want.property });
      if (fast.states === undefined || fast.states > IMMER_UP_TO) return;
      const immer = run(model, scenario, 'immer');
      expect({ verdict: immer.verdict, property: immer.property, states: immer.states }, `on immer: ${immer.message ?? ''}`)
        .toEqual({ verdict: want.verdict, property: want.property, states: fast.states });
    });
  }
});

/**
 * Whether some reachable state meets `cond`: the probe with one more invariant,
 * "not cond", is violated by it (the way test/models/manifest.ts guards the
 * library's correct models against holding vacuously).
 */
function reaches(model: AnyModel, scenario: string, cond: (s: SystemView) => boolean): Outcome {
  const probe = { ...model, invariants: { ...model.invariants, 'witness: unreachable': (s: SystemView) => !cond(s) } };
  return run(probe, scenario, 'fast');
}

describe('test/probes: a MUST-NOT-REACH probe does not hold vacuously', () => {
  const holding = files.flatMap((f) => Object.entries(models.get(f)!.expect ?? {}).filter(([, e]) => e.verdict === 'holds').map(([sc]) => [f, sc] as const));
  it.each(holding)('%s.ts scenario %s reaches each of its witnesses', (file, scenario) => {
    const ws = witnessesOf.get(file)?.[scenario] ?? {};
    expect(Object.keys(ws).length, `${file} exports no witnesses for scenario ${scenario}`).toBeGreaterThan(0);
    for (const [name, cond] of Object.entries(ws)) {
      const r = reaches(models.get(file)!, scenario, cond);
      expect({ verdict: r.verdict, property: r.property }, `witness "${name}": ${r.message ?? ''}`).toEqual({ verdict: 'violated', property: 'witness: unreachable' });
    }
  });
  it('witnesses are given only for scenarios that hold', () => {
    for (const [f, ws] of witnessesOf) for (const sc of Object.keys(ws)) expect(models.get(f)!.expect?.[sc]?.verdict, `${f} scenario ${sc}`).toBe('holds');
  });
});

/** The probe's leading comment block. */
function header(file: string): string {
  const text = readFileSync(join(dir, `${file}.ts`), 'utf8');
  const m = /^\/\*\*([\s\S]*?)\*\//.exec(text);
  return m ? m[1].replace(/^\s*\* ?/gm, '') : '';
}

describe('test/probes: headers', () => {
  it.each(files)('%s.ts names its page, quotes it, and says per scenario MUST-REACH or MUST-NOT-REACH, agreeing with its manifest', (file) => {
    const h = header(file);
    expect(h, `${file}: no leading /** ... */ comment`).not.toBe('');
    expect(h, `${file}: no "Page:" line`).toMatch(/^Page: \S+/m);
    expect(h, `${file}: no "Quote:" line with a quoted sentence`).toMatch(/^Quote: ".{20,}"/m);
    const claims = new Map([...h.matchAll(/^Scenario (\S+): (MUST-REACH|MUST-NOT-REACH) /gm)].map((x) => [x[1], x[2]]));
    const manifest = models.get(file)!.expect ?? {};
    expect([...claims.keys()].sort(), `${file}: one "Scenario <name>: MUST-REACH|MUST-NOT-REACH ..." line per manifest entry`).toEqual(Object.keys(manifest).sort());
    for (const [sc, claim] of claims) {
      // Reaching the documented interleaving is what makes the probe's check fail; not reaching it, what makes it hold.
      expect(manifest[sc].verdict, `${file} scenario ${sc} is ${claim}`).toBe(claim === 'MUST-REACH' ? 'violated' : 'holds');
    }
  });
});

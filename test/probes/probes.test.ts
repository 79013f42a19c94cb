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
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { check, InputError, type AnyModel, type BackendName, type Expectation } from '../../src/index.js';

const dir = dirname(fileURLToPath(import.meta.url));

/** Every probe, by file name: a probe removed or added without its entry here fails the first test. */
const PROBES = [
  'any-time-collect-dbg-info',
  'any-time-pointer',
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
  'level0-same-process',
  'level0-two-processes',
  'level1-class',
  'level2-after-completion',
  'pdev-threads',
  'pointer-beside-present',
  'pointer-class',
  'query-adapter-info-power',
  'race-alloc-fill',
  'reset-dpc',
  'reset-exclusive',
  'reset-isr',
  'spurious-during-reset',
  'spurious-in-cleanup',
  'spurious-in-d3',
  'spurious-interrupts',
  'tdr-collect-dbg-info-first',
  'tdr-preempt-first',
];

/** A probe stays tiny: a search past this many states is inconclusive, and so fails. */
const MAX_STATES = 20_000;
/** Probes whose fast search needs at most this many states are also checked on the immer backend. */
const IMMER_UP_TO = 2_000;

const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.test.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
const models = new Map<string, AnyModel>();

beforeAll(async () => {
  for (const f of files) models.set(f, ((await import(pathToFileURL(join(dir, `${f}.ts`)).href)) as { default: AnyModel }).default);
});

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

const wanted = (e: Expectation): object => ({ verdict: e.verdict, property: e.property });

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
  const scenarios = (): [string, Expectation][] => Object.entries(models.get(file)!.expect ?? {});
  it('meets its manifest on the fast backend (and on immer when small)', () => {
    for (const [scenario, want] of scenarios()) {
      const fast = run(models.get(file)!, scenario, 'fast');
      expect({ verdict: fast.verdict, property: fast.property }, `${file} scenario ${scenario}: ${fast.message ?? ''}`).toEqual(wanted(want));
      if (fast.states !== undefined && fast.states <= IMMER_UP_TO) {
        const immer = run(models.get(file)!, scenario, 'immer');
        expect({ verdict: immer.verdict, property: immer.property }, `${file} scenario ${scenario} on immer: ${immer.message ?? ''}`).toEqual(wanted(want));
      }
    }
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

/**
 * The simulated adapter: the hardware as a small state machine. Driver steps act
 * on it only through named operations (`k.hw.submit`, `k.hw.ackInterrupt`, ...),
 * and it has transitions of its own that interleave with everything else: a
 * queue's device side consumes work (in order, or in any order for a paravirtual
 * host), latching the interrupt line; and the GPU may hang, which starts TDR.
 * Power is the device state (D0/D3) and, for runtime power management, the
 * F-state of each power component.
 */
import { t, type Fields, type RecordType } from '../model/schema.js';
import { InputError } from '../errors.js';

export type { AdapterConfig, QueueConfig } from '../model/adapter-config.js';
import type { AdapterConfig } from '../model/adapter-config.js';

export interface QueueInfo {
  readonly name: string; readonly depth: number; readonly order: 'fifo' | 'any'; readonly tokens: number; readonly component: number;
  /** Index of the interrupt source its completions raise, or -1 (no status register, or not a source). */
  readonly source: number;
  /** True when the queue declares a device procedure (no built-in consume move then). */
  readonly device: boolean;
}

/** Most interrupt sources an adapter may declare (an MSI has at most 8 messages here). */
export const MAX_SOURCES = 8;

export interface Adapter {
  readonly config: AdapterConfig<never>;
  readonly queues: readonly QueueInfo[];
  readonly allocations: readonly ('memory' | 'aperture')[];
  readonly maxHangs: number;
  readonly components: number;
  readonly maxFState: number;
  /** The interrupt sources of the status register, in order (empty: no status register). */
  readonly sources: readonly string[];
  readonly schema: RecordType;
}

/** Reads `sources`; throws InputError for a bad list. */
function compileSources(cfg: AdapterConfig<never>, where: string): string[] {
  const v: unknown = cfg.sources;
  if (v === undefined) return [];
  const at = `${where}: adapter sources`;
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_SOURCES || v.some((x) => typeof x !== 'string' || x === '')) {
    throw new InputError(at, `must be a list of 1 to ${MAX_SOURCES} source names, got ${JSON.stringify(v)}`, "write sources: ['config', 'ctrl', 'cursor'] (a queue's name is its completions' source)");
  }
  const dup = v.find((x, i) => v.indexOf(x) !== i);
  if (dup !== undefined) throw new InputError(at, `names ${JSON.stringify(dup)} twice`, 'list each source once: its index is its status bit and its MSI message number');
  return v as string[];
}

export function compileAdapter(cfg: AdapterConfig<never>, maxHangs: number, where: string): Adapter {
  const components = cfg.components ?? 0;
  if (!Number.isInteger(components) || components < 0 || components > 8) throw new InputError(`${where}: adapter components`, 'must be an integer from 0 to 8');
  const maxFState = cfg.maxFState ?? 1;
  if (!Number.isInteger(maxFState) || maxFState < 1 || maxFState > 7) throw new InputError(`${where}: adapter maxFState`, 'must be an integer from 1 to 7');
  const sources = compileSources(cfg, where);
  const queues: QueueInfo[] = [];
  const qFields: Fields = {};
  for (const [name, q] of Object.entries(cfg.queues ?? {})) {
    if (!Number.isInteger(q.depth) || q.depth < 1 || q.depth > 16) throw new InputError(`${where}: adapter queue ${name}`, 'depth must be an integer from 1 to 16');
    const tokens = q.tokens ?? 7;
    if (!Number.isInteger(tokens) || tokens < 1 || tokens > 255) throw new InputError(`${where}: adapter queue ${name}`, 'tokens must be an integer from 1 to 255');
    const order = q.order ?? 'fifo';
    if (order !== 'fifo' && order !== 'any') throw new InputError(`${where}: adapter queue ${name}`, `order must be "fifo" or "any", got ${JSON.stringify(order)}`);
    const component = q.component ?? -1;
    if (q.component !== undefined && (!Number.isInteger(component) || component < 0 || component >= components)) {
      throw new InputError(`${where}: adapter queue ${name}`, `names component ${JSON.stringify(q.component)}, but the adapter declares ${components} component${components === 1 ? '' : 's'}`, 'declare adapter: { components: n } and give a component index below n');
    }
    const device = q.device !== undefined;
    if (device && (typeof q.device !== 'object' || q.device === null)) throw new InputError(`${where}: adapter queue ${name}`, 'device must be a procedure { steps: { ... } }');
    queues.push({ name, depth: q.depth, order, tokens, component, source: sources.indexOf(name), device });
    qFields[name] = t.record({
      pending: t.array(q.depth, t.int(0, tokens)), plen: t.int(0, q.depth),
      done: t.array(q.depth, t.int(0, tokens)), dlen: t.int(0, q.depth),
      // The entry the device procedure took and serves now (0: none).
      ...(device ? { taken: t.int(0, tokens) } : {}),
    });
  }
  const fences = cfg.fences ?? 7;
  const schema: RecordType = {
    kind: 'record', access: 'sync', object: 'adapter',
    fields: {
      power: t.enum(['D0', 'D3'], cfg.power ?? 'D0'),
      intEnabled: t.bool(), intPending: t.bool(),
      hung: t.bool(), hangs: t.int(0, maxHangs),
      evicted: t.bool(),
      notified: t.int(0, fences),
      components: t.array(components, t.int(0, maxFState)),
      queues: t.record(qFields),
      // The status register (a bit per source, read and cleared by the ISR) and the per-source enable bits.
      ...(sources.length > 0 ? { status: t.int(0, (1 << sources.length) - 1), srcEnabled: t.int(0, (1 << sources.length) - 1, (1 << sources.length) - 1) } : {}),
    },
  };
  return { config: cfg, queues, allocations: cfg.allocations ?? ['memory'], maxHangs, components, maxFState, sources, schema };
}

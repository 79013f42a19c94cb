/**
 * The simulated adapter: the hardware as a small state machine. Driver steps act
 * on it only through named operations (`k.hw.submit`, `k.hw.ackInterrupt`, ...),
 * and it has transitions of its own that interleave with everything else: a
 * queue's device side consumes work (in order, or in any order for a paravirtual
 * host), latching the interrupt line; and the GPU may hang, which starts TDR.
 */
import { t, type Fields, type RecordType } from '../model/schema.js';
import { InputError } from '../errors.js';

export interface QueueConfig {
  /** Entries the queue holds. */
  readonly depth: number;
  /** `fifo`: the device consumes from the head (a GPU ring); `any`: in any order (a paravirtual host). */
  readonly order?: 'fifo' | 'any';
  /** Largest token (fence number, buffer handle) a driver puts in the queue. */
  readonly tokens?: number;
}

export interface AdapterConfig {
  /** Queues by name, e.g. `{ dma: { depth: 2, tokens: 3 } }` or virtqueues `{ ctrl: { depth: 2, order: 'any' } }`. */
  readonly queues?: Readonly<Record<string, QueueConfig>>;
  /** Allocations the OS pages during TDR cleanup: their segment kinds (default one `memory`). */
  readonly allocations?: readonly ('memory' | 'aperture')[];
  /** Initial device power state (default D0). */
  readonly power?: 'D0' | 'D3';
  /** Largest fence a driver reports with k.notifyDmaCompleted (default 7). */
  readonly fences?: number;
}

export interface QueueInfo { readonly name: string; readonly depth: number; readonly order: 'fifo' | 'any'; readonly tokens: number }

export interface Adapter {
  readonly config: AdapterConfig;
  readonly queues: readonly QueueInfo[];
  readonly allocations: readonly ('memory' | 'aperture')[];
  readonly maxHangs: number;
  readonly schema: RecordType;
}

export function compileAdapter(cfg: AdapterConfig, maxHangs: number, where: string): Adapter {
  const queues: QueueInfo[] = [];
  const qFields: Fields = {};
  for (const [name, q] of Object.entries(cfg.queues ?? {})) {
    if (!Number.isInteger(q.depth) || q.depth < 1 || q.depth > 16) throw new InputError(`${where}: adapter queue ${name}`, 'depth must be an integer from 1 to 16');
    const tokens = q.tokens ?? 7;
    if (!Number.isInteger(tokens) || tokens < 1 || tokens > 255) throw new InputError(`${where}: adapter queue ${name}`, 'tokens must be an integer from 1 to 255');
    const order = q.order ?? 'fifo';
    if (order !== 'fifo' && order !== 'any') throw new InputError(`${where}: adapter queue ${name}`, `order must be "fifo" or "any", got ${JSON.stringify(order)}`);
    queues.push({ name, depth: q.depth, order, tokens });
    qFields[name] = t.record({
      pending: t.array(q.depth, t.int(0, tokens)), plen: t.int(0, q.depth),
      done: t.array(q.depth, t.int(0, tokens)), dlen: t.int(0, q.depth),
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
      queues: t.record(qFields),
    },
  };
  return { config: cfg, queues, allocations: cfg.allocations ?? ['memory'], maxHangs, schema };
}

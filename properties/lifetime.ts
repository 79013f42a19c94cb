/**
 * Object lifetime: pool objects used after they were freed, freed twice, or
 * reached through a NULL or foreign handle. Detected inline by `k.use`,
 * `k.free` and the state views (src/model/kernel/object.ts, src/engine/views.ts).
 */
import type { Family } from './monitor.js';
import { Property } from '../src/property-ids.js';

export const lifetime: Family = {
  name: 'object lifetime',
  properties: [
    { id: Property.useAfterFree, summary: 'A freed object is used, freed twice, or NULL is dereferenced.' },
  ],
  help: 'Pool objects have a lifetime: k.alloc makes one live, k.free ends it, and handles are 1-based with 0 as NULL. '
    + 'DESIGN.md: "object lifetime (use after free or after teardown is a violation)". '
    + 'Touching a freed object, freeing one twice, or using NULL or a handle outside the pool is reported with the context and the object.',
};

/** A freed pool object touched again. */
export const usedAfterFree = (ctx: string, pool: string, handle: number): string => `${ctx} uses ${pool} #${handle} after it was freed`;
/** A pool object freed twice. */
export const freedTwice = (ctx: string, pool: string, handle: number): string => `${ctx} frees ${pool} #${handle} twice`;
/** A NULL handle used. */
export const nullHandle = (ctx: string, verb: string, pool: string): string => `${ctx} ${verb} a NULL ${pool}`;

/**
 * Range: every location has a finite declared type, and writing a value
 * outside it is a violation (it is also what keeps the state space finite).
 * Detected inline by the state views of both backends and by the adapter.
 */
import type { Family } from './monitor.js';
import { Property } from '../src/property-ids.js';

export const range: Family = {
  name: 'range',
  properties: [
    { id: Property.range, summary: 'A state variable is given a value outside its declared range.' },
  ],
  help: 'Every location has a finite type, so the state space is finite and the fast backend can lay a state out as integers. '
    + 'docs/models.md: "t.int(min, max, init?): integers in range; writing outside is a range violation". '
    + 'Widen the schema if the value is legitimate; records and arrays are assigned field by field.',
};

/** A slot given a value outside its type. */
export const outOfRange = (path: string, value: unknown, allowed: string): string => `${path} = ${JSON.stringify(value)} is outside its declared range (${allowed}); widen the schema if this value is legitimate`;

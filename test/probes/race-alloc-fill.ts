/**
 * Probe: two steps that each allocate an object from one pool and fill its
 * fields in the same atomic step do not race: whichever runs first takes the
 * first free object and the other the next, so they never touch one location.
 *
 * Page: ddicheck docs/models.md (Steps; Properties checked on every state)
 * Quote: "A step is one atomic transition, written as"
 * Also the same page, the data-race property: "two contexts' next steps, both enabled, touch one data location, one writing, with no common lock"
 * Scenario alloc: MUST-NOT-REACH a data-race report between the two workers' alloc-and-fill steps.
 *
 * How: two workers each run one step: k.alloc from a pool of two, then write
 * the new object's field. The accesses of the second step must be computed in
 * the state the first leaves (and in the other order), not both from the state
 * before either ran, where both would appear to take object #1.
 */
import { defineModel, pool, t, type SystemView } from '../../src/index.js';
import { type Witnesses } from './_witness.js';

const global = { objects: pool('request', 2, { owner: t.int(0, 2) }) };

export default defineModel({
  name: 'probe-race-alloc-fill',
  global,
  threads: {
    worker: {
      steps: {
        make: (s, k) => {
          const h = k.alloc(s.g.objects);
          if (h !== 0) k.use(s.g.objects, h).owner = k.index + 1;
          return 'return';
        },
      },
    },
  },
  scenarios: {
    alloc: { description: 'two workers, each allocating and filling one request', workers: { worker: 2 } },
  },
  expect: { alloc: { verdict: 'holds' } },
});

/** Both workers allocate and fill a request. */
export const witnesses: Witnesses = {
  alloc: { 'both requests are allocated and filled': (s) => { const g = (s as SystemView<typeof global>).g; return g.objects[0].owner !== 0 && g.objects[1].owner !== 0; } },
};

/**
 * A reference explorer that shares no code with ddicheck: plain JavaScript
 * objects, JSON strings as state keys, breadth-first. Programs are lists of
 * guarded commands, one list per process, run by index (pc === length means
 * done). It is slow and obvious, and tests use it to derive state counts,
 * transition counts and shortest counterexample lengths for models too big to
 * count by hand (Peterson's algorithm).
 */

export interface RefStep<S> {
  /** Enabled only when this holds (a blocking wait). */
  readonly guard?: (s: S, me: number) => boolean;
  /** Mutates a copy of the state. */
  readonly act?: (s: S, me: number) => void;
}

export interface RefResult {
  /** Reachable states. */
  readonly states: number;
  /** Enabled (state, step) pairs over all reachable states. */
  readonly transitions: number;
  /** Length of a shortest path to a state where `bad` holds, or -1. */
  readonly shortestBad: number;
  /** Reachable states where some process is not done and no step is enabled. */
  readonly deadlocks: number;
}

interface Node<S> { readonly shared: S; readonly pcs: readonly number[] }

/** Explores every interleaving of `programs` from `init` (the state is deep-copied through JSON). */
export function enumerate<S>(init: S, programs: readonly (readonly RefStep<S>[])[], bad: (s: S) => boolean = () => false): RefResult {
  const start: Node<S> = { shared: init, pcs: programs.map(() => 0) };
  const seen = new Map<string, number>([[JSON.stringify(start), 0]]);
  let level: Node<S>[] = [start];
  let depth = 0;
  let transitions = 0;
  let deadlocks = 0;
  let shortestBad = bad(init) ? 0 : -1;
  while (level.length > 0) {
    const next: Node<S>[] = [];
    for (const node of level) {
      let enabled = 0;
      programs.forEach((prog, p) => {
        const pc = node.pcs[p];
        if (pc >= prog.length) return;
        const st = prog[pc];
        if (st.guard && !st.guard(node.shared, p)) return;
        enabled++;
        transitions++;
        const shared = JSON.parse(JSON.stringify(node.shared)) as S;
        st.act?.(shared, p);
        const succ: Node<S> = { shared, pcs: node.pcs.map((x, i) => (i === p ? x + 1 : x)) };
        const key = JSON.stringify(succ);
        if (seen.has(key)) return;
        seen.set(key, depth + 1);
        if (shortestBad < 0 && bad(shared)) shortestBad = depth + 1;
        next.push(succ);
      });
      if (enabled === 0 && node.pcs.some((pc, p) => pc < programs[p].length)) deadlocks++;
    }
    level = next;
    depth++;
  }
  return { states: seen.size, transitions, shortestBad, deadlocks };
}

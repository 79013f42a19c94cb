/**
 * Parent links: for each state, the state it was first reached from and the
 * action that led there, so a counterexample is rebuilt as the list of choices
 * from the initial state (8 bytes per state).
 */

/** Growable parent links: for each state id (as the store gave it), its parent id and the action that led to it. */
export class Parents {
  parent = new Int32Array(1 << 12);
  action = new Int32Array(1 << 12);
  set(id: number, parent: number, action: number): void {
    if (id >= this.parent.length) {
      const p = new Int32Array(this.parent.length * 2); p.set(this.parent); this.parent = p;
      const a = new Int32Array(this.action.length * 2); a.set(this.action); this.action = a;
    }
    this.parent[id] = parent; this.action[id] = action;
  }
  /** The actions from the initial state (the one whose parent is -1) to state `id`. */
  path(id: number): number[] {
    const out: number[] = [];
    while (this.parent[id] >= 0) { out.push(this.action[id]); id = this.parent[id]; }
    return out.reverse();
  }
  bytes(n = this.parent.length): number { return n * 8; }
}

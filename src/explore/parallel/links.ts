/**
 * A parallel search worker's per-state tables, by local id: the parent link
 * (the worker that owns the parent, the parent's local id there, the action),
 * the key the link was chosen by (the smallest among the state's discoverers
 * in its level), the state's rank (its id in the one-thread search), and
 * whether some context is busy in it.
 */
export class Links {
  owner = new Int8Array(1 << 12);
  parent = new Int32Array(1 << 12);
  action = new Int32Array(1 << 12);
  key = new Float64Array(1 << 12);
  rank = new Int32Array(1 << 12);
  /** Whether some context is busy in the state (for the stuck-context check's graph). */
  busy = new Uint8Array(1 << 12);

  /** Sets state `id`'s parent link (owner -1: the initial state) and the key it was chosen by. */
  set(id: number, owner: number, parent: number, action: number, key: number): void {
    if (id >= this.parent.length) this.grow(id);
    this.owner[id] = owner;
    this.parent[id] = parent;
    this.action[id] = action;
    this.key[id] = key;
  }

  private grow(id: number): void {
    let len = this.parent.length;
    while (len <= id) len *= 2;
    const o = new Int8Array(len); o.set(this.owner); this.owner = o;
    const p = new Int32Array(len); p.set(this.parent); this.parent = p;
    const a = new Int32Array(len); a.set(this.action); this.action = a;
    const k = new Float64Array(len); k.set(this.key); this.key = k;
    const r = new Int32Array(len); r.set(this.rank); this.rank = r;
    const b = new Uint8Array(len); b.set(this.busy); this.busy = b;
  }

  bytes(): number { return this.owner.byteLength + this.parent.byteLength + this.action.byteLength + this.key.byteLength + this.rank.byteLength + this.busy.byteLength; }
}

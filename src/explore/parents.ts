/**
 * Parent links: for each state, the state it was first reached from and the
 * action that led there, so a counterexample is rebuilt as the list of choices
 * from the initial state.
 *
 * States get their links in id order (the explorer numbers a state when it
 * first sees it, and links it then). In a breadth-first search a state's
 * parent is the state being expanded, whose id never goes down, so the links
 * are kept as a byte stream: per state, the change of parent id from the
 * previous state's (zigzag varint, nearly always one byte: 0 or a small step)
 * and the action (varint). That is about 2 bytes a state instead of 8; a
 * checkpoint every 64 states (its byte offset and parent id) makes reading a
 * link a short decode. Links set out of order (another search order, a
 * store that numbers states its own way) switch to two plain arrays.
 */

const EVERY = 64;
const SHIFT = 6;

export class Parents {
  private bytesBuf = new Uint8Array(1 << 14);
  private at = 0;
  /** States linked so far (the next id expected). */
  private n = 0;
  private lastParent = 0;
  /** Per checkpoint: the byte offset of its first state's link and the parent id before it. */
  private marks = new Int32Array(2 * 256);
  /** Plain arrays, once a link came out of order. */
  private dense: { parent: Int32Array; action: Int32Array } | null = null;

  set(id: number, parent: number, action: number): void {
    if (this.dense === null && id !== this.n) this.toDense();
    const d = this.dense;
    if (d !== null) {
      if (id >= d.parent.length) {
        let cap = d.parent.length * 2;
        while (cap <= id) cap *= 2;
        const p = new Int32Array(cap); p.set(d.parent); d.parent = p;
        const a = new Int32Array(cap); a.set(d.action); d.action = a;
      }
      d.parent[id] = parent; d.action[id] = action;
      if (id >= this.n) this.n = id + 1;
      return;
    }
    if ((id & (EVERY - 1)) === 0) {
      const k = 2 * (id >> SHIFT);
      if (k + 2 > this.marks.length) { const m = new Int32Array(this.marks.length * 2); m.set(this.marks); this.marks = m; }
      this.marks[k] = this.at;
      this.marks[k + 1] = this.lastParent;
    }
    if (this.at + 10 > this.bytesBuf.length) { const b = new Uint8Array(this.bytesBuf.length * 2); b.set(this.bytesBuf); this.bytesBuf = b; }
    const delta = parent - this.lastParent;
    this.put(delta >= 0 ? 2 * delta : -2 * delta - 1);
    this.put(action + 1);
    this.lastParent = parent;
    this.n++;
  }

  /** Writes `v` (>= 0) as a varint: 7 bits a byte, low bits first. */
  private put(v: number): void {
    const b = this.bytesBuf;
    while (v >= 0x80) { b[this.at++] = (v & 0x7f) | 0x80; v = Math.floor(v / 128); }
    b[this.at++] = v;
  }

  /** The parent and action of state `id`, into out[0] and out[1]. */
  private read(id: number, out: Int32Array): void {
    if (this.dense !== null) { out[0] = this.dense.parent[id]; out[1] = this.dense.action[id]; return; }
    const k = 2 * (id >> SHIFT);
    let pos = this.marks[k];
    let parent = this.marks[k + 1];
    const b = this.bytesBuf;
    const next = (): number => {
      let v = 0; let mul = 1; let c: number;
      do { c = b[pos++]; v += (c & 0x7f) * mul; mul *= 128; } while (c & 0x80);
      return v;
    };
    for (let j = id & ~(EVERY - 1); ; j++) {
      const z = next();
      parent += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      const action = next() - 1;
      if (j === id) { out[0] = parent; out[1] = action; return; }
    }
  }

  private toDense(): void {
    const parent = new Int32Array(Math.max(1 << 12, this.n * 2));
    const action = new Int32Array(parent.length);
    const link = new Int32Array(2);
    for (let i = 0; i < this.n; i++) { this.read(i, link); parent[i] = link[0]; action[i] = link[1]; }
    this.dense = { parent, action };
    this.bytesBuf = new Uint8Array(0);
    this.marks = new Int32Array(0);
  }

  /** The actions from the initial state (the one whose parent is -1) to state `id`. */
  path(id: number): number[] {
    const out: number[] = [];
    const link = new Int32Array(2);
    for (;;) {
      this.read(id, link);
      if (link[0] < 0) break;
      out.push(link[1]);
      id = link[0];
    }
    return out.reverse();
  }

  /** Bytes held (the `n` argument is kept for callers that ask per state count; the buffers are what is held). */
  bytes(_n?: number): number {
    return this.dense !== null ? this.dense.parent.byteLength + this.dense.action.byteLength : this.bytesBuf.byteLength + this.marks.byteLength;
  }
}

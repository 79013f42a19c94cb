/**
 * Records which data slots a step reads and writes, so the explorer can tell
 * when two contexts' next steps conflict (a data race). Only slots declared as
 * plain data are recorded; the buffers are reused, never reallocated per step.
 */
export class Tracker {
  on = false;
  reads: Int32Array = new Int32Array(64);
  writes: Int32Array = new Int32Array(64);
  nReads = 0;
  nWrites = 0;

  reset(): void { this.nReads = 0; this.nWrites = 0; }
  read(slot: number): void {
    if (this.nReads === this.reads.length) this.reads = grow(this.reads);
    this.reads[this.nReads++] = slot;
  }
  write(slot: number): void {
    if (this.nWrites === this.writes.length) this.writes = grow(this.writes);
    this.writes[this.nWrites++] = slot;
  }
  /** A copy of what was recorded, as sorted unique slot lists. */
  snapshot(): { reads: Int32Array; writes: Int32Array } {
    return { reads: uniq(this.reads, this.nReads), writes: uniq(this.writes, this.nWrites) };
  }
}

function grow(a: Int32Array): Int32Array { const b = new Int32Array(a.length * 2); b.set(a); return b; }
function uniq(a: Int32Array, n: number): Int32Array {
  const s = a.slice(0, n).sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (i === 0 || s[i] !== s[i - 1]) s[k++] = s[i];
  return s.slice(0, k);
}

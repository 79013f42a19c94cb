/**
 * The states waiting to be expanded, packed in one growable Int32Array: each
 * entry is the state vector, its id and its depth. Breadth-first takes from the
 * front (so the first counterexample is a shortest one), depth-first from the back.
 */
export interface Frontier {
  push(vec: Int32Array, id: number, depth: number): void;
  /** Copies the next state into `into`; returns false when empty. */
  pop(into: Int32Array): boolean;
  readonly id: number;
  readonly depth: number;
  readonly length: number;
  /** The most states that were waiting at once. */
  readonly peak: number;
  bytes(): number;
}

abstract class Packed {
  protected buf: Int32Array;
  protected head = 0;
  protected tail = 0;
  protected readonly stride: number;
  id = 0;
  depth = 0;
  private peakInts = 0;
  constructor(protected readonly width: number) {
    this.stride = width + 2;
    this.buf = new Int32Array(this.stride * 1024);
  }
  push(vec: Int32Array, id: number, depth: number): void {
    if (this.tail + this.stride > this.buf.length) this.make();
    this.buf.set(vec, this.tail);
    this.buf[this.tail + this.width] = id;
    this.buf[this.tail + this.width + 1] = depth;
    this.tail += this.stride;
    if (this.tail - this.head > this.peakInts) this.peakInts = this.tail - this.head;
  }
  /** Room at the end: slide live entries to the front, or grow. */
  private make(): void {
    const live = this.tail - this.head;
    if (this.head > 0 && live * 2 <= this.buf.length) {
      this.buf.copyWithin(0, this.head, this.tail);
    } else {
      const nb = new Int32Array(this.buf.length * 2);
      nb.set(this.buf.subarray(this.head, this.tail));
      this.buf = nb;
    }
    this.head = 0;
    this.tail = live;
  }
  protected take(at: number, into: Int32Array): void {
    into.set(this.buf.subarray(at, at + this.width));
    this.id = this.buf[at + this.width];
    this.depth = this.buf[at + this.width + 1];
  }
  get length(): number { return (this.tail - this.head) / this.stride; }
  get peak(): number { return this.peakInts / this.stride; }
  bytes(): number { return this.buf.byteLength; }
}

export class Fifo extends Packed implements Frontier {
  pop(into: Int32Array): boolean {
    if (this.head === this.tail) return false;
    this.take(this.head, into);
    this.head += this.stride;
    if (this.head === this.tail) { this.head = 0; this.tail = 0; }
    return true;
  }
}

export class Lifo extends Packed implements Frontier {
  pop(into: Int32Array): boolean {
    if (this.head === this.tail) return false;
    this.tail -= this.stride;
    this.take(this.tail, into);
    return true;
  }
}

export const frontiers = {
  bfs: (width: number): Frontier => new Fifo(width),
  dfs: (width: number): Frontier => new Lifo(width),
} as const;
export type SearchOrder = keyof typeof frontiers;

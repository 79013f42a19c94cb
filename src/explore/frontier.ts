/**
 * The states waiting to be expanded, packed in one growable Int32Array: each
 * entry is the state vector bit-packed by its slots' declared ranges (see
 * `Codec`), then its id and its depth. Breadth-first takes from the front (so
 * the first counterexample is a shortest one), depth-first from the back.
 */

/** What the frontier needs to know of a slot: its declared range. */
export interface SlotRange {
  readonly min: number;
  readonly max: number;
}

export interface Frontier {
  push(vec: Int32Array, id: number, depth: number): void;
  /** Copies the next state into `into`; returns false when empty. */
  pop(into: Int32Array): boolean;
  readonly id: number;
  readonly depth: number;
  readonly length: number;
  /** The most states that were waiting at once. */
  readonly peak: number;
  /** Bytes of one entry: the packed state vector plus its id and depth. */
  readonly entryBytes: number;
  bytes(): number;
}

/** Bits needed to hold 0..span (span = max - min, at most 2^32 - 1). */
function bitsFor(span: number): number {
  let b = 0;
  while (b < 32 && span >= 2 ** b) b++;
  return b;
}

/**
 * Packs a state vector into consecutive bits of 32-bit words: slot i stores
 * `vec[i] - min` in `bits[i]` bits (0 when min === max), so a slot spans at
 * most two words. Shifts and masks are computed once here.
 */
export class Codec {
  /** Words of one packed vector. */
  readonly words: number;
  readonly width: number;
  /** Per slot that takes bits: its index, min, bit count, shift and word within the entry, mask. */
  private readonly slot: Int32Array;
  private readonly min: Int32Array;
  private readonly bits: Int32Array;
  private readonly shift: Int32Array;
  private readonly word: Int32Array;
  private readonly mask: Int32Array;
  private readonly constSlot: Int32Array;
  private readonly constVal: Int32Array;

  constructor(ranges: readonly SlotRange[]) {
    this.width = ranges.length;
    const packed = ranges.map((r, i) => ({ i, r, b: bitsFor(r.max - r.min) })).filter((x) => x.b > 0);
    const consts = ranges.map((r, i) => ({ i, r })).filter(({ r }) => r.max === r.min);
    const n = packed.length;
    this.slot = new Int32Array(n);
    this.min = new Int32Array(n);
    this.bits = new Int32Array(n);
    this.shift = new Int32Array(n);
    this.word = new Int32Array(n);
    this.mask = new Int32Array(n);
    let at = 0;
    packed.forEach(({ i, r, b }, k) => {
      this.slot[k] = i;
      this.min[k] = r.min;
      this.bits[k] = b;
      this.word[k] = at >>> 5;
      this.shift[k] = at & 31;
      this.mask[k] = b === 32 ? -1 : (1 << b) - 1;
      at += b;
    });
    this.words = (at + 31) >>> 5;
    this.constSlot = Int32Array.from(consts.map((c) => c.i));
    this.constVal = Int32Array.from(consts.map((c) => c.r.min));
  }

  /** Writes `vec` packed into buf[at .. at + words). */
  pack(vec: Int32Array, buf: Int32Array, at: number): void {
    const { slot, min, bits, shift } = this;
    let w = at;
    let acc = 0;
    for (let k = 0; k < slot.length; k++) {
      const v = (vec[slot[k]] - min[k]) | 0;
      const s = shift[k];
      const end = s + bits[k];
      acc |= v << s;
      if (end >= 32) {
        buf[w++] = acc;
        acc = end > 32 ? v >>> (32 - s) : 0;
      }
    }
    if (w < at + this.words) buf[w] = acc;
  }

  /** Reads the vector packed at buf[at ..) into `into`. */
  unpack(buf: Int32Array, at: number, into: Int32Array): void {
    const { slot, min, bits, shift, word, mask, constSlot, constVal } = this;
    for (let k = 0; k < slot.length; k++) {
      const s = shift[k];
      const w = at + word[k];
      let v = buf[w] >>> s;
      if (s + bits[k] > 32) v |= buf[w + 1] << (32 - s);
      into[slot[k]] = ((v & mask[k]) + min[k]) | 0;
    }
    for (let k = 0; k < constSlot.length; k++) into[constSlot[k]] = constVal[k];
  }
}

abstract class Packed {
  protected buf: Int32Array;
  protected head = 0;
  protected tail = 0;
  protected readonly stride: number;
  private readonly words: number;
  id = 0;
  depth = 0;
  private peakInts = 0;
  constructor(protected readonly codec: Codec) {
    this.words = codec.words;
    this.stride = codec.words + 2;
    this.buf = new Int32Array(this.stride * 1024);
  }
  push(vec: Int32Array, id: number, depth: number): void {
    if (this.tail + this.stride > this.buf.length) this.make();
    this.codec.pack(vec, this.buf, this.tail);
    this.buf[this.tail + this.words] = id;
    this.buf[this.tail + this.words + 1] = depth;
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
    this.codec.unpack(this.buf, at, into);
    this.id = this.buf[at + this.words];
    this.depth = this.buf[at + this.words + 1];
  }
  get length(): number { return (this.tail - this.head) / this.stride; }
  get peak(): number { return this.peakInts / this.stride; }
  get entryBytes(): number { return 4 * this.stride; }
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

/** Frontiers by search order, given the slots' declared ranges (a layout's `slots`). */
export const frontiers = {
  bfs: (slots: readonly SlotRange[]): Frontier => new Fifo(new Codec(slots)),
  dfs: (slots: readonly SlotRange[]): Frontier => new Lifo(new Codec(slots)),
} as const;
export type SearchOrder = keyof typeof frontiers;

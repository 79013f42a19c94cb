/**
 * A single-producer, single-consumer ring of fixed-size records in a
 * SharedArrayBuffer: how one search worker hands the successors another worker
 * owns to it without a message per state. The producer writes records in place
 * and publishes them in batches (one atomic store of the tail); the consumer
 * reads every published record and frees them (one atomic store of the head).
 * Counters run freely and wrap as 32-bit integers; the capacity is a power of
 * two, so a counter masked is a record's place.
 */

/** Int32 header slots: records consumed, records published. */
const HEAD = 0;
const TAIL = 1;
const HEADER = 2;

export class Ring {
  /** The records, `stride` ints each, after the header. */
  readonly data: Int32Array;
  private readonly ctl: Int32Array;
  private readonly mask: number;
  /** Producer side: records written, published or not. */
  private written: number;
  /** Consumer side: records taken, freed or not. */
  private taken: number;
  /**
   * Each side's last look at the other's counter, read again only when it
   * says full (producer) or empty (consumer): the header's cache line is
   * then not fetched from the other core for every record.
   */
  private headSeen: number;
  private tailSeen: number;
  private published: number;

  /** Bytes of a ring of `capacity` records (a power of two) of `stride` ints. */
  static bytes(stride: number, capacity: number): number { return 4 * (HEADER + stride * capacity); }

  constructor(readonly sab: SharedArrayBuffer, readonly stride: number, readonly capacity: number) {
    if ((capacity & (capacity - 1)) !== 0) throw new Error('internal: a ring capacity must be a power of two');
    this.ctl = new Int32Array(sab, 0, HEADER);
    this.data = new Int32Array(sab, 4 * HEADER, stride * capacity);
    this.mask = capacity - 1;
    this.written = Atomics.load(this.ctl, TAIL);
    this.taken = Atomics.load(this.ctl, HEAD);
    this.headSeen = this.taken;
    this.tailSeen = this.written;
    this.published = this.written;
  }

  /** Producer: where the next record goes (an offset into `data`), or -1 while the ring is full. */
  reserve(): number {
    if (((this.written - this.headSeen) | 0) >= this.capacity) {
      this.headSeen = Atomics.load(this.ctl, HEAD);
      if (((this.written - this.headSeen) | 0) >= this.capacity) return -1;
    }
    return (this.written & this.mask) * this.stride;
  }

  /** Producer: the record at the offset `reserve` gave is written. */
  commit(): void { this.written = (this.written + 1) | 0; }

  /** Producer: records written but not yet published. */
  get unpublished(): number { return (this.written - this.published) | 0; }

  /** Producer: makes every written record visible to the consumer. */
  publish(): void {
    if (this.published === this.written) return;
    this.published = this.written;
    Atomics.store(this.ctl, TAIL, this.written);
  }

  /** Consumer: the offset of the next published record, or -1 when there is none. */
  next(): number {
    if (this.taken === this.tailSeen) {
      this.tailSeen = Atomics.load(this.ctl, TAIL);
      if (this.taken === this.tailSeen) return -1;
    }
    const at = (this.taken & this.mask) * this.stride;
    this.taken = (this.taken + 1) | 0;
    return at;
  }

  /** Consumer: frees every record taken so far for the producer to reuse. */
  release(): void { Atomics.store(this.ctl, HEAD, this.taken); }
}

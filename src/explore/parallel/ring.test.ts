import { describe, expect, it } from 'vitest';
import { Ring } from './ring.js';

describe('Ring', () => {
  it('hands records over in order across many wraps, refusing a record while full', () => {
    const sab = new SharedArrayBuffer(Ring.bytes(2, 8));
    const producer = new Ring(sab, 2, 8);
    const consumer = new Ring(sab, 2, 8);
    let sent = 0;
    let got = 0;
    for (let round = 0; round < 100; round++) {
      // Fill until full: exactly the capacity fits between two drains.
      let wrote = 0;
      for (let at = producer.reserve(); at >= 0; at = producer.reserve()) {
        producer.data[at] = sent; producer.data[at + 1] = 1000 + sent; producer.commit(); sent++; wrote++;
      }
      expect(wrote).toBe(8);
      // Nothing is visible before it is published.
      expect(consumer.next()).toBe(-1);
      producer.publish();
      expect(producer.unpublished).toBe(0);
      for (let at = consumer.next(); at >= 0; at = consumer.next()) {
        expect([consumer.data[at], consumer.data[at + 1]]).toEqual([got, 1000 + got]);
        got++;
      }
      // Taken but not freed: the producer still sees a full ring.
      expect(producer.reserve()).toBe(-1);
      consumer.release();
    }
    expect(got).toBe(800);
  });
});

/**
 * The reference benchmark: an OS-side dispatcher, ported step for step from the
 * Promela model in bench/dispatcher.pml (3 processes x 2 threads, 2 calls each);
 * the model itself is in models/_dispatcher.ts, at any number of calls.
 *
 * Scenarios: `default` 2 processes x 1 thread (110,080 states, 55,552 orbit
 * representatives under symmetry); `contention` 1 process x 3 threads
 * (2,527,120 states: three threads contend for one gate); `wide` 3 x 1
 * (21,641,584 states); `square` 2 x 2; `bench` 3 x 2, the full Promela size,
 * far more states than a test should visit.
 */
import { dispatcherModel } from './_dispatcher.js';

export default dispatcherModel(2);

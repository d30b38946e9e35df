// A compact map from hash bucket to dense feature id (open addressing, linear probing). Much smaller than a
// table over the whole hash space, so building one per model or per training run costs next to nothing.

export class BucketIndex {
  /** Slot s holds its bucket at [2s] and its id + 1 at [2s + 1] (0: empty), so one probe reads one cache line. */
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /** The id of `bucket`, or -1. Buckets are well-mixed hashes, so their low bits make a good slot. */
  get(bucket: number): number {
    let slot = bucket & this.mask;
    for (;;) {
      const id = this.slots[2 * slot + 1] ?? 0;
      if (id === 0 || this.slots[2 * slot] === bucket) return id - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The id of `bucket`, adding it with the next id if new. */
  intern(bucket: number): number {
    let slot = bucket & this.mask;
    for (;;) {
      const id = this.slots[2 * slot + 1] ?? 0;
      if (id === 0) break;
      if (this.slots[2 * slot] === bucket) return id - 1;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    this.slots[2 * slot] = bucket;
    this.slots[2 * slot + 1] = id + 1;
    if (this.size * 2 > this.mask) this.grow();
    return id;
  }

  /** The bucket of each id, by id. */
  keysById(): Int32Array {
    const out = new Int32Array(this.size);
    for (let s = 0; s < this.slots.length; s += 2) {
      const id = this.slots[s + 1] ?? 0;
      if (id > 0) out[id - 1] = this.slots[s] ?? 0;
    }
    return out;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length / 2 - 1;
    for (let s = 0; s < old.length; s += 2) {
      const id = old[s + 1] ?? 0;
      if (id === 0) continue;
      const key = old[s] ?? 0;
      let slot = key & this.mask;
      while ((this.slots[2 * slot + 1] ?? 0) !== 0) slot = (slot + 1) & this.mask;
      this.slots[2 * slot] = key;
      this.slots[2 * slot + 1] = id;
    }
  }

  static fromBuckets(buckets: Int32Array): BucketIndex {
    const index = new BucketIndex(buckets.length);
    for (const bucket of buckets) index.intern(bucket);
    return index;
  }
}

// A compact map from hash bucket to dense feature id (open addressing, linear probing). Much smaller than a
// table over the whole hash space, so building one per model or per training run costs next to nothing.

export class BucketIndex {
  private keys: Int32Array;
  private ids: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Int32Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  /** The id of `bucket`, or -1. Buckets are well-mixed hashes, so their low bits make a good slot. */
  get(bucket: number): number {
    let slot = bucket & this.mask;
    for (;;) {
      const id = this.ids[slot] ?? -1;
      if (id < 0 || this.keys[slot] === bucket) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The id of `bucket`, adding it with the next id if new. */
  intern(bucket: number): number {
    let slot = bucket & this.mask;
    for (;;) {
      const id = this.ids[slot] ?? -1;
      if (id < 0) break;
      if (this.keys[slot] === bucket) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    this.keys[slot] = bucket;
    this.ids[slot] = id;
    if (this.size * 2 > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldIds = this.ids;
    this.keys = new Int32Array(oldKeys.length * 2);
    this.ids = new Int32Array(oldKeys.length * 2).fill(-1);
    this.mask = this.keys.length - 1;
    for (let s = 0; s < oldKeys.length; s++) {
      const id = oldIds[s] ?? -1;
      if (id < 0) continue;
      const key = oldKeys[s] ?? 0;
      let slot = key & this.mask;
      while ((this.ids[slot] ?? -1) >= 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.ids[slot] = id;
    }
  }

  static fromBuckets(buckets: Int32Array): BucketIndex {
    const index = new BucketIndex(buckets.length);
    for (const bucket of buckets) index.intern(bucket);
    return index;
  }
}

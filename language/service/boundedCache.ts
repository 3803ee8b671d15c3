/**
 * A map bounded by its number of entries and by their total weight (bytes of the text they were made from),
 * least recently used out first. The entry just set always stays, however heavy: the document being edited
 * is never the one evicted.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private total = 0;

  constructor(private readonly limits: { entries: number; weight: number }) {}

  /** The value, marked as just used. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V, weight: number): void {
    this.delete(key);
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [old, entry] of this.entries) {
      if (this.entries.size <= this.limits.entries && this.total <= this.limits.weight) break;
      if (old === key) continue;
      this.entries.delete(old);
      this.total -= entry.weight;
    }
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Total weight of the entries held. */
  get weight(): number {
    return this.total;
  }
}

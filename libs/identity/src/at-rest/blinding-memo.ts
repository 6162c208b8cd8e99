/**
 * A bounded memo of the latest values blinded: two generations; when the newer is full the older is dropped, and a value
 * found in the older is carried into the newer. Hot values stay, memory stays at most twice the size.
 */
export class BlindingMemo {
  private newer = new Map<string, string>();
  private older = new Map<string, string>();

  constructor(private readonly size: number) {}

  get(value: string): string | undefined {
    const found = this.newer.get(value);
    if (found !== undefined) return found;
    const old = this.older.get(value);
    if (old !== undefined) this.set(value, old);
    return old;
  }

  set(value: string, hash: string): void {
    if (this.newer.size >= this.size) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(value, hash);
  }
}

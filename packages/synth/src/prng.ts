/**
 * A small, fast, seeded PRNG (sfc32) with the draws the generator needs. Every part of the world
 * draws from its own named stream (`fork`), so adding draws in one part never shifts another.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number, label = '') {
    const h = hashString(`${seed}:${label}`);
    this.a = h[0]!;
    this.b = h[1]!;
    this.c = h[2]!;
    this.d = h[3]!;
    // Warm-up: sfc32 mixes poorly for the first few outputs after a structured seed.
    for (let i = 0; i < 15; i++) this.nextUint();
  }

  /** An independent stream for a named sub-part of the world. */
  fork(label: string): Rng {
    return new Rng(this.nextUint(), label);
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer uniform in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Marsaglia polar method). */
  normal(): number {
    if (this.spareNormal !== null) {
      const s = this.spareNormal;
      this.spareNormal = null;
      return s;
    }
    for (;;) {
      const u = this.next() * 2 - 1;
      const v = this.next() * 2 - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * m;
        return u * m;
      }
    }
  }

  /** Log-normal multiplier with median 1 and log-scale sd `sigma`. */
  lognormal(sigma: number): number {
    return Math.exp(sigma * this.normal());
  }

  /** Poisson count; normal approximation above 50 keeps large cells fast. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    for (;;) {
      p *= this.next();
      if (p <= l) return k;
      k++;
    }
  }

  /** Binomial count; normal approximation for large n. */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n > 60) {
      const x = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * this.normal());
      return Math.min(n, Math.max(0, x));
    }
    let k = 0;
    for (let i = 0; i < n; i++) if (this.next() < p) k++;
    return k;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Index drawn with probability proportional to `weights` (cumulative weights also accepted via `pickCumulative`). */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Index drawn from ascending cumulative weights (binary search; for hot loops). */
  pickCumulative(cumulative: Float64Array | readonly number[]): number {
    const total = cumulative[cumulative.length - 1]!;
    const r = this.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Deterministic in-place Fisher–Yates shuffle. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }

  /** Split `total` into integer counts proportional to `weights` (multinomial draw). */
  multinomial(total: number, weights: readonly number[]): number[] {
    const out = new Array<number>(weights.length).fill(0);
    let sum = 0;
    for (const w of weights) sum += w;
    let left = total;
    for (let i = 0; i < weights.length && left > 0; i++) {
      if (i === weights.length - 1 || sum <= 0) {
        out[i] = left;
        break;
      }
      const w = weights[i]!;
      const k = this.binomial(left, Math.min(1, w / sum));
      out[i] = k;
      left -= k;
      sum -= w;
    }
    return out;
  }
}

/** cyrb128: four 32-bit words from a string, used to seed sfc32. */
export function hashString(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Result of a Nelder–Mead minimisation. */
export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  evaluations: number;
}

/**
 * Minimise `f` from `x0` with the Nelder–Mead simplex (standard coefficients, as in R's optim).
 * The simplex lives in one preallocated buffer so the hot loop does not allocate.
 * @param step initial simplex edge per coordinate (scalar or one per coordinate)
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  { step = 0.1, maxEval = 2000, tol = 1e-8 }: { step?: number | ArrayLike<number>; maxEval?: number; tol?: number } = {},
): NelderMeadResult {
  const n = x0.length;
  const m = n + 1;
  const pts = new Float64Array(m * n);
  const vals = new Float64Array(m);
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  let evals = 0;
  const ev = (x: Float64Array): number => {
    evals++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const s = typeof step === 'number' ? step : (step[j] ?? 0.1);
      pts[i * n + j] = x0[j]! + (i === j + 1 ? s : 0);
    }
    vals[i] = ev(pts.subarray(i * n, i * n + n));
  }
  for (;;) {
    // Only the best, worst and second-worst vertices matter: one pass, no sort.
    let best = 0;
    let worst = 0;
    for (let i = 1; i < m; i++) {
      if (vals[i]! < vals[best]!) best = i;
      if (vals[i]! > vals[worst]!) worst = i;
    }
    let second = best;
    for (let i = 0; i < m; i++) if (i !== worst && vals[i]! > vals[second]!) second = i;
    const fb = vals[best]!;
    const fw = vals[worst]!;
    if (evals >= maxEval || Math.abs(fw - fb) <= tol * (Math.abs(fb) + tol)) break;
    centroid.fill(0);
    for (let i = 0; i < m; i++) {
      if (i === worst) continue;
      for (let j = 0; j < n; j++) centroid[j]! += pts[i * n + j]! / n;
    }
    for (let j = 0; j < n; j++) xr[j] = centroid[j]! + (centroid[j]! - pts[worst * n + j]!);
    const fr = ev(xr);
    if (fr < fb) {
      for (let j = 0; j < n; j++) xe[j] = centroid[j]! + 2 * (xr[j]! - centroid[j]!);
      const fe = ev(xe);
      const src = fe < fr ? xe : xr;
      pts.set(src, worst * n);
      vals[worst] = fe < fr ? fe : fr;
      continue;
    }
    if (fr < vals[second]!) {
      pts.set(xr, worst * n);
      vals[worst] = fr;
      continue;
    }
    const outside = fr < fw;
    for (let j = 0; j < n; j++) {
      const far = outside ? xr[j]! : pts[worst * n + j]!;
      xc[j] = centroid[j]! + 0.5 * (far - centroid[j]!);
    }
    const fc = ev(xc);
    if (fc < Math.min(fr, fw)) {
      pts.set(xc, worst * n);
      vals[worst] = fc;
      continue;
    }
    // Shrink towards the best point.
    for (let i = 0; i < m; i++) {
      if (i === best) continue;
      for (let j = 0; j < n; j++) pts[i * n + j] = pts[best * n + j]! + 0.5 * (pts[i * n + j]! - pts[best * n + j]!);
      vals[i] = ev(pts.subarray(i * n, i * n + n));
    }
  }
  let bi = 0;
  for (let i = 1; i < m; i++) if (vals[i]! < vals[bi]!) bi = i;
  return { x: pts.slice(bi * n, bi * n + n), value: vals[bi]!, evaluations: evals };
}

/**
 * Nelder–Mead by the rules of Nash (1990, "Compact Numerical Methods", Algorithm 19) as R's
 * `optim(method = "Nelder-Mead")` and forecast's `ets` apply them (R's nmmin): one initial step of
 * 0.1 × the largest |x0_i| along each axis (0.1 if x0 = 0), reflection 1, contraction 0.5,
 * expansion 2, non-finite values replaced by 1e35, and a stop when the highest and lowest vertex
 * values differ by at most `reltol` × (|f(x0)| + reltol) or after `maxit` evaluations. The
 * engine uses it where it must land on the same optimum as R (ETS), not only on an optimum.
 */
export function nashNelderMead(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  { maxit = 2000, reltol = Math.sqrt(Number.EPSILON), abstol = -Infinity }: { maxit?: number; reltol?: number; abstol?: number } = {},
): NelderMeadResult {
  const BIG = 1e35;
  const n = x0.length;
  const n1 = n + 1;
  // Vertices as rows of `p` (n1 × n) and their values; `c` holds the centroid.
  const p = new Float64Array(n1 * n);
  const v = new Float64Array(n1);
  const c = new Float64Array(n);
  const b = Float64Array.from(x0);
  let evals = 0;
  const ev = (x: Float64Array): number => {
    evals++;
    const r = f(x);
    return Number.isFinite(r) ? r : BIG;
  };
  const f0 = f(b);
  evals = 1;
  if (!Number.isFinite(f0)) return { x: b, value: f0, evaluations: evals };
  const convtol = reltol * (Math.abs(f0) + reltol);
  p.set(b, 0);
  v[0] = f0;
  let step = 0;
  for (let i = 0; i < n; i++) step = Math.max(step, 0.1 * Math.abs(b[i]!));
  if (step === 0) step = 0.1;
  let size = 0;
  for (let j = 1; j < n1; j++) {
    p.set(b, j * n);
    let trystep = step;
    while (p[j * n + j - 1] === b[j - 1]) {
      p[j * n + j - 1] = b[j - 1]! + trystep;
      trystep *= 10;
    }
    size += trystep;
  }
  let oldsize = size;
  let lo = 0;
  let calcvert = true;
  const vertex = (j: number) => p.subarray(j * n, j * n + n);
  do {
    if (calcvert) {
      for (let j = 0; j < n1; j++) if (j !== lo) v[j] = ev(vertex(j));
      calcvert = false;
    }
    let vl = v[lo]!;
    let vh = vl;
    let hi = lo;
    for (let j = 0; j < n1; j++) {
      if (j === lo) continue;
      const fj = v[j]!;
      if (fj < vl) {
        lo = j;
        vl = fj;
      }
      if (fj > vh) {
        hi = j;
        vh = fj;
      }
    }
    if (vh <= vl + convtol || vl <= abstol) break;
    // Centroid of all vertices but the highest, summed in R's order so the path is the same.
    for (let i = 0; i < n; i++) {
      let t = -p[hi * n + i]!;
      for (let j = 0; j < n1; j++) t += p[j * n + i]!;
      c[i] = t / n;
    }
    for (let i = 0; i < n; i++) b[i] = 2 * c[i]! - p[hi * n + i]!;
    const vr = ev(b);
    if (vr < vl) {
      // Expansion: the reflected point moves into the centroid slot while the expanded one is tried.
      for (let i = 0; i < n; i++) {
        const e = 2 * b[i]! - c[i]!;
        c[i] = b[i]!;
        b[i] = e;
      }
      const fe = ev(b);
      if (fe < vr) {
        p.set(b, hi * n);
        v[hi] = fe;
      } else {
        p.set(c, hi * n);
        v[hi] = vr;
      }
    } else {
      if (vr < vh) {
        p.set(b, hi * n);
        v[hi] = vr;
      }
      for (let i = 0; i < n; i++) b[i] = 0.5 * p[hi * n + i]! + 0.5 * c[i]!;
      const fc = ev(b);
      if (fc < v[hi]!) {
        p.set(b, hi * n);
        v[hi] = fc;
      } else if (vr >= vh) {
        // Shrink towards the lowest vertex; values are recomputed at the top of the loop.
        calcvert = true;
        size = 0;
        for (let j = 0; j < n1; j++) {
          if (j === lo) continue;
          for (let i = 0; i < n; i++) {
            p[j * n + i] = 0.5 * (p[j * n + i]! - p[lo * n + i]!) + p[lo * n + i]!;
            size += Math.abs(p[j * n + i]! - p[lo * n + i]!);
          }
        }
        if (size < oldsize) oldsize = size;
        else break;
      }
    }
  } while (evals <= maxit);
  return { x: p.slice(lo * n, lo * n + n), value: v[lo]!, evaluations: evals };
}

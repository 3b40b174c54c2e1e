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

// Coefficients (rounded to double precision) of Wichura's PPND16: M. J. Wichura (1988), "Algorithm AS 241: The percentage points
// of the normal distribution", Applied Statistics 37(3):477–484 (relative accuracy about 1e-16).
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087, 33430.57558358813,
  2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943, 5226.495278852854,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506,
  0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457, 0.0005475938084995345,
  1.0507500716444169e-9,
];
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124, 0.0012426609473880784,
  0.000027115555687434876, 2.0103343992922881e-7,
];
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548, 1.421511758316446e-7,
  2.0442631033899397e-15,
];

/** Degree-7 polynomial c[0] + c[1] x + … + c[7] x^7 by Horner's rule. */
function poly7(c: readonly number[], x: number): number {
  let s = c[7]!;
  for (let i = 6; i >= 0; i--) s = s * x + c[i]!;
  return s;
}

/**
 * Inverse of the standard normal distribution function by Wichura's algorithm AS 241 (PPND16),
 * the algorithm of R's `qnorm`: relative error about 1e-16 for 1e-300 ≤ p < 1
 * (src/core/normal.test.ts checks it against 50-digit reference values across both tails).
 */
export function qnorm(p: number): number {
  if (Number.isNaN(p)) return NaN;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly7(A, r)) / poly7(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly7(C, r) / poly7(D, r);
  } else {
    r -= 5;
    x = poly7(E, r) / poly7(F, r);
  }
  return q < 0 ? -x : x;
}

// Coefficients (rounded to double precision) of Cody's rational Chebyshev approximations to the normal distribution function:
// W. J. Cody (1969), "Rational Chebyshev approximations for the error function", Mathematics of
// Computation 23:631–637, as given in W. J. Cody (1993), "Algorithm 715: SPECFUN", ACM TOMS 19:22–32.
const PA = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745];
const PB = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
const PC = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726, 6848.190450536283, 11602.65143764735,
  9842.714838383978, 1.0765576773720192e-8,
];
const PD = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097, 34900.95272114598, 38912.00328609327,
  19685.429676859992,
];
const PP = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 0.000029112874951168793, 0.023073441764940174,
];
const PQ = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 0.00007297515550839662];
const INV_SQRT_2PI = 0.3989422804014327;

/** exp(−y²/2) split as R does (y rounded down to a multiple of 1/16 first) to keep the tail's relative accuracy. */
function gaussTail(y: number): number {
  const ys = Math.floor(y * 16) / 16;
  const del = (y - ys) * (y + ys);
  return Math.exp(-ys * ys * 0.5) * Math.exp(-del * 0.5);
}

/** P(Z > y) for y > 0.66291 (Cody's two outer ranges). */
function upperTail(y: number): number {
  if (y <= Math.sqrt(32)) {
    let num = PC[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + PC[i]!) * y;
      den = (den + PD[i]!) * y;
    }
    return gaussTail(y) * ((num + PC[7]!) / (den + PD[7]!));
  }
  if (y < 50) {
    const xsq = 1 / (y * y);
    let num = PP[5]! * xsq;
    let den = xsq;
    for (let i = 0; i < 4; i++) {
      num = (num + PP[i]!) * xsq;
      den = (den + PQ[i]!) * xsq;
    }
    const r = (xsq * (num + PP[4]!)) / (den + PQ[4]!);
    return gaussTail(y) * ((INV_SQRT_2PI - r) / y);
  }
  return 0;
}

/**
 * Standard normal distribution function by Cody's algorithm (relative error near machine
 * precision in both tails, as R's `pnorm`).
 */
export function pnorm(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.66291) {
    const xsq = y > Number.EPSILON / 2 ? x * x : 0;
    let num = PA[4]! * xsq;
    let den = xsq;
    for (let i = 0; i < 3; i++) {
      num = (num + PA[i]!) * xsq;
      den = (den + PB[i]!) * xsq;
    }
    return 0.5 + (x * (num + PA[3]!)) / (den + PB[3]!);
  }
  const upper = upperTail(y);
  return x > 0 ? 1 - upper : upper;
}

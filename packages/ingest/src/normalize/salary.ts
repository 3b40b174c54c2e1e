/**
 * Salary text → monthly CNY range. Handles every format seen in the six reference scrapes
 * (see `datasets/dictionaries/README.md` for the list) and keeps "面议" as unknown, never zero.
 */
import { PLAUSIBLE_MONTHLY_PAY_CNY } from '@talent/models';
import { memoize, toHalfWidth, unwrapListLiteral } from './text.js';

/**
 * Paid days per month used to turn daily rates into monthly pay: (365 − 104 rest days) ÷ 12.
 * Source: 人力资源和社会保障部《关于职工全年月平均工作时间和工资折算问题的通知》(劳社部发〔2008〕3号).
 */
export const PAID_DAYS_PER_MONTH = 21.75;
/** Paid hours per month (21.75 days × 8 hours), same notice as {@link PAID_DAYS_PER_MONTH}. */
export const PAID_HOURS_PER_MONTH = PAID_DAYS_PER_MONTH * 8;
/** Weeks per month (52 ÷ 12), for the rare weekly rate. */
export const WEEKS_PER_MONTH = 52 / 12;

/** The pay period a salary text was quoted in. */
export type SalaryPeriod = 'month' | 'year' | 'day' | 'hour' | 'week';

/** Why a salary could not be turned into numbers. */
export type SalaryUnknownReason = 'blank' | 'negotiable' | 'corrupt-text' | 'unrecognised' | 'inverted-range' | 'implausible';

/** A parsed salary: monthly CNY bounds (either may be open), months paid per year, period. */
export interface SalaryParse {
  /** Lower bound in CNY per month; null when open (`5千以下`) or unknown. */
  minMonthly: number | null;
  /** Upper bound in CNY per month; null when open (`2万以上`) or unknown. */
  maxMonthly: number | null;
  /** Months paid per year (`·13薪` → 13); 12 when not stated; null when the salary is unknown. */
  monthsPerYear: number | null;
  /** Period the text was quoted in; null when unknown. */
  period: SalaryPeriod | null;
  /** True for 面议/薪资面议: pay exists but is not published. */
  negotiable: boolean;
  /** Set exactly when both bounds are null. */
  reason?: SalaryUnknownReason;
}

const UNIT: Record<string, number> = { 元: 1, 千: 1000, K: 1000, 万: 10000, W: 10000 };
const PERIOD: Record<string, SalaryPeriod> = {
  月: 'month',
  年: 'year',
  天: 'day',
  日: 'day',
  时: 'hour',
  小时: 'hour',
  周: 'week',
};
const TO_MONTHLY: Record<SalaryPeriod, number> = {
  month: 1,
  year: 1 / 12,
  day: PAID_DAYS_PER_MONTH,
  hour: PAID_HOURS_PER_MONTH,
  week: WEEKS_PER_MONTH,
};

const RANGE =
  /^(\d+(?:\.\d+)?)([元千K万W])?(?:-(\d+(?:\.\d+)?)([元千K万W])?)?(及以上|以上|及以下|以下)?(?:\/(月|年|天|日|小时|时|周))?(?:[·•・]?(\d{2})薪)?$/;

function unknown(reason: SalaryUnknownReason): SalaryParse {
  return { minMonthly: null, maxMonthly: null, monthsPerYear: null, period: null, negotiable: reason === 'negotiable', reason };
}

/** A pay period written before the figure: 月薪6000, 年薪20万, 日薪200. */
const PERIOD_PREFIX: Record<string, SalaryPeriod> = { 月薪: 'month', 年薪: 'year', 日薪: 'day', 时薪: 'hour', 周薪: 'week' };

function clean(text: string): string {
  return (
    toHalfWidth(unwrapListLiteral(text))
      .replace(/\s+/g, '')
      .replace(/[～~—–至到]/g, '-')
      .replace(/k/g, 'K')
      .replace(/w/g, 'W')
      .replace(/\/每/g, '/')
      .replace(/元\/(?=[月年天日时小周])/g, '元/')
      // Compound figures: 1万5 = 1.5万, 1万2千 = 1.2万, 8千5 = 8.5千.
      .replace(/(\d+)万(\d)千/g, '$1.$2万')
      .replace(/(\d+)万(\d)(?![\d.千])/g, '$1.$2万')
      .replace(/(\d+)千(\d)(?![\d.百])/g, '$1.$2千')
      // 6千-8千元: the currency after a unit adds nothing.
      .replace(/([千万KW])元/g, '$1')
      // 6000元/月以上: the bound belongs before the period.
      .replace(/(\/(?:月|年|天|日|小时|时|周))(及以上|以上|及以下|以下)/, '$2$1')
  );
}

function build(lo: number | null, hi: number | null, period: SalaryPeriod, months: number | null): SalaryParse {
  const f = TO_MONTHLY[period];
  const min = lo === null ? null : Math.round(lo * f);
  const max = hi === null ? null : Math.round(hi * f);
  if (min !== null && max !== null && min > max) return unknown('inverted-range');
  const [low, high] = PLAUSIBLE_MONTHLY_PAY_CNY;
  for (const v of [min, max]) if (v !== null && (v < low || v > high)) return unknown('implausible');
  return { minMonthly: min, maxMonthly: max, monthsPerYear: months ?? 12, period, negotiable: false };
}

function parseUncached(raw: string): SalaryParse {
  let text = clean(raw);
  if (text === '') return unknown('blank');
  if (text.includes('面议')) return unknown('negotiable');
  if (text.includes('\uFFFD')) return unknown('corrupt-text');
  let prefixed: SalaryPeriod | null = null;
  const prefix = Object.keys(PERIOD_PREFIX).find((p) => text.startsWith(p));
  if (prefix) {
    prefixed = PERIOD_PREFIX[prefix]!;
    text = text.slice(prefix.length).replace(/^[:：]/, '');
  }
  const m = RANGE.exec(text);
  if (!m) return unknown('unrecognised');
  const [, a, ua, b, ub, bound, per, months] = m;
  if (prefixed && per && PERIOD[per] !== prefixed) return unknown('unrecognised');
  const period: SalaryPeriod = per ? PERIOD[per]! : (prefixed ?? 'month');
  // `1-1.5万`: the unit written once after the upper figure applies to both; figures without any
  // unit (6000-9000, 月薪6000) are yuan, and the plausibility bounds catch a unit left out (6-9).
  const unitHi = ub ?? ua ?? '元';
  const unitLo = ua ?? ub ?? '元';
  const lo = Number(a) * UNIT[unitLo]!;
  const hi = b === undefined ? null : Number(b) * UNIT[unitHi]!;
  const m12 = months ? Number(months) : null;
  if (hi === null) {
    if (bound === '以上' || bound === '及以上') return build(lo, null, period, m12);
    if (bound === '以下' || bound === '及以下') return build(null, lo, period, m12);
    return build(lo, lo, period, m12);
  }
  return build(lo, hi, period, m12);
}

/**
 * Parses one salary cell into monthly CNY. Daily rates use {@link PAID_DAYS_PER_MONTH}, hourly
 * {@link PAID_HOURS_PER_MONTH}; yearly amounts are divided by 12. Memoised by input string.
 * @example parseSalary('15-25K·13薪') // { minMonthly: 15000, maxMonthly: 25000, monthsPerYear: 13, period: 'month', negotiable: false }
 * @example parseSalary("['1-1.5万/月']").maxMonthly // 15000
 * @example parseSalary('面议') // { …, negotiable: true, reason: 'negotiable' }
 */
export const parseSalary: (text: string) => SalaryParse = memoize(parseUncached);

/**
 * Liepin's pre-split salary: low and high in thousand CNY per month plus months per year
 * (`'10','16','14'`); `面议` in the low cell with an empty high cell means negotiable, and a
 * low figure without a high one is a point value.
 */
export function salaryFromParts(lowK: string, highK: string, months: string): SalaryParse {
  const lo = lowK.trim();
  const hi = highK.trim();
  const m = months.trim();
  if (lo === '' && hi === '') return unknown('blank');
  if (lo.includes('面议') || hi.includes('面议')) return unknown('negotiable');
  const lowN = Number(lo);
  const highN = hi === '' ? lowN : Number(hi);
  const monthsN = m === '' ? null : Number(m);
  if (!Number.isFinite(lowN) || !Number.isFinite(highN) || (monthsN !== null && !Number.isInteger(monthsN))) {
    return unknown('unrecognised');
  }
  return build(lowN * 1000, highN * 1000, 'month', monthsN);
}

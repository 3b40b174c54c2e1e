/**
 * Every plausibility bound of the platform, in one place: record schemas validate against them,
 * the posting normalisers drop parses outside them, and the tests check the two agree.
 */

/**
 * Monthly pay a posting can plausibly offer, CNY: below the lowest provincial minimum wage of a
 * part-time month (about 300) or above two million a month, a figure is a parse error (a yearly
 * figure read as monthly, a phone number), not pay.
 */
export const PLAUSIBLE_MONTHLY_PAY_CNY: readonly [number, number] = [300, 2_000_000];

/** Mean or median monthly income of a graduate cohort, CNY (graduate outcome reports). */
export const PLAUSIBLE_GRADUATE_MONTHLY_INCOME_CNY: readonly [number, number] = [0, 1_000_000];

/** Months paid per year a posting may state (`·13薪` … `·24薪`). */
export const PLAUSIBLE_MONTHS_PAID: readonly [number, number] = [12, 24];

/** Years of experience a posting may ask for. */
export const PLAUSIBLE_EXPERIENCE_YEARS: readonly [number, number] = [0, 50];

/** Vacancies one posting may state (招聘人数). */
export const PLAUSIBLE_HEADCOUNT: readonly [number, number] = [1, 100_000];

import type { CrossCheck, UnmatchedFigure } from './kind.js';

// Rules several kinds share, stated once.

/** A statistical year after the load date's year is refused. */
export const YEAR_NOT_IN_FUTURE = (column: string): CrossCheck => ({
  column,
  when: `${column} > year({today})`,
  reason: 'year in the future',
});

/** A reporting period (2025, 2025Q3, 2025H1, 2025-03) whose year is after the load date's is refused. */
export const PERIOD_NOT_IN_FUTURE: CrossCheck = {
  column: 'period',
  when: 'TRY_CAST(left(period, 4) AS INTEGER) > year({today})',
  reason: 'period in the future',
};

/** A row must name one of two fields (a code or a name). */
export const ONE_OF = (code: string, name: string, what: string): CrossCheck => ({
  column: name,
  when: `${code} IS NULL AND ${name} IS NULL`,
  reason: `${what} code or name is required`,
});

/** Majors the catalogues do not know (kept with major_matched false). */
export const MAJOR_UNMATCHED: UnmatchedFigure = { what: 'majors', label: 'coalesce(major_name, major_code)', where: 'NOT major_matched' };

/** Schools the loaded school lists do not know (school_matched false; NULL when no list is loaded). */
export const SCHOOL_UNMATCHED: UnmatchedFigure = {
  what: 'schools',
  label: 'coalesce(school_name, school_code)',
  where: 'school_matched = false',
};

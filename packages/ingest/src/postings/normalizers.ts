import type { EducationLevel } from '@talent/models';

/** A code with how sure the coder is (0–1). */
export interface CodedValue {
  code: string;
  confidence: number;
}

/**
 * The normalisers the posting pipeline calls. Each is applied once per DISTINCT input text (salary
 * strings, locations, titles repeat a lot), and the results are joined back in SQL, so a slow
 * function costs per distinct value, not per row. Any member may be missing: its columns stay NULL.
 */
export interface PostingNormalizers {
  /**
   * `12-18K·13薪` → monthly CNY bounds and months paid; when both bounds are null, `reason` says why
   * (blank, negotiable, unrecognised, inverted-range, implausible, corrupt-text), stored as the posting's salary_status.
   */
  salary?(text: string): { minMonthly: number | null; maxMonthly: number | null; months?: number | null; reason?: string | null } | null;
  /** Location text → the most precise GB/T 2260 code it names. */
  region?(locationText: string): string | null;
  /**
   * 学历 and 经验 cells (either may be '' and either may hold the other, glued or shifted)
   * → coded education level and years of experience.
   */
  requirements?(
    educationText: string,
    experienceText: string,
  ): {
    education: EducationLevel | null;
    minYears: number | null;
    maxYears: number | null;
  } | null;
  /** Company industry text → GB/T 4754 code. */
  industry?(text: string): CodedValue | null;
  /** Job title (with the industry text as context, may be '') → 大典 2022 code. */
  occupation?(title: string, industryText: string): CodedValue | null;
  /** Builds dictionaries ahead of the first call; the loader runs it while DuckDB reads the file. */
  warmUp?(): void;
  /** Company name → key for duplicate detection (hashed by core.duplicate_key; without it postings are never deduplicated). */
  companyKey?(company: string): string | null;
  /** Title → key for duplicate detection (hashed into core.job_posting.dedup_key). */
  titleKey?(title: string): string | null;
}

/** No coding at all: every coded column stays NULL. Useful to measure the pure load path. */
export const NO_NORMALIZERS: PostingNormalizers = {};

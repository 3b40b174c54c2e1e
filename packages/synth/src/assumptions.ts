import { readFileSync } from 'node:fs';
import type { Catalog } from './reference/reference-data.js';

/** Volumes of one edition. */
export interface EditionSize {
  zhongzhiSchools: number;
  vocationalUndergradSchools: number;
  /** Multiplies every programme's intake (the province edition has many more, smaller programmes). */
  intakeScale: number;
  majorsPerSchool: Record<Catalog, number>;
  /** Target number of posting rows over all sources (reposts and duplicates included). */
  postings: number;
}

/** A growth push (or drag) on a set of industries, from a policy framework group or a division list. */
export interface PolicyEffect {
  label: string;
  framework?: string;
  group?: string;
  divisions?: string[];
  from: number;
  /** Added to the yearly log growth in `from`, then multiplied by `damping` each later year. */
  boost: number;
  damping: number;
}

/** The modelling assumptions of `assumptions.json` (see that file for values). */
export interface Assumptions {
  provinceCode: string;
  years: { first: number; latest: number; horizon: number; postingYears: number; outcomesFrom: number; shortageFrom: number };
  programmeYears: Record<Catalog, number>;
  employment: {
    total: number;
    excludeSections: string[];
    sectionShare: Record<string, number>;
    sectionTrend: Record<string, number>;
    longRunGrowth: number;
    dampingRange: [number, number];
    divisionSpread: number;
    /** Size multipliers for divisions the province is known for (autos, sugar, machinery…). */
    divisionWeight: Record<string, number>;
    citySpread: number;
    noiseSd: number;
    noiseAr: number;
  };
  cityWeight: Record<string, number>;
  citySpecialties: { city: string; divisions: string[]; factor: number }[];
  policy: PolicyEffect[];
  partialCodeWeight: number;
  shock: { year: number; default: number; bySection: Record<string, number>; recoveryShare: number };
  staffing: {
    occupationsPerDivision: Record<string, number>;
    genericOccupations: Record<string, number>;
    /** 大典 names of occupations that every industry employs (accounting, clerks, sales, warehouse, safety, electricians…). */
    genericOccupationNames: string[];
    /** Weight of each added generic occupation relative to a division's own occupations. */
    genericWeight: number;
    digitalShareGrowth: number;
    greenShareGrowth: number;
    groupMix: Record<string, Record<string, number>>;
  };
  replacementRate: Record<string, number>;
  mobility: {
    mean: number;
    structuralSd: number;
    ar: number;
    sd: number;
    /** Experienced seekers per separation of a 大典 大类 relative to the others (absent: 1). */
    groupFactor: Record<string, number>;
  };
  postingPropensity: Record<string, number>;
  wage: { base: Record<string, number>; growth: number; sd: number; cityElasticity: number };
  schools: {
    intakeBase: Record<Catalog, number>;
    demandElasticity: number;
    intakeNoiseSd: number;
    completion: [number, number];
    completionNoiseSd: number;
    newMajorShare: number;
    closedMajorShare: number;
    zhongzhiCityWeightPower: number;
  };
  outcomes: {
    continueStudy: Record<Catalog, number>;
    unemployedBase: number;
    army: number;
    entrepreneurship: number;
    flexibleShare: number;
    stayInSchoolCity: number;
    otherCitiesInProvince: number;
    outside: Record<string, number>;
  };
  seasonality: { openings: number[]; graduates: number[]; seekers: number[]; postingsByMonth: number[] };
  yearbook: {
    /** Share of a section's true employment that the yearbook counts as 城镇单位就业人员. */
    coverage: Record<string, number>;
    /** Sections whose 大类 rows the yearbook prints below the 门类 row. */
    divisionRowsUnder: string[];
    /** Chance that a year's table revises one cell of the previous year's table. */
    revisionRate: number;
    /** Relative error of the first-published figure that a revision corrects, [min, max]. */
    revisionSize: [number, number];
    /** The table's number in the yearbook, from a year on (yearbooks renumber their tables). */
    tableNumbers: { from: number; number: string }[];
  };
  enrollmentQuirks: { nameOnly: number; misspelt: number; impossible: number };
  /**
   * Registration at the public employment services: the share of the true flows registered, its noise, the share of
   * ranking rows printed without a code, the rows a ranking lists, and the share of job seekers who name no
   * occupation (无要求 in the table by occupation group).
   */
  shortage: { registrationRate: number; noiseSd: number; missingCodeRate: number; rows: number; noPreferenceShare: number };
  postings: {
    sourceShare: [number, number, number];
    repostRate: number;
    crossSourceRate: number;
    malformedRate: number;
    negotiableRate: number;
    dailyRate: number;
    missingIndustryRate: number;
    missingEducationRate: number;
    leadMonths: number;
  };
  editions: Record<string, EditionSize>;
}

/** Reads the modelling assumptions shipped with the generator. */
export function loadAssumptions(): Assumptions {
  return JSON.parse(readFileSync(new URL('./assumptions.json', import.meta.url), 'utf8')) as Assumptions;
}

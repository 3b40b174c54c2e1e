import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBandWidths } from '../disclosure/rate-bands.js';

/** The publications' rules (datasets/publications/rules.json): the values a bureau may change. */
export interface PublicationRules {
  /** Framework of a region's editions when none is asked for; other regions take their province's. */
  defaultFramework: Readonly<Record<string, string>>;
  typicalCities: { count: number; description: string };
  /**
   * A city's catalogue names the counties holding most of an occupation's postings of the last `years` posting years
   * (at most typicalCities.count), each with at least `minPostings`; with fewer than `minCoverage` of the catalogue's
   * occupations naming one, it prints no 区县 column and says why.
   */
  typicalCounties: { years: number; minPostings: number; minCoverage: number };
  shortageCatalogue: { levels: string[]; maxEntries: number; industriesPerOccupation: number; description: string };
  trainingCatalogue: { levels: string[]; majorGroups: string[]; minDemand: number; maxEntries: number; description: string };
  majorCards: {
    minGraduates: number;
    highVolumeQuantile: number;
    lowVolumeQuantile: number;
    lowCompositeQuantile: number;
    highCompositeQuantile: number;
    yellowCompositeQuantile: number;
    description: string;
  };
  /** Which schools get a graduate report of their own (the others keep their row in the region's). */
  schoolReports: { minGraduates: number; description: string };
  /**
   * Widths in percentage points, fine to coarse, of the bands a withheld per-major 落实率 of a school
   * report may be printed as (anchored at 100%: 95%以上, 90%—95%, …); each a multiple of the one before.
   */
  placementBands: { widths: number[]; description: string };
  trainingSubsidies: {
    status: 'placeholder' | 'official';
    /** What the catalogue prints under the rates while they are placeholders. */
    note: string;
    levels: readonly { levelCode: string; levelName: string; yuan: number }[];
  };
}

/** The framework the rules give a region's editions: its own default, else its province's (undefined: none). */
export function defaultFrameworkOf(
  rules: Pick<PublicationRules, 'defaultFramework'>,
  region: { code: string; provinceCode: string },
): string | undefined {
  return rules.defaultFramework[region.code] ?? rules.defaultFramework[region.provinceCode];
}

/** Reads `<datasets>/publications/rules.json`. */
export function readPublicationRules(datasetsDir: string): PublicationRules {
  const rules = JSON.parse(readFileSync(join(datasetsDir, 'publications', 'rules.json'), 'utf8')) as PublicationRules;
  for (const l of rules.trainingSubsidies.levels)
    if (!Number.isFinite(l.yuan) || l.yuan <= 0) throw new Error(`rules.json: bad subsidy for ${l.levelName}`);
  if (!Number.isInteger(rules.schoolReports?.minGraduates) || rules.schoolReports.minGraduates < 1)
    throw new Error('rules.json: schoolReports.minGraduates must be a positive whole number');
  checkBandWidths(rules.placementBands?.widths ?? []);
  const counties = rules.typicalCounties;
  if (
    !Number.isInteger(counties?.years) ||
    counties.years < 1 ||
    !(counties.minPostings >= 1) ||
    !(counties.minCoverage >= 0 && counties.minCoverage <= 1)
  )
    throw new Error('rules.json: typicalCounties needs years (a whole number from 1), minPostings (at least 1) and minCoverage (0 to 1)');
  return rules;
}

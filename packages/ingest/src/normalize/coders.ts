/**
 * The posting coders of one run, built once from the configured reference data: location →
 * GB/T 2260, company industry → GB/T 4754, title → 大典 2022, and the title and company keys
 * duplicate detection compares. Each coder indexes its list on first use (about a second for all
 * of them; the loader starts that while DuckDB reads the first file), then memoises per distinct input.
 */
import { normaliseCompany } from './company.js';
import { buildIndustryMatcher, type IndustryMatcher } from './industry.js';
import { buildLocationMatcher, type LocationMatcher } from './location.js';
import { buildOccupationCoder, type OccupationCoder } from './occupation.js';
import type { CoderReference } from './reference.js';
import { buildTitleNormaliser, type TitleNormaliser } from './title.js';

/** Every coder a run uses. */
export interface Coders {
  location: LocationMatcher;
  industry: IndustryMatcher;
  occupation: OccupationCoder;
  title: TitleNormaliser;
  company: (name: string) => string;
}

/**
 * Builds the coders from reference data read with `readCoderReference`.
 * @example const coders = buildCoders(await readCoderReference(config)); coders.location('柳州-城中区').code // '450202'
 */
export function buildCoders(ref: CoderReference): Coders {
  const location = lazy(() => buildLocationMatcher(ref.regions, ref.regionScopeWords));
  const title = lazy(() => buildTitleNormaliser(location));
  return {
    location,
    industry: lazy(() => buildIndustryMatcher(ref.industryTerms, ref.industries)),
    occupation: lazy(() =>
      buildOccupationCoder({
        occupations: ref.occupations,
        aliases: ref.occupationAliases,
        composition: ref.occupationComposition,
        itField: ref.occupationItField,
        bareWords: ref.occupationBareWords,
        model: ref.occupationModel,
        calibration: ref.occupationCalibration,
        location,
      }),
    ),
    title,
    company: normaliseCompany,
  };
}

/** A function built on its first call. */
function lazy<A extends unknown[], R>(build: () => (...args: A) => R): (...args: A) => R {
  let fn: ((...args: A) => R) | null = null;
  return (...args) => (fn ??= build())(...args);
}

import { listValue } from '@duckdb/node-api';
import { sqlLiteral } from '@talent/models';
import type { PublicationContext } from '../context.js';
import { occupationShortages, type OccupationShortage } from '../projection-queries.js';
import { query } from '../sql.js';

/**
 * The catalogue of a year by the rules' selection (levels, a positive gap, at most maxEntries by gap), in
 * catalogue order. The same function gives the previous year's catalogue, so that 新进 compares like with like.
 */
export async function catalogueEntries(ctx: PublicationContext, year: number): Promise<OccupationShortage[]> {
  const rule = ctx.rules.shortageCatalogue;
  const levels = rule.levels.map(sqlLiteral).join(', ');
  return occupationShortages(ctx, year, `s.gap > 0 AND s.shortage_level IN (${levels})`, rule.maxEntries);
}

export interface CountyVacancies {
  name: string;
  vacancies: number;
}

/**
 * Vacancies of each occupation in each county (ref.region level 县) of the edition's city, posted from
 * `fromYear` to `toYear`: original postings (a re-post or a copy on another board is no new vacancy, as
 * core.vacancy counts them) coded to the occupation itself and to the county. Postings naming only the
 * city, or only a group of occupations (普工), say nothing of where in the city an occupation is hired.
 * Most vacancies first.
 */
export async function countyVacancies(
  ctx: PublicationContext,
  codes: readonly string[],
  fromYear: number,
  toYear: number,
): Promise<Map<string, CountyVacancies[]>> {
  if (!codes.length) return new Map();
  const rows = await query<{ code: string; name: string; n: number }>(
    ctx.conn,
    `SELECT p.occupation_code AS code, r.name, count(*)::INTEGER AS n
       FROM core.job_posting_codes p JOIN ref.region r ON r.code = p.region_code
      WHERE r.level = '县' AND r.parent_code = $1 AND p.duplicate_of IS NULL
        AND year(p.posted_date) BETWEEN $2 AND $3 AND list_contains($4::VARCHAR[], p.occupation_code)
      GROUP BY p.occupation_code, r.code, r.name ORDER BY code, n DESC, r.code`,
    [ctx.region.code, fromYear, toYear, listValue([...codes])],
  );
  const out = new Map<string, CountyVacancies[]>();
  for (const r of rows) out.set(r.code, [...(out.get(r.code) ?? []), { name: r.name, vacancies: r.n }]);
  return out;
}

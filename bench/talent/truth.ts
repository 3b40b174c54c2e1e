/**
 * The generator's hidden future, read from an edition's `truth/` folder into the scoring database
 * and added up to the framework groups the way the warehouse defines them.
 *
 * Groups: `core.framework_membership` of the graded warehouse says which GB/T 4754 大类 belong to
 * each group and with what weight; the pseudo framework `gbt4754` is every 大类 on its own (weight 1)
 * at the province. A group's truth at a region is Σ over its 大类 of weight × the 大类's truth over
 * the region's cities (a city is its own region; the province is all its cities).
 *
 * Supply: the truth gives supply (graduate_supply + other_supply) per occupation × city × year, not
 * per industry. It is allocated to the 大类 in proportion to the occupation's employment in them,
 * base_share (truth/industry_occupation.csv) × the 大类's truth employment in that city and year,
 * normalised over the 大类 that employ the occupation; supply of an occupation whose industries have
 * no employment in that city and year stays unallocated (counted, see {@link TruthSummary}).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqlString, type ScoringDb } from './scoring-db.js';

/** The years of an edition (truth/manifest.json). */
export interface EditionYears {
  /** Last observed year. */
  latest: number;
  /** Last year of the hidden future. */
  truthUntil: number;
}

export interface TruthSummary {
  province: string;
  cities: number;
  /** Truth supply of the forecast years that no 大类 could take (no employment where it arises). */
  unallocatedSupply: number;
  totalSupply: number;
}

/** The pseudo framework whose groups are the 大类 themselves. */
export const DIVISION_FRAMEWORK = 'gbt4754';

export function readEditionYears(editionDir: string): EditionYears {
  const manifest = JSON.parse(readFileSync(join(editionDir, 'truth', 'manifest.json'), 'utf8')) as {
    years?: { latest?: unknown; truthUntil?: unknown };
  };
  const latest = Number(manifest.years?.latest);
  const truthUntil = Number(manifest.years?.truthUntil);
  if (!Number.isInteger(latest) || !Number.isInteger(truthUntil) || truthUntil <= latest)
    throw new Error(`${editionDir}/truth/manifest.json: years.latest and years.truthUntil must be years with a future after the latest`);
  return { latest, truthUntil };
}

/**
 * Creates the temp tables `truth_group` (framework, group_code, group_name, own_region, region_code,
 * year, employment, openings, supply) for the last observed year and the forecast years at every
 * region with truth, and `truth_ranking` (year, rank, occupation_code) of the true year rankings of
 * those years. The last observed year's truth is the persistence reference: what carrying the true
 * present forward would score, a bound no projection from the published data is given.
 */
export async function loadTruth(db: ScoringDb, editionDir: string, years: EditionYears): Promise<TruthSummary> {
  const file = (name: string) => sqlString(join(editionDir, 'truth', name));
  const graded = `year >= ${years.latest} AND year <= ${years.truthUntil}`;
  await db.conn.run(`
    CREATE TEMP TABLE truth_industry AS
    SELECT industry_code, city_code, year, employment::DOUBLE AS employment, openings::DOUBLE AS openings
    FROM read_csv(${file('industry_city_year.csv')}, header = true, types = {'industry_code': 'VARCHAR', 'city_code': 'VARCHAR'})
    WHERE ${graded};

    CREATE TEMP TABLE truth_occupation AS
    SELECT occupation_code, city_code, year, (graduate_supply + other_supply)::DOUBLE AS supply
    FROM read_csv(${file('occupation_city_year.csv')}, header = true, types = {'occupation_code': 'VARCHAR', 'city_code': 'VARCHAR'})
    WHERE ${graded};

    CREATE TEMP TABLE truth_staffing AS
    SELECT industry_code, occupation_code, base_share::DOUBLE AS base_share
    FROM read_csv(${file('industry_occupation.csv')}, header = true, types = {'industry_code': 'VARCHAR', 'occupation_code': 'VARCHAR'});

    CREATE TEMP TABLE truth_ranking AS
    SELECT period::INTEGER AS year, rank::INTEGER AS rank, occupation_code
    FROM read_csv(${file('shortage_ranking.csv')}, header = true, all_varchar = true)
    WHERE period_type = 'year' AND period::INTEGER >= ${years.latest} AND period::INTEGER <= ${years.truthUntil};

    -- Every region a city of the truth belongs to: itself and its province.
    CREATE TEMP TABLE region_city AS
    SELECT c.city_code AS region_code, c.city_code FROM (SELECT DISTINCT city_code FROM truth_industry) c
    UNION ALL
    SELECT r.province_code, c.city_code FROM (SELECT DISTINCT city_code FROM truth_industry) c JOIN wh.ref.region r ON r.code = c.city_code;
  `);
  const provinces = await db.rows<{ province_code: string }>(
    `SELECT DISTINCT r.province_code FROM (SELECT DISTINCT city_code FROM truth_industry) c JOIN wh.ref.region r ON r.code = c.city_code`,
  );
  const [cityCount] = await db.rows<{ n: number }>(`SELECT count(DISTINCT city_code)::INTEGER AS n FROM truth_industry`);
  if (provinces.length !== 1 || cityCount!.n === 0)
    throw new Error(
      `truth/industry_city_year.csv: expected the cities of one province known to ref.region, found ${cityCount!.n} cities in ${provinces.length} provinces`,
    );
  const province = provinces[0]!.province_code;

  await db.conn.run(`
    CREATE TEMP TABLE membership AS
    SELECT framework, group_code, group_name, region_code AS own_region, industry_code, weight::DOUBLE AS weight
    FROM wh.core.framework_membership
    UNION ALL
    SELECT ${sqlString(DIVISION_FRAMEWORK)}, code, name, ${sqlString(province)}, code, 1.0 FROM wh.ref.industry WHERE level = '大类';

    -- Each occupation's truth supply shared out to the 大类 by its employment in them (header comment).
    CREATE TEMP TABLE truth_supply_industry AS
    WITH employed AS (
      SELECT s.occupation_code, i.industry_code, i.city_code, i.year, s.base_share * i.employment AS w
      FROM truth_staffing s JOIN truth_industry i USING (industry_code)
    ),
    norm AS (
      SELECT occupation_code, city_code, year, sum(w) AS total FROM employed GROUP BY ALL HAVING sum(w) > 0
    )
    SELECT e.industry_code, e.city_code, e.year, sum(o.supply * e.w / n.total) AS supply
    FROM employed e JOIN norm n USING (occupation_code, city_code, year) JOIN truth_occupation o USING (occupation_code, city_code, year)
    GROUP BY ALL;

    CREATE TEMP TABLE truth_group AS
    SELECT m.framework, m.group_code, m.group_name, m.own_region, rc.region_code, t.year,
      sum(m.weight * t.employment) AS employment,
      sum(m.weight * t.openings) AS openings,
      sum(m.weight * coalesce(s.supply, 0)) AS supply
    FROM membership m
    JOIN truth_industry t USING (industry_code)
    JOIN region_city rc USING (city_code)
    LEFT JOIN truth_supply_industry s USING (industry_code, city_code, year)
    GROUP BY ALL;
  `);
  const [supply] = await db.rows<{ total: number; allocated: number }>(
    `SELECT (SELECT coalesce(sum(supply), 0) FROM truth_occupation WHERE year > ${years.latest})::DOUBLE AS total,
            (SELECT coalesce(sum(supply), 0) FROM truth_supply_industry WHERE year > ${years.latest})::DOUBLE AS allocated`,
  );
  return { province, cities: cityCount!.n, totalSupply: supply!.total, unallocatedSupply: Math.max(0, supply!.total - supply!.allocated) };
}

/** The true year ranking's top n of the last observed or a forecast year, best first (all of it without n). */
export async function trueTop(db: ScoringDb, year: number, n?: number): Promise<{ occupationCode: string; rank: number }[]> {
  const rows = await db.rows<{ occupation_code: string; rank: number }>(
    `SELECT occupation_code, rank FROM truth_ranking WHERE year = $1 AND rank <= coalesce($2, rank) ORDER BY rank`,
    [year, n ?? null],
  );
  return rows.map((r) => ({ occupationCode: r.occupation_code, rank: r.rank }));
}

import { afterEach, describe, expect, it } from 'vitest';
import { runModels, type Warehouse } from '@talent/models';
import { runProjection } from '../src/talent/run-projection.js';
import {
  addGroupCodedPostings,
  addGroupTables,
  addRegistrations,
  CITY_A,
  CITY_B,
  LAST_YEAR,
  OCC,
  PROVINCE,
  REGISTRATIONS,
  smallProvince,
} from './helpers/small-province.js';

let wh: Warehouse | undefined;
afterEach(() => {
  wh?.close();
  wh = undefined;
});

async function rows(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return (await wh!.conn.runAndReadAll(sql, params as never)).getRowObjectsJson();
}
async function value(sql: string, params: unknown[] = []): Promise<number> {
  const r = (await wh!.conn.runAndReadAll(sql, params as never)).getRowsJson()[0]?.[0];
  return r === null || r === undefined ? NaN : Number(r);
}
/** An occupation no industry employs. */
const DANCER = '2-09-02-04';
const close = (actual: number, expected: number, digits = 6) => expect(actual).toBeCloseTo(expected, digits);

describe('projection steps on a hand-built province', () => {
  it('estimates all employment from the urban-units cells by the 门类 coverage of the 全社会 table', async () => {
    wh = await smallProvince();
    // Urban C of the province in 2024 is 100 + 300 + 50 + 150 = 600 against 1,200 in all: coverage 0.5.
    close(
      await value(`SELECT coverage FROM core.employment_estimate WHERE year = 2024 AND region_code = $1 AND industry_code = '13'`, [
        CITY_A,
      ]),
      0.5,
    );
    close(
      await value(`SELECT employment FROM core.employment_estimate WHERE year = 2024 AND region_code = $1 AND industry_code = '13'`, [
        CITY_A,
      ]),
      200,
    );
    // 2016: round(100 × 0.84) = 84 urban, so 168.
    close(
      await value(`SELECT employment FROM core.employment_estimate WHERE year = 2016 AND region_code = $1 AND industry_code = '13'`, [
        CITY_A,
      ]),
      168,
    );
  });

  it("splits a 门类 into its 大类 by the city's vacancies shrunk to the province's, shrunk to an even split", async () => {
    wh = await smallProvince();
    // Province I vacancies: 64 → 30, 65 → 20; prior 10 over two 大类: 64 = 35/60. City A (30, 10), weight 20: (30 + 20·35/60) / 60.
    const shares = await rows(`SELECT region_code, industry_code, share FROM core.division_share ORDER BY 1, 2`);
    const share = (city: string, code: string) => Number(shares.find((r) => r.region_code === city && r.industry_code === code)!.share);
    close(share(CITY_A, '64'), 125 / 180);
    close(share(CITY_A, '65'), 55 / 180);
    close(share(CITY_B, '64'), 35 / 90);
    close(share(CITY_B, '65'), 55 / 90);
    // The 大类 employment of the split: A's I estimate (400) × its share.
    close(
      await value(`SELECT employment FROM core.division_employment WHERE year = 2024 AND region_code = $1 AND industry_code = '64'`, [
        CITY_A,
      ]),
      (400 * 125) / 180,
    );
  });

  it('builds the staffing matrix from vacancies per separation, blended with the crosswalk prior', async () => {
    wh = await smallProvince();
    const s = await rows(`SELECT industry_code, occupation_code, share FROM core.staffing_share ORDER BY 1, 2`);
    const share = (d: string, o: string) => Number(s.find((r) => r.industry_code === d && r.occupation_code === o)?.share ?? NaN);
    // 13: food 8 vacancies / 0.12. The crosswalk places no 大类-2 occupation in 13, so the chemist's 2 vacancies stand
    // for at most 13's average at home (food's 1 / 0.12), not 1 / 0.075: 0.8 and 0.2; half prior (food 1.0) at 10
    // pseudo-vacancies.
    close(share('13', OCC.food), (10 * 0.8 + 10) / 20);
    close(share('13', OCC.chemist), (10 * 0.2) / 20);
    // 65: software 10 / 0.075 against clerks 10 / 0.155. The crosswalk places nothing in 65, so there is no average to
    // hold them to and each keeps its own (no prior mass either: the shares renormalise to the postings').
    close(share('65', OCC.software), 10 / 0.075 / (10 / 0.075 + 10 / 0.155));
    close(share('36', OCC.car), 1);
    for (const r of await rows(`SELECT industry_code, sum(share) AS total FROM core.staffing_share GROUP BY 1`))
      close(Number(r.total), 1, 12);
  });

  it('spreads a vacancy coded only to a group over the occupations its 大类 names in that group, else the province names', async () => {
    wh = await smallProvince();
    await addGroupCodedPostings(wh);
    const v = await rows(
      `SELECT coalesce(city_code, '-') AS city, coalesce(division_code, '-') AS division, occupation_code, vacancies
       FROM core.vacancy_occupation WHERE year = 2024`,
    );
    const count = (city: string, d: string, o: string) =>
      Number(v.find((r) => r.city === city && r.division === d && r.occupation_code === o)?.vacancies ?? NaN);
    // 13 names one 大类-6 occupation (food, 8): its 6 普工 go there. 64 names none: the province's 6s, food 8 and car 18.
    close(count(CITY_A, '13', OCC.food), 8 + 6);
    close(count(CITY_A, '13', OCC.chemist), 2);
    close(count(CITY_A, '64', OCC.food), (4 * 8) / 26);
    close(count(CITY_A, '64', OCC.car), (4 * 18) / 26);
    close(count(CITY_A, '64', OCC.software), 30);
    // Without an industry: the province's 6-02 (car only). No posting names a 大类-5 occupation: the group stays.
    close(count(CITY_B, '-', OCC.car), 2);
    close(count(CITY_A, '13', '5-00-00-00'), 1);
    expect(v.some((r) => ['6-00-00-00', '6-02-00-00'].includes(String(r.occupation_code)))).toBe(false);
    close(await value(`SELECT sum(vacancies) FROM core.vacancy_occupation`), await value(`SELECT count(*) FROM core.vacancy`), 9);
    // The staffing matrix of 13 counts them: food 14 / 0.12 at home; the chemist 2 and 5-00-00-00 1, of 大类 the
    // crosswalk does not place in 13, at most food's 1 / 0.12: the chemist's 1 / 0.075 is held to it, the farm's 1 / 0.13
    // is below it and stays; over 17 vacancies, the prior (food) at 10 pseudo-vacancies.
    const s = await rows(`SELECT occupation_code, share FROM core.staffing_share WHERE industry_code = '13'`);
    const share = (o: string) => Number(s.find((r) => r.occupation_code === o)?.share ?? NaN);
    const w = { food: 14 / 0.12, chemist: 2 / 0.12, farm: 1 / 0.13 };
    const total = w.food + w.chemist + w.farm;
    close(share(OCC.food), ((17 * w.food) / total + 10) / 27);
    close(share(OCC.chemist), (17 * w.chemist) / total / 27);
    close(share('5-00-00-00'), (17 * w.farm) / total / 27);
  });

  it('splits openings over education levels by the education the vacancies ask for, group-coded ones where they are spread', async () => {
    wh = await smallProvince();
    await addGroupCodedPostings(wh);
    const e = await rows(`SELECT occupation_code, education_level, vacancies, share FROM core.education_share`);
    const at = (o: string, level: string) => e.find((r) => r.occupation_code === o && r.education_level === level)!;
    // Food: its own 8 and 13's 6 普工 ask for senior secondary; 64's 4 ask for associate, 8 / 26 of them food's.
    close(Number(at(OCC.food, 'secondary').vacancies), 14);
    close(Number(at(OCC.food, 'associate').vacancies), (4 * 8) / 26);
    close(Number(at(OCC.food, 'associate').share), (4 * 8) / 26 / (14 + (4 * 8) / 26));
    // Car: its own 18 and the 2 of 6-02-00-00 are open to anyone (secondary); 64's associate ones, 18 / 26 of 4.
    close(Number(at(OCC.car, 'secondary').share), 20 / (20 + (4 * 18) / 26));
    close(Number(at(OCC.car, 'bachelor').share), 0);
    close(Number(at(OCC.software, 'bachelor').share), 1);
    for (const r of await rows(`SELECT occupation_code, sum(share) AS total FROM core.education_share GROUP BY 1`))
      close(Number(r.total), 1, 12);
  });

  it('reads the vacancy growth of an occupation with the group-coded postings spread to it, its pay growth from those naming it', async () => {
    wh = await smallProvince();
    const signal = async (region: string) =>
      (
        await rows(
          `SELECT vacancies, posting_growth, pay_growth FROM core.occupation_signal WHERE occupation_code = $1 AND region_code = $2`,
          [OCC.car, region],
        )
      )[0];
    // Car in city B: 10 named in 2024 (6,000 a month), 8 in 2023 (5,000).
    const named = await signal(CITY_B);
    expect([Number(named!.vacancies), Number(named!.posting_growth)]).toEqual([10, 0.25]);
    close(Number(named!.pay_growth), 0.2);
    await addGroupCodedPostings(wh);
    // 6-02-00-00's 2 in city B are car's (the one 6-02 occupation named); 6-00-00-00's 4 in A's 64 go 18 / 26 to car.
    const b = await signal(CITY_B);
    close(Number(b!.vacancies), 12);
    close(Number(b!.posting_growth), 12 / 8 - 1);
    close(Number(b!.pay_growth), 6000 / 5000 - 1);
    const province = await signal(PROVINCE);
    close(Number(province!.vacancies), 12 + (4 * 18) / 26);
    close(Number(province!.posting_growth), (12 + (4 * 18) / 26) / 8 - 1);
    const a = await signal(CITY_A);
    close(Number(a!.vacancies), (4 * 18) / 26);
    expect([a!.posting_growth, a!.pay_growth]).toEqual([null, null]);

    // The floor: city B has 12 vacancies against 8, 10 offering pay against 8 (the group-coded two name no occupation).
    const floor = async (n: number) => {
      await wh!.conn.run(`UPDATE ref.projection_parameter SET value = ${n} WHERE name = 'shortage_growth_min_vacancies'`);
      await runModels(wh!.conn, { rebuildTables: true });
      const r = await signal(CITY_B);
      return [r!.posting_growth === null ? null : Number(r!.posting_growth), r!.pay_growth === null ? null : Number(r!.pay_growth)];
    };
    expect(await floor(8)).toEqual([12 / 8 - 1, 6000 / 5000 - 1]);
    expect(await floor(8.5)).toEqual([null, null]);
  });

  it('fits workers per vacancy of each occupation 大类 to the 门类 employment, one EM step at a time from the prior', async () => {
    wh = await smallProvince();
    // The fit's inputs: 门类 employment of the last year at the province, vacancies by 门类 and occupation 大类.
    const employment = new Map(
      (
        await rows(
          `SELECT section_code, sum(employment) AS e FROM core.division_employment WHERE year = (SELECT max(year) FROM core.division_employment) GROUP BY 1`,
        )
      ).map((r) => [String(r.section_code), Number(r.e)]),
    );
    const posted = (
      await rows(
        `SELECT d.section_code AS s, v.major_group AS g, sum(v.vacancies) AS v FROM core.vacancy_occupation v JOIN ref.industry d ON d.code = v.division_code GROUP BY 1, 2`,
      )
    ).map((r) => ({ s: String(r.s), g: String(r.g), v: Number(r.v) }));
    // C: food 8 and car 18 (大类 6), chemist 2 (大类 2); I: software 40 (大类 2), clerk 10 (大类 4).
    expect(posted.sort((a, b) => (a.s + a.g).localeCompare(b.s + b.g))).toEqual([
      { s: 'C', g: '2', v: 2 },
      { s: 'C', g: '6', v: 26 },
      { s: 'I', g: '2', v: 40 },
      { s: 'I', g: '4', v: 10 },
    ]);
    // Prior: 1 / separation (no registrations: propensity 1), scaled so that the vacancies reproduce all employment.
    const separation: Record<string, number> = { '2': 0.075, '4': 0.155, '6': 0.12 };
    const total = [...employment.values()].reduce((a, b) => a + b, 0);
    const scale = total / posted.reduce((a, p) => a + p.v / separation[p.g]!, 0);
    const prior = Object.fromEntries(Object.entries(separation).map(([g, r]) => [g, scale / r]));
    const fitted = async () =>
      Object.fromEntries(
        (await rows(`SELECT major_group, prior_per_vacancy, workers_per_vacancy FROM core.posting_intensity`)).map((r) => [
          String(r.major_group),
          [Number(r.prior_per_vacancy), Number(r.workers_per_vacancy)],
        ]),
      );
    const set = async (name: string, value: number) => {
      await wh!.conn.run(`UPDATE ref.projection_parameter SET value = $1 WHERE name = $2`, [value, name]);
      await runModels(wh!.conn, { rebuildTables: true });
    };
    // No step: the prior.
    for (const [g, [p, w]] of Object.entries(await fitted())) {
      close(p!, prior[g]!);
      close(w!, prior[g]!);
    }
    // One step with 100 pseudo-vacancies at the prior: β' = (β Σ_s V_sg E_s / Ê_s + 100 β⁰) / (V_g + 100).
    await set('posting_intensity_iterations', 1);
    await set('posting_intensity_prior_weight', 100);
    const fit0 = new Map(
      [...employment.keys()].map((s) => [s, posted.filter((p) => p.s === s).reduce((a, p) => a + p.v * prior[p.g]!, 0)]),
    );
    const step = (g: string) => {
      const mine = posted.filter((p) => p.g === g);
      const given = mine.reduce((a, p) => a + (p.v * prior[g]! * employment.get(p.s)!) / fit0.get(p.s)!, 0);
      return (given + 100 * prior[g]!) / (mine.reduce((a, p) => a + p.v, 0) + 100);
    };
    for (const [g, [, w]] of Object.entries(await fitted())) close(w!, step(g));
    // Many steps without the prior: the 门类 employment is reproduced.
    await set('posting_intensity_prior_weight', 0);
    await set('posting_intensity_iterations', 400);
    const beta = await fitted();
    for (const [s, e] of employment) close(posted.filter((p) => p.s === s).reduce((a, p) => a + p.v * beta[p.g]![1]!, 0) / e, 1, 4);
  });

  it("computes openings as expansion plus exits and transfers of the year before's workers", async () => {
    wh = await smallProvince();
    // A-36 car workers: 600 in 2024 (300 urban / 0.5), 588 in 2023; exits 4.5% and transfers 7.5% of 588.
    const [f] = await rows(
      `SELECT employment, expansion, separations, openings FROM core.occupation_flow WHERE region_code = $1 AND industry_code = '36' AND year = 2024`,
      [CITY_A],
    );
    close(Number(f!.employment), 600);
    close(Number(f!.expansion), 12);
    close(Number(f!.separations), 0.12 * 588);
    close(Number(f!.openings), 12 + 0.12 * 588);
  });

  it('estimates the observed years before the last one by the projected years’ rules, estimate_years of them', async () => {
    wh = await smallProvince();
    await runProjection(wh.conn, 'R1', 'fp');
    const estimateYears = await value(`SELECT core.projection_parameter('estimate_years')`);
    expect(estimateYears).toBe(5);
    // A name parameters.csv does not have stops the statement instead of reading as NULL.
    await expect(value(`SELECT core.projection_parameter('estimate_yeras')`)).rejects.toThrow(
      /unknown projection parameter estimate_yeras: add it to datasets\/reference\/projection\/parameters.csv/,
    );
    const years = await rows(
      `SELECT year, bool_or(is_forecast) AS f FROM marts.projection_occupation WHERE run_id = 'R1' GROUP BY year ORDER BY year`,
    );
    expect(years.map((y) => Number(y.year))).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    expect(years.filter((y) => y.f === false).map((y) => Number(y.year))).toEqual([2019, 2020, 2021, 2022, 2023, 2024]);
    // An observed year's cell is the default-rate flow (core.occupation_flow) at the occupation's benchmark factor (1
    // without registrations): A-36 car workers in 2023, 588 against 576 in 2022.
    const [p] = await rows(
      `SELECT employment, expansion, exits + transfers AS separations, openings, is_forecast FROM marts.projection_occupation
       WHERE run_id = 'R1' AND region_code = $1 AND industry_code = '36' AND year = 2023`,
      [CITY_A],
    );
    close(Number(p!.employment), 588);
    close(Number(p!.expansion), 12);
    close(Number(p!.separations), 0.12 * 576);
    close(Number(p!.openings), 12 + 0.12 * 576);
    expect(p!.is_forecast).toBe(false);
    // Supply and gaps follow the same years.
    for (const table of ['projection_supply', 'fct_talent_gap', 'fct_occupation_shortage'])
      expect(
        (await rows(`SELECT min(year) AS y FROM marts.${table} WHERE run_id = 'R1'`)).map((r) => Number(r.y)),
        table,
      ).toEqual([2019]);
  });

  it('lags entrants by the programme length, learns completion, employed and city shares', async () => {
    wh = await smallProvince();
    const g = await rows(
      `SELECT region_code, year, graduates, projected, education_level FROM core.graduate_supply WHERE occupation_code = $1 ORDER BY 1, 2`,
      [OCC.car],
    );
    const at = (city: string, year: number) => g.find((r) => r.region_code === city && Number(r.year) === year)!;
    // Published 2024: 108 graduates × 80% employed × 60% in A.
    close(Number(at(CITY_A, 2024).graduates), 108 * 0.8 * 0.6);
    expect(at(CITY_A, 2024).projected).toBe(false);
    // 2025 from the 2022 entrants (130) at the learned completion 297 / 330 = 0.9.
    close(Number(at(CITY_A, 2025).graduates), 130 * 0.9 * 0.8 * 0.6);
    close(Number(at(CITY_B, 2025).graduates), 130 * 0.9 * 0.8 * 0.2);
    close(Number(at(CITY_A, 2027).graduates), 150 * 0.9 * 0.8 * 0.6);
    expect(at(CITY_A, 2027).projected).toBe(true);
    expect(g.some((r) => Number(r.year) === 2028)).toBe(false);
    expect(new Set(g.map((r) => r.education_level))).toEqual(new Set(['associate']));
  });

  it('scores the shortage index and its levels by the documented weights and thresholds', async () => {
    wh = await smallProvince();
    const index = (d: number | null, s: number | null, pg: number | null, pay: number | null, l: number | null) =>
      value(`SELECT core.shortage_index($1::DOUBLE, $2::DOUBLE, $3::DOUBLE, $4::DOUBLE, $5::DOUBLE)`, [d, s, pg, pay, l]);
    const level = (i: number) => rows(`SELECT core.shortage_level($1::DOUBLE) AS l`, [i]).then((r) => String(r[0]!.l));
    // Ratio 2 saturates (1.0); vacancies +10% → 0.75; pay +5% → 0.625; listed half the year → 0.5.
    close(await index(200, 100, 0.1, 0.05, 0.5), 0.5 * 1 + 0.2 * 0.75 + 0.1 * 0.625 + 0.2 * 0.5);
    // Balanced, no signals: every score at 0.5 but the list's 0.
    close(await index(100, 100, null, null, null), 0.5 * 0.5 + 0.2 * 0.5 + 0.1 * 0.5);
    // Supply twice demand, vacancies and pay falling 30%: ratio score 0, growth scores clamped at 0.
    close(await index(50, 100, -0.3, -0.3, 0), 0);
    close(await index(10, 0, null, null, null), 0.5 + 0.2 * 0.5 + 0.1 * 0.5);
    // Neither demand nor supply: no sign either way, not a surplus.
    close(await index(0, 0, null, null, 0), 0.5 * 0.5 + 0.2 * 0.5 + 0.1 * 0.5);
    // An index that is the 基本平衡 threshold in exact arithmetic and a last bit below it in doubles.
    expect(await index(1, 1, null, null, 0)).toBe(0.39999999999999997);
    expect(await level(0.39999999999999997)).toBe('基本平衡');
    expect(await level(0.8125)).toBe('紧缺');
    expect(await level(0.7)).toBe('紧缺');
    expect(await level(0.6)).toBe('较紧缺');
    expect(await level(0.4)).toBe('基本平衡');
    expect(await level(0.39)).toBe('供大于求');
  });

  it('benchmarks separations and job seekers to the registrations', async () => {
    wh = await smallProvince();
    await addRegistrations(wh);
    const b = await rows(`SELECT * FROM core.occupation_benchmark ORDER BY occupation_code`);
    const of = (o: string) => b.find((r) => r.occupation_code === o)!;
    // Postings per registered vacancy, 2024: class 6 (cars 10 / 120, food 8 / 20) and class 2 (software 40 / 17), over all 58 / 157.
    const p6 = 18 / 140 / (58 / 157);
    const p2 = 40 / 17 / (58 / 157);
    close(await value(`SELECT propensity FROM core.posting_propensity WHERE major_group = '6'`), p6);
    close(await value(`SELECT propensity FROM core.posting_propensity WHERE major_group = '2'`), p2);
    // Model openings of 2024: car 123.84 (expansion 18, separations 105.84); food at its share of 13 after the propensity.
    const car = { expansion: 18, separations: 105.84 };
    const foodShare = (10 * (8 / p6 / 0.12 / (8 / p6 / 0.12 + 2 / p2 / 0.075)) + 10) / 20;
    const food = { expansion: foodShare * (200 - 196 + 100 - 98), separations: 0.12 * foodShare * (196 + 98) };
    const open = (x: { expansion: number; separations: number }) => x.expansion + x.separations;
    const coverage = (120 + 20) / (open(car) + open(food));
    const carFactor = (120 / coverage - car.expansion) / car.separations;
    const foodFactor = (20 / coverage - food.expansion) / food.separations;
    close(Number(of(OCC.car).separation_factor), carFactor);
    close(Number(of(OCC.food).separation_factor), foodFactor);
    // Benchmarked openings stand as the registered vacancies (120 : 20) and keep the listed total.
    const carOpen = car.expansion + carFactor * car.separations;
    const foodOpen = food.expansion + foodFactor * food.separations;
    close(carOpen / foodOpen, 6);
    close(carOpen + foodOpen, open(car) + open(food));
    // Supply / openings as registered (96 / 120 for cars): seekers = that supply less the 2024 graduates (108 × 0.8 × 0.8).
    close(Number(of(OCC.car).seeker_rate), (carOpen * 0.8 - 108 * 0.8 * 0.8) / (carFactor * car.separations));
    close(Number(of(OCC.food).seeker_rate), (foodOpen * 0.6) / (foodFactor * food.separations));
    expect(of(OCC.car).seeker_basis).toBe('registered');
    // Software, listed in two of the four quarters (17 vacancies, 12 seekers), is the only listed occupation of 大类 2:
    // its vacancies of those quarters at the same pace for the year (34) benchmark the 大类's separations.
    const [sw] = await rows(
      `SELECT sum(expansion) AS expansion, sum(separations) AS separations FROM core.occupation_flow WHERE occupation_code = $1 AND year = 2024`,
      [OCC.software],
    );
    const swFactor = ((17 * 4) / 2 / coverage - Number(sw!.expansion)) / Number(sw!.separations);
    close(Number(of(OCC.software).separation_factor), swFactor);
    close(Number(of(OCC.chemist).separation_factor), swFactor);
    expect(of(OCC.chemist).basis).toBe('major_group_partial');
    // Its seekers leave the registered gap of the year: 3 + 2 listed (Q1, Q2), Q3 and Q4 (whose tables list gaps of 2
    // and more) at 0, all over the coverage.
    const swGraduates = await value(
      `SELECT coalesce(sum(graduates), 0) FROM core.graduate_supply WHERE occupation_code = $1 AND year = 2024`,
      [OCC.software],
    );
    const swSeparations = Number(sw!.separations) * swFactor;
    const swOpen = Number(sw!.expansion) + swSeparations;
    const swGap = 5 / coverage;
    expect(swOpen - swGraduates - swGap).toBeGreaterThan(0);
    close(Number(of(OCC.software).seeker_rate), (swOpen - swGraduates - swGap) / swSeparations);
    expect(of(OCC.software).seeker_basis).toBe('listed');
  });

  /**
   * The small province with the 2024 tables, and 2023 tables listing cars in every quarter (20 vacancies, 10 seekers
   * each) beside `more`; the benchmark's row per occupation.
   */
  async function withCars2023(more: typeof REGISTRATIONS): Promise<(o: string) => Record<string, unknown>> {
    wh = await smallProvince();
    const quarters = ['2023Q1', '2023Q2', '2023Q3', '2023Q4'];
    await addRegistrations(wh, [
      ...REGISTRATIONS,
      ...quarters.map((period) => ({ period, occupation: OCC.car, vacancies: 20, seekers: 10 })),
      ...more,
    ]);
    const b = await rows(`SELECT * FROM core.occupation_benchmark`);
    return (o) => b.find((r) => r.occupation_code === o)!;
  }

  it('pools the registered seekers per vacancy of an occupation listed all year over the years it was', async () => {
    // Cars were listed in every quarter of 2023 too; food in one quarter only.
    const of = await withCars2023([{ period: '2023Q1', occupation: OCC.food, vacancies: 9, seekers: 1 }]);
    const flow = await rows(
      `SELECT occupation_code, sum(expansion) AS expansion, sum(separations) AS separations FROM core.occupation_flow WHERE year = 2024 GROUP BY 1`,
    );
    const graduates = async (o: string) =>
      value(`SELECT coalesce(sum(graduates), 0) FROM core.graduate_supply WHERE occupation_code = $1 AND year = 2024`, [o]);
    const seekerRate = async (o: string, ratio: number) => {
      const f = flow.find((r) => r.occupation_code === o)!;
      const separations = Number(f.separations) * Number(of(o).separation_factor);
      return Math.max(0, (Number(f.expansion) + separations) * ratio - (await graduates(o))) / separations;
    };
    // Cars: (96 + 40) seekers per (120 + 80) vacancies over 2023 and 2024; the 2024 factor is the 2024 registrations' alone.
    close(Number(of(OCC.car).seeker_rate), await seekerRate(OCC.car, 136 / 200));
    close(Number(of(OCC.car).registered_vacancies), 120);
    // Food was not listed all 2023: its 2024 ratio, 12 / 20.
    close(Number(of(OCC.food).seeker_rate), await seekerRate(OCC.food, 12 / 20));
  });

  it('pools the registered gaps of an occupation listed in some quarters over the years that list it', async () => {
    // 2023: cars listed all year (the year's coverage), software in Q2 only (9, 4: a gap of 5), and food in Q3 with
    // more seekers than vacancies (1, 6): that table lists a surplus of 5 after its shortages.
    const of = await withCars2023([
      { period: '2023Q2', occupation: OCC.software, vacancies: 9, seekers: 4 },
      { period: '2023Q3', occupation: OCC.food, vacancies: 1, seekers: 6 },
    ]);
    const flow = await rows(
      `SELECT occupation_code, year, sum(expansion) AS expansion, sum(separations) AS separations, sum(openings) AS openings
       FROM core.occupation_flow WHERE year IN (2023, 2024) GROUP BY ALL`,
    );
    const at = (o: string, year: number) => flow.find((r) => r.occupation_code === o && Number(r.year) === year)!;
    const graduates = (year: number) =>
      value(`SELECT coalesce(sum(graduates), 0) FROM core.graduate_supply WHERE occupation_code = $1 AND year = $2`, [OCC.software, year]);
    // Each year's coverage: the registered vacancies of the occupations listed all year over their model openings.
    const coverage2023 = 80 / Number(at(OCC.car, 2023).openings);
    const coverage2024 = (120 + 20) / (Number(at(OCC.car, 2024).openings) + Number(at(OCC.food, 2024).openings));
    // Software's registered gaps: 2024 its 3 + 2 listed, Q3 and Q4 (smallest gaps 2) at 0; 2023 its 5 listed, and the
    // three tables it is absent from at 0, Q3 too: below that table's shortage (cars, 10) and above its surplus (−5).
    const gaps: Record<number, number> = { 2023: 5 / coverage2023, 2024: 5 / coverage2024 };
    const factor = Number(of(OCC.software).separation_factor);
    let left = 0;
    let separations = 0;
    for (const year of [2023, 2024]) {
      const f = at(OCC.software, year);
      left += Number(f.expansion) + factor * Number(f.separations) - (await graduates(year)) - gaps[year]!;
      separations += factor * Number(f.separations);
    }
    expect(left).toBeGreaterThan(0);
    close(Number(of(OCC.software).seeker_rate), left / separations);
    expect(of(OCC.software).seeker_basis).toBe('listed');
    // Without the 2023 tables, 2024 alone.
    const f = at(OCC.software, 2024);
    const alone =
      (Number(f.expansion) + factor * Number(f.separations) - (await graduates(2024)) - gaps[2024]!) / (factor * Number(f.separations));
    expect(Math.abs(Number(of(OCC.software).seeker_rate) - alone)).toBeGreaterThan(1e-3);
  });

  it("gives an unlisted occupation its 大类's seekers per vacancy beyond the listed occupations, from the tables by group", async () => {
    const benchmark = async () => {
      const b = await rows(`SELECT occupation_code, seeker_basis, seeker_rate, separation_factor FROM core.occupation_benchmark`);
      return (o: string) => b.find((r) => r.occupation_code === o)!;
    };
    wh = await smallProvince();
    await addRegistrations(wh);
    const without = await benchmark();
    // Each 2024 quarter: 大类 2 20 vacancies and 12 seekers, 大类 4 10 and 25, 大类 6 40 and 30; 6 seekers name no occupation.
    const quarters = ['2024Q1', '2024Q2', '2024Q3', '2024Q4'];
    await addGroupTables(
      wh,
      quarters.map((period) => ({ period, groups: { '2': [20, 12], '4': [10, 25], '6': [40, 30] }, noPreference: 6 })),
    );
    const of = await benchmark();
    const flow = await rows(
      `SELECT occupation_code, sum(expansion) AS expansion, sum(separations) AS separations FROM core.occupation_flow WHERE year = 2024 GROUP BY 1`,
    );
    const seekerRate = async (o: string, ratio: number) => {
      const f = flow.find((r) => r.occupation_code === o)!;
      const separations = Number(f.separations) * Number(of(o).separation_factor);
      const graduates = await value(
        `SELECT coalesce(sum(graduates), 0) FROM core.graduate_supply WHERE occupation_code = $1 AND year = 2024`,
        [o],
      );
      return Math.max(0, (Number(f.expansion) + separations) * ratio - graduates) / separations;
    };
    // The 6 seekers of no occupation go to the groups as their 67 named seekers: each group's seekers × 73 / 67.
    const raised = 73 / 67;
    // 大类 4 lists nothing: clerks take its 25 × 73/67 seekers per 10 vacancies, a surplus.
    close(Number(of(OCC.clerk).seeker_rate), await seekerRate(OCC.clerk, (25 * raised) / 10));
    expect(of(OCC.clerk).seeker_basis).toBe('group');
    expect(Number(of(OCC.clerk).seeker_rate)).toBeGreaterThan(Number(without(OCC.clerk).seeker_rate));
    // 大类 2 less software where the quarter lists it (Q1 9 and 6, Q2 8 and 6): chemists take what is left.
    const ratio2 = (4 * 12 * raised - 12) / (4 * 20 - 17);
    const chemist = await seekerRate(OCC.chemist, ratio2);
    // Below the default of one seeker per separation, and above the bound the tables set.
    close(Number(of(OCC.chemist).seeker_rate), chemist);
    expect(of(OCC.chemist).seeker_basis).toBe('group');
    expect(without(OCC.chemist).seeker_basis).toBe('default');
    expect(chemist).toBeLessThan(1);
    // Occupations listed all year keep their own registrations.
    for (const o of [OCC.car, OCC.food]) expect(of(o).seeker_basis).toBe('registered');
  });

  it("shares out the model's openings by the registrations of the tables by group: the listed occupations, and each 大类's others", async () => {
    wh = await smallProvince();
    await addRegistrations(wh);
    // Each 2024 quarter registers 20 vacancies in 大类 2, 10 in 大类 4 and 35 in 大类 6: those of cars and food.
    const vacancies: Record<string, number> = { '2': 20, '4': 10, '6': 35 };
    await addGroupTables(
      wh,
      ['2024Q1', '2024Q2', '2024Q3', '2024Q4'].map((period) => ({
        period,
        groups: Object.fromEntries(Object.entries(vacancies).map(([g, v]) => [g, [v, v] as [number, number]])),
        noPreference: 0,
      })),
    );
    const b = await rows(`SELECT occupation_code, basis, separation_factor FROM core.occupation_benchmark`);
    const of = (o: string) => b.find((r) => r.occupation_code === o)!;
    const flow = await rows(
      `SELECT occupation_code, sum(expansion) AS expansion, sum(separations) AS separations, sum(openings) AS openings
       FROM core.occupation_flow WHERE year = 2024 GROUP BY 1`,
    );
    const at = (o: string) => flow.find((r) => r.occupation_code === o)!;
    const [min, max] = [
      await value(`SELECT core.projection_parameter('benchmark_factor_min')`),
      await value(`SELECT core.projection_parameter('benchmark_factor_max')`),
    ];
    const clamp = (f: number) => Math.min(max, Math.max(min, f));
    // The coverage: all 260 registered vacancies of the year over the model's openings of every occupation.
    const coverage = (4 * (20 + 10 + 35)) / flow.reduce((x, r) => x + Number(r.openings), 0);
    // Cars and food: their own registered vacancies (120, 20) over the coverage, their expansion kept.
    for (const [o, registered] of [
      [OCC.car, 120],
      [OCC.food, 20],
    ] as const) {
      expect(of(o).basis).toBe('registered');
      close(Number(of(o).separation_factor), clamp((registered / coverage - Number(at(o).expansion)) / Number(at(o).separations)));
    }
    // Each 大类's other occupations (groups above the occupations included, as postings coded to them): what its tables
    // register beyond the occupations listed all year, over the coverage.
    const staffed = (await rows(`SELECT DISTINCT occupation_code FROM core.staffing_share`)).map((r) => String(r.occupation_code));
    for (const g of ['2', '4']) {
      const others = staffed.filter((o) => o[0] === g);
      expect(others.length).toBeGreaterThan(0);
      const expansion = others.reduce((x, o) => x + Number(at(o).expansion), 0);
      const separations = others.reduce((x, o) => x + Number(at(o).separations), 0);
      const factor = clamp(((4 * vacancies[g]!) / coverage - expansion) / separations);
      for (const o of others) {
        expect(of(o).basis, o).toBe('group_table');
        close(Number(of(o).separation_factor), factor);
      }
    }
    // 大类 6 registers nothing beyond cars and food: no other occupation of it takes a factor from the tables.
    expect(b.filter((r) => String(r.occupation_code)[0] === '6' && r.basis === 'group_table')).toEqual([]);
    // Between the listed and the others, the model's openings of the year are shared out, not added to.
    const total = flow.reduce(
      (x, r) => x + Number(r.expansion) + Number(of(String(r.occupation_code))?.separation_factor ?? 1) * Number(r.separations),
      0,
    );
    expect(Math.abs(total / flow.reduce((x, r) => x + Number(r.openings), 0) - 1)).toBeLessThan(0.02);
  });

  it('bounds an unlisted occupation by the smallest shortage a table lists, not by a surplus listed after them', async () => {
    const seekers = async (registrations: typeof REGISTRATIONS) => {
      wh = await smallProvince();
      await addRegistrations(wh, registrations);
      const b = await rows(`SELECT occupation_code, seeker_basis, seeker_rate FROM core.occupation_benchmark`);
      return (o: string) => b.find((r) => r.occupation_code === o)!;
    };
    const without = await seekers(REGISTRATIONS);
    // 2024Q3 lists clerks after its shortages with 49 more seekers than vacancies.
    const surplus = { period: '2024Q3', occupation: OCC.clerk, vacancies: 1, seekers: 50 };
    const withSurplus = await seekers([...REGISTRATIONS, surplus]);
    // Chemists, never listed, are bounded by the tables' smallest shortages as before: the surplus bounds nothing of theirs.
    expect(withSurplus(OCC.chemist).seeker_basis).toBe(without(OCC.chemist).seeker_basis);
    close(Number(withSurplus(OCC.chemist).seeker_rate), Number(without(OCC.chemist).seeker_rate));
    // Clerks, listed in one quarter, take the rate their registered gap leaves: more seekers than without the listing.
    expect(withSurplus(OCC.clerk).seeker_basis).toBe('listed');
    expect(Number(withSurplus(OCC.clerk).seeker_rate)).toBeGreaterThan(Number(without(OCC.clerk).seeker_rate));
    // A listing among the surpluses is no presence on the shortage list; food, listed all year, is.
    const listed = (o: string) => value(`SELECT max(listed_share) FROM core.occupation_signal WHERE occupation_code = $1`, [o]);
    expect(await listed(OCC.clerk)).toBe(0);
    expect(await listed(OCC.food)).toBe(1);
  });

  it("gives a 大类's unlisted occupations the factor of its one listed occupation, others the all-listed factor", async () => {
    wh = await smallProvince();
    // Software listed all year beside cars and food; chemists (大类 2 as software) and clerks (大类 4) never listed.
    const quarters = ['2024Q1', '2024Q2', '2024Q3', '2024Q4'];
    await addRegistrations(wh, [
      ...REGISTRATIONS.filter((r) => r.occupation !== OCC.software),
      ...quarters.map((period) => ({ period, occupation: OCC.software, vacancies: 12, seekers: 6 })),
    ]);
    const b = await rows(`SELECT occupation_code, basis, separation_factor FROM core.occupation_benchmark`);
    const factor = (o: string) => Number(b.find((r) => r.occupation_code === o)!.separation_factor);
    const flow = await rows(
      `SELECT occupation_code, sum(expansion) AS expansion, sum(separations) AS separations FROM core.occupation_flow WHERE year = 2024 GROUP BY 1`,
    );
    const f = (o: string) => flow.find((r) => r.occupation_code === o)!;
    const registered: Record<string, number> = { [OCC.car]: 120, [OCC.food]: 20, [OCC.software]: 48 };
    const listed = Object.keys(registered);
    const open = (o: string) => Number(f(o).expansion) + Number(f(o).separations);
    const coverage = (120 + 20 + 48) / listed.reduce((sum, o) => sum + open(o), 0);
    const own = (o: string) => (registered[o]! / coverage - Number(f(o).expansion)) / Number(f(o).separations);
    for (const o of listed) close(factor(o), own(o));
    // One listed occupation of 大类 2 is enough: chemists take the software factor.
    close(factor(OCC.chemist), own(OCC.software), 12);
    expect(b.find((r) => r.occupation_code === OCC.chemist)!.basis).toBe('major_group');
    // 大类 4 has none: clerks take the listed occupations' benchmarked separations over their default ones.
    const separations = (o: string) => Number(f(o).separations);
    close(
      factor(OCC.clerk),
      listed.reduce((sum, o) => sum + own(o) * separations(o), 0) / listed.reduce((sum, o) => sum + separations(o), 0),
    );
    expect(b.find((r) => r.occupation_code === OCC.clerk)!.basis).toBe('overall');
  });
});

describe('a projection vintage', () => {
  it('adds up: cities to the province, 大类 to 门类 and groups, occupations to industries, demand to openings', async () => {
    wh = await smallProvince();
    await addRegistrations(wh);
    // The school also trains dancers (a dance major as large as its car major), whom no 大类 of the province employs.
    await wh.conn.run(
      `INSERT INTO ref.occupation (code, name, level, is_digital, is_green, is_occupation) VALUES ('${DANCER}', '舞蹈演员', '细类', false, false, true)`,
    );
    await wh.conn.run(
      `INSERT INTO ref.crosswalk_major_occupation (catalog, major_code, occupation_code, weight, method, origin) VALUES ('高职专科', '550201', '${DANCER}', 1, 'test', 'test')`,
    );
    for (const table of ['core.enrollment', 'core.graduate_outcome'])
      await wh.conn.run(`INSERT INTO ${table} SELECT * REPLACE ('550201' AS major_code) FROM ${table} WHERE major_code = '460701'`);
    const before = Date.now();
    const r = await runProjection(wh.conn, 'R1', 'fp');
    expect(r.lastYear).toBe(LAST_YEAR);
    expect(r.horizon).toBe(3);
    // The vintage's time is when it was written: after the whole projection, not at its transaction's start.
    const [run] = await rows(`SELECT epoch_ms(finished_at) AS at, seconds FROM meta.projection_runs WHERE run_id = 'R1'`);
    expect(Number(run!.at)).toBeGreaterThanOrEqual(before + Math.floor(Number(run!.seconds) * 1000) - 50);
    expect(Number(run!.at)).toBeLessThanOrEqual(Date.now());
    // Bounds exist for the projected years only, every row of them, and none before: no zero-width interval.
    for (const [table, lo] of [
      ['projection_occupation', 'openings_lo'],
      ['fct_occupation_shortage', 'demand_lo'],
      ['fct_talent_gap', 'demand_lo'],
      ['fct_industry_trend', 'openings_lo'],
    ] as const) {
      const [b] = await rows(
        `SELECT count(*) FILTER (WHERE is_forecast AND ${lo} IS NULL) AS missing, count(*) FILTER (WHERE NOT is_forecast AND ${lo} IS NOT NULL) AS extra,
                count(*) FILTER (WHERE is_forecast) AS projected, count(*) FILTER (WHERE NOT is_forecast) AS before
           FROM marts.${table} WHERE run_id = 'R1'${table === 'fct_industry_trend' ? ' AND openings IS NOT NULL' : ''}`,
      );
      expect([table, Number(b!.missing), Number(b!.extra)]).toEqual([table, 0, 0]);
      expect(Number(b!.projected) * Number(b!.before)).toBeGreaterThan(0);
    }
    const tol = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

    // 64 + 65 = the I leaf, every city and year.
    for (const x of await rows(
      `SELECT any_value(l.employment) AS leaf, sum(d.employment) AS parts FROM marts.industry_projection l
       JOIN marts.projection_division d ON d.run_id = l.run_id AND d.region_code = l.region_code AND d.year = l.year AND d.section_code = 'I'
       WHERE l.run_id = 'R1' AND l.kind = 'leaf' AND l.industry_code = 'I' GROUP BY l.region_code, l.year`,
    ))
      tol(Number(x.parts), Number(x.leaf));
    // Occupations add up to their 大类.
    for (const x of await rows(
      `SELECT any_value(d.employment) AS division, sum(o.employment) AS occupations FROM marts.projection_division d
       JOIN marts.projection_occupation o USING (run_id, region_code, industry_code, year) WHERE d.run_id = 'R1'
       GROUP BY d.region_code, d.industry_code, d.year`,
    ))
      tol(Number(x.occupations), Number(x.division));
    // Cities add up to the province; the 门类 group to its 大类; the 小类 group is a third of 36 (one of its three 小类).
    const trend = await rows(
      `SELECT framework, group_code, region_code, year, employment, openings, employment_lo, employment_hi FROM marts.fct_industry_trend WHERE run_id = 'R1'`,
    );
    const get = (f: string, g: string, region: string, year: number, col: 'employment' | 'openings') =>
      Number(trend.find((t) => t.framework === f && t.group_code === g && t.region_code === region && Number(t.year) === year)![col]);
    for (let year = LAST_YEAR; year <= LAST_YEAR + 3; year++)
      for (const col of ['employment', 'openings'] as const) {
        tol(get('gbt4754', '36', PROVINCE, year, col), get('gbt4754', '36', CITY_A, year, col) + get('gbt4754', '36', CITY_B, year, col));
        tol(get('fw', 'info', PROVINCE, year, col), get('gbt4754', '64', PROVINCE, year, col) + get('gbt4754', '65', PROVINCE, year, col));
        tol(get('fw', 'petrol_cars', PROVINCE, year, col), get('fw', 'cars', PROVINCE, year, col) / 3);
        // A group planned for one city has rows for that city only.
        expect(trend.some((t) => t.framework === 'city_fw' && t.region_code !== CITY_B)).toBe(false);
        tol(get('city_fw', 'food', CITY_B, year, col), get('gbt4754', '13', CITY_B, year, col));
      }
    // Demand of the gap table sums to the group's openings; openings are expansion + exits + transfers unless floored.
    for (const x of await rows(
      `SELECT any_value(t.openings) AS openings, sum(g.demand) AS demand FROM marts.fct_industry_trend t
       JOIN marts.fct_talent_gap g USING (run_id, framework, group_code, region_code, year) WHERE t.run_id = 'R1'
       GROUP BY t.framework, t.group_code, t.region_code, t.year`,
    ))
      tol(Number(x.demand), Number(x.openings));
    expect(
      await value(
        `SELECT count(*) FROM marts.projection_occupation WHERE run_id = 'R1' AND NOT openings_floored AND abs(expansion + exits + transfers - openings) > 1e-9`,
      ),
    ).toBe(0);
    // A city's GB/T 4754 rows hold the entrants of the occupations its 大类 employ, every one of them; the city's
    // dancers are in projection_supply and fct_occupation_shortage only.
    const entrants = await rows(
      `SELECT s.region_code, s.year, s.placed, s.dancers, g.supply AS in_gap FROM (
         SELECT region_code, year, sum(supply) FILTER (WHERE occupation_code <> $3) AS placed, sum(supply) FILTER (WHERE occupation_code = $3) AS dancers
         FROM marts.projection_supply WHERE run_id = 'R1' AND region_code IN ($1, $2) GROUP BY ALL) s
       JOIN (SELECT region_code, year, sum(supply) AS supply FROM marts.fct_talent_gap WHERE run_id = 'R1' AND framework = 'gbt4754' GROUP BY ALL) g
         USING (region_code, year)`,
      [CITY_A, CITY_B, DANCER],
    );
    expect(entrants.length).toBeGreaterThan(0);
    expect(entrants.filter((x) => Number(x.dancers) > 0).length).toBeGreaterThan(8);
    for (const x of entrants) tol(Number(x.in_gap), Number(x.placed));
    expect(await value(`SELECT count(*) FROM marts.fct_talent_gap WHERE occupation_code = $1`, [DANCER])).toBe(0);
    expect(
      await value(`SELECT count(*) FROM marts.fct_occupation_shortage WHERE occupation_code = $1 AND supply > 0`, [DANCER]),
    ).toBeGreaterThan(0);
    // The province's occupation rows add up the cities, and rank 1 is the largest gap.
    for (const x of await rows(
      `SELECT any_value(p.demand) AS demand, any_value(p.supply) AS supply, sum(c.demand) AS cd, sum(c.supply) AS cs
       FROM marts.fct_occupation_shortage p
       JOIN marts.fct_occupation_shortage c ON c.run_id = p.run_id AND c.occupation_code = p.occupation_code AND c.year = p.year AND c.region_code IN ($1, $2)
       WHERE p.run_id = 'R1' AND p.region_code = $3 GROUP BY p.occupation_code, p.year`,
      [CITY_A, CITY_B, PROVINCE],
    )) {
      tol(Number(x.cd), Number(x.demand));
      tol(Number(x.cs), Number(x.supply));
    }
    expect(
      await value(
        `SELECT count(*) FROM marts.fct_occupation_shortage a JOIN marts.fct_occupation_shortage b USING (run_id, region_code, year)
         WHERE a.run_id = 'R1' AND a.rank < b.rank AND a.gap < b.gap`,
      ),
    ).toBe(0);
    // Bounds contain the projected means.
    expect(
      await value(
        `SELECT count(*) FROM marts.fct_industry_trend WHERE run_id = 'R1' AND is_forecast AND NOT (employment BETWEEN employment_lo AND employment_hi)`,
      ),
    ).toBe(0);
    // A city's single 大类 has one interval: the division's, including the 大类 split from a 门类 leaf (64, 65 of I),
    // and so has a city's group that is one whole 大类 (city_fw food, 13 of 450200's city B).
    const divisions = await rows(
      `SELECT d.industry_code, d.employment_lo AS dlo, d.employment_hi AS dhi, t.employment_lo AS tlo, t.employment_hi AS thi
       FROM marts.projection_division d JOIN marts.fct_industry_trend t ON t.run_id = d.run_id AND t.framework = 'gbt4754'
         AND t.group_code = d.industry_code AND t.region_code = d.region_code AND t.year = d.year
       WHERE d.run_id = 'R1' AND d.is_forecast`,
    );
    expect(divisions.length).toBeGreaterThan(0);
    expect(divisions.some((x) => x.industry_code === '64')).toBe(true);
    for (const x of divisions) {
      tol(Number(x.tlo), Number(x.dlo));
      tol(Number(x.thi), Number(x.dhi));
    }
    for (let year = LAST_YEAR + 1; year <= LAST_YEAR + 3; year++) {
      const bound = (f: string, g: string, col: 'employment_lo' | 'employment_hi') =>
        Number(trend.find((t) => t.framework === f && t.group_code === g && t.region_code === CITY_B && Number(t.year) === year)![col]);
      tol(bound('city_fw', 'food', 'employment_lo'), bound('gbt4754', '13', 'employment_lo'));
      tol(bound('city_fw', 'food', 'employment_hi'), bound('gbt4754', '13', 'employment_hi'));
    }
    // Group openings are their cells' floored openings: never below the sum of the parts, above it by the floored cells only.
    const [floors] = await rows(
      `WITH cells AS (
         SELECT region_code, industry_code, year, sum(openings - (expansion + exits + transfers)) AS lacked
         FROM marts.projection_occupation WHERE run_id = 'R1' GROUP BY ALL)
       SELECT count(*) FILTER (WHERE t.openings < t.expansion + t.exits + t.transfers - 1e-9) AS below,
         max(abs(t.openings - (t.expansion + t.exits + t.transfers) - c.lacked)) AS off
       FROM marts.fct_industry_trend t JOIN cells c ON c.region_code = t.region_code AND c.industry_code = t.group_code AND c.year = t.year
       WHERE t.run_id = 'R1' AND t.framework = 'gbt4754'`,
    );
    expect(Number(floors!.below)).toBe(0);
    expect(Number(floors!.off)).toBeLessThan(1e-9);
  });

  it('moves the staffing shares by the most specific change factor from the mean posting year, each 大类 scaled back to 1', async () => {
    wh = await smallProvince();
    // Shares: 13 (门类 C) chemist 0.1 and food 0.9; 65 (门类 I) software and clerk; 36 cars and 64 software alone.
    // 大类 2 everywhere +10 % a year; 中类 2-02 in 门类 C −5 % (finer occupation and industry); 大类 2 in 13 +30 %
    // (a finer industry, but a coarser occupation than the row before: the occupation decides first); the clerk in
    // 65 +20 %.
    await wh.conn.run(`INSERT INTO ref.staffing_change VALUES ('*', '2-00-00-00', 0.10, 'test'), ('C', '2-02-00-00', -0.05, 'test'),
      ('13', '2-00-00-00', 0.30, 'test'), ('65', '${OCC.clerk}', 0.20, 'test')`);
    await runProjection(wh.conn, 'R1', 'fp');
    const base = new Map(
      (await rows(`SELECT industry_code, occupation_code, share FROM core.staffing_share`)).map((r) => [
        `${String(r.industry_code)}|${String(r.occupation_code)}`,
        Number(r.share),
      ]),
    );
    // The matrix describes the posting years: the vacancy-weighted mean of the years its vacancies were posted.
    const t0 = await value(`SELECT sum(year * vacancies) / sum(vacancies) FROM core.vacancy_occupation WHERE division_code IS NOT NULL`);
    expect(t0).toBeGreaterThan(LAST_YEAR - 4);
    expect(t0).toBeLessThan(LAST_YEAR);
    const b = (industry: string, occupation: string) => base.get(`${industry}|${occupation}`)!;
    const expected = (industry: string, occupation: string, year: number): number => {
      const t = year - t0;
      if (industry === '13') {
        const chemist = b('13', OCC.chemist) * 0.95 ** t;
        return (occupation === OCC.chemist ? chemist : b('13', OCC.food)) / (chemist + b('13', OCC.food));
      }
      if (industry === '65') {
        const software = b('65', OCC.software) * 1.1 ** t;
        const clerk = b('65', OCC.clerk) * 1.2 ** t;
        return (occupation === OCC.clerk ? clerk : software) / (software + clerk);
      }
      return b(industry, occupation);
    };
    // The projected years and the observed years the vintage estimates.
    const cells = await rows(
      `SELECT o.industry_code, o.occupation_code, o.year, o.employment, d.employment AS division
       FROM marts.projection_occupation o JOIN marts.projection_division d USING (run_id, region_code, industry_code, year)
       WHERE o.run_id = 'R1'`,
    );
    expect(new Set(cells.map((c) => c.industry_code))).toEqual(new Set(['13', '36', '64', '65']));
    expect(Math.min(...cells.map((c) => Number(c.year)))).toBeLessThan(LAST_YEAR);
    for (const c of cells)
      close(Number(c.employment) / Number(c.division), expected(String(c.industry_code), String(c.occupation_code), Number(c.year)), 12);
    // The past flows the registrations are read against use the same shares.
    const past = await rows(
      `SELECT f.industry_code, f.occupation_code, f.year, f.employment, d.employment AS division FROM core.occupation_flow f
       JOIN core.division_employment d USING (region_code, industry_code, year)`,
    );
    expect(past.length).toBeGreaterThan(0);
    for (const c of past)
      close(Number(c.employment) / Number(c.division), expected(String(c.industry_code), String(c.occupation_code), Number(c.year)), 12);
    // Three years after the last observed one the chemist's share is 0.1 · 0.95^t / (0.1 · 0.95^t + 0.9), below its
    // share in the matrix, and the 大类's employment is unchanged.
    const chemist = cells.find((c) => c.industry_code === '13' && c.occupation_code === OCC.chemist && Number(c.year) === LAST_YEAR + 3)!;
    const t = LAST_YEAR + 3 - t0;
    close(Number(chemist.employment) / Number(chemist.division), (0.1 * 0.95 ** t) / (0.1 * 0.95 ** t + 0.9), 4);
    expect(Number(chemist.employment) / Number(chemist.division)).toBeLessThan(b('13', OCC.chemist));
  });

  it('ranks occupations only: a code above the occupation level keeps its rows without a rank', async () => {
    wh = await smallProvince();
    // No posting names a 大类-5 occupation: the vacancy coded 5-00-00-00 stays under the group's code.
    await addGroupCodedPostings(wh);
    const COARSE = '5-00-00-00';
    await runProjection(wh.conn, 'R1', 'fp');
    const coarse = await rows(
      `SELECT count(*) AS n, count(rank) AS ranked FROM marts.fct_occupation_shortage WHERE run_id = 'R1' AND occupation_code = $1`,
      [COARSE],
    );
    expect(Number(coarse[0]!.n)).toBeGreaterThan(0);
    expect(Number(coarse[0]!.ranked)).toBe(0);
    // In every region and year the occupations hold the ranks 1 … n, with no place left for the 大类.
    for (const r of await rows(
      `SELECT region_code, year, count(*) AS n, min(rank) AS lo, max(rank) AS hi, count(DISTINCT rank) AS distinct_ranks
       FROM marts.fct_occupation_shortage WHERE run_id = 'R1' AND occupation_code <> $1 GROUP BY ALL`,
      [COARSE],
    )) {
      expect(Number(r.lo)).toBe(1);
      expect(Number(r.hi)).toBe(Number(r.n));
      expect(Number(r.distinct_ranks)).toBe(Number(r.n));
    }
  });

  it('keeps every vintage and scores the old ones once the year is published', async () => {
    wh = await smallProvince();
    // A vintage made before the 2024 tables were out, then the 2024 tables.
    await wh.conn.run(`CREATE TEMP TABLE held AS SELECT * FROM core.employment WHERE year = ${LAST_YEAR}`);
    await wh.conn.run(`DELETE FROM core.employment WHERE year = ${LAST_YEAR}`);
    const early = await runProjection(wh.conn, 'R0', 'fp0');
    expect(early.lastYear).toBe(LAST_YEAR - 1);
    await wh.conn.run(`INSERT INTO core.employment SELECT * FROM held`);
    await runProjection(wh.conn, 'R1', 'fp1');
    expect(await value(`SELECT count(DISTINCT run_id) FROM marts.fct_industry_trend`)).toBe(2);
    const scored = await rows(
      `SELECT horizon, projected, observed, error FROM marts.fct_projection_accuracy WHERE run_id = 'R0' AND framework = 'gbt4754' AND group_code = '36' AND region_code = $1`,
      [PROVINCE],
    );
    expect(scored.map((s) => Number(s.horizon))).toEqual([1]);
    // Observed = the 2024 estimate of 36 in the province: (300 + 150) / 0.5.
    close(Number(scored[0]!.observed), 900);
    close(Number(scored[0]!.error), Number(scored[0]!.projected) - 900);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine } from '../io/csv-line.js';
import { TextSink } from '../io/text-sink.js';
import type { World } from '../world/build-world.js';
import { staffingMix } from '../world/staffing.js';
import { periodFlows, rankByGap, type OccupationTotals } from './occupation-totals.js';
import { TRUTH_FOLDER } from './layout.js';
import type { QuirkRecord } from './to-enrollment.js';

/** Writes the hidden ground truth: true paths, the true shortage ranking and the crosswalks used. */
export function writeTruth(world: World, totals: OccupationTotals, out: string, enrollmentQuirks: QuirkRecord[]): void {
  const dir = join(out, TRUTH_FOLDER);
  const { axis, ref, industries, staffing, occupations } = world;
  const first = axis.first - axis.y0;
  const last = axis.lastTruth - axis.y0;

  const ind = new TextSink(join(dir, 'industry_city_year.csv'), { encoding: 'utf8' });
  ind.line('industry_code,section_code,city_code,year,employment,openings,is_future');
  industries.divisions.forEach((d, di) => {
    // Replacement demand of an industry in year t: its occupations' replacement rates weighted by its
    // staffing mix of t − 1 (the employment replaced), so that it adds up to the occupations' replacement.
    const replacement = new Float64Array(last + 1);
    for (let t = first; t <= last; t++) {
      const mix = staffingMix(world.a, staffing, di, axis.y0 + t - 1 - axis.first);
      replacement[t] = staffing.rows[di]!.reduce(
        (sum, r, k) => sum + (mix.weights[k]! / mix.norm) * occupations.replacement[r.occupation]!,
        0,
      );
    }
    ref.cities.forEach((c, ci) => {
      const e = industries.employment[di]![ci]!;
      for (let t = first; t <= last; t++) {
        const openings = Math.max(0, e[t]! - e[t - 1]!) + replacement[t]! * e[t - 1]!;
        ind.line(
          csvLine([d.code, d.section, c.code, axis.y0 + t, Math.round(e[t]!), Math.round(openings), axis.y0 + t > axis.latest ? 1 : 0]),
        );
      }
    });
  });
  ind.close();

  const occ = new TextSink(join(dir, 'occupation_city_year.csv'), { encoding: 'utf8' });
  occ.line('occupation_code,city_code,year,employment,openings,graduate_supply,other_supply,gap');
  staffing.occupations.forEach((o, oi) => {
    ref.cities.forEach((c, ci) => {
      for (let t = first; t <= last; t++) {
        const open = occupations.openings[oi]![ci]![t]!;
        const grad = world.outcomes.supply[oi]![ci]![t]!;
        const other = occupations.seekers[oi]![ci]![t]!;
        occ.line(
          csvLine([
            o.code,
            c.code,
            axis.y0 + t,
            Math.round(occupations.employment[oi]![ci]![t]!),
            Math.round(open),
            Math.round(grad),
            Math.round(other),
            Math.round(open - grad - other),
          ]),
        );
      }
    });
  });
  occ.close();

  const prov = new TextSink(join(dir, 'occupation_year.csv'), { encoding: 'utf8' });
  prov.line(
    'occupation_code,occupation_name,is_digital,is_green,year,employment,openings,graduate_supply,other_supply,supply,gap,ratio,is_future',
  );
  staffing.occupations.forEach((o, oi) => {
    for (let t = first; t <= last; t++) {
      const open = totals.openings[oi]![t]!;
      const grad = totals.graduateSupply[oi]![t]!;
      const other = totals.otherSupply[oi]![t]!;
      prov.line(
        csvLine([
          o.code,
          o.name,
          o.isDigital ? 1 : 0,
          o.isGreen ? 1 : 0,
          axis.y0 + t,
          Math.round(totals.employment[oi]![t]!),
          Math.round(open),
          Math.round(grad),
          Math.round(other),
          Math.round(grad + other),
          Math.round(open - grad - other),
          (open / (grad + other)).toFixed(3),
          axis.y0 + t > axis.latest ? 1 : 0,
        ]),
      );
    }
  });
  prov.close();

  const rank = new TextSink(join(dir, 'shortage_ranking.csv'), { encoding: 'utf8' });
  rank.line('period,period_type,rank,occupation_code,occupation_name,openings,supply,gap,ratio,is_future');
  for (let year = axis.first; year <= axis.lastTruth; year++) {
    for (const quarter of [0, 1, 2, 3, 4] as const) {
      if (quarter > 0 && year < world.a.years.shortageFrom) continue;
      const rows = staffing.occupations.map((_, o) => {
        const f = periodFlows(world, totals, o, year, quarter);
        return { o, demand: f.openings, supply: f.supply };
      });
      rankByGap(rows, world.a.shortage.rows).forEach((r, i) => {
        const o = staffing.occupations[r.o]!;
        rank.line(
          csvLine([
            quarter === 0 ? String(year) : `${year}Q${quarter}`,
            quarter === 0 ? 'year' : 'quarter',
            i + 1,
            o.code,
            o.name,
            Math.round(r.demand),
            Math.round(r.supply),
            Math.round(r.demand - r.supply),
            (r.demand / r.supply).toFixed(3),
            year > axis.latest ? 1 : 0,
          ]),
        );
      });
    }
  }
  rank.close();

  const staffSink = new TextSink(join(dir, 'industry_occupation.csv'), { encoding: 'utf8' });
  staffSink.line('industry_code,occupation_code,base_share');
  staffing.rows.forEach((row, d) => {
    for (const r of [...row].sort((x, y) => y.share - x.share))
      staffSink.line(csvLine([industries.divisions[d]!.code, staffing.occupations[r.occupation]!.code, r.share.toFixed(5)]));
  });
  staffSink.close();

  const majorSink = new TextSink(join(dir, 'major_occupation.csv'), { encoding: 'utf8' });
  majorSink.line('catalog,major_code,major_name,occupation_code,weight,link_kind');
  const seen = new Set<string>();
  for (const s of world.series) {
    const m = s.link.major;
    const key = `${m.catalog}|${m.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const l of s.link.occupations)
      majorSink.line(csvLine([m.catalog, m.code, m.name, staffing.occupations[l.occupation]!.code, l.weight.toFixed(4), s.link.kind]));
  }
  majorSink.close();

  const q = new TextSink(join(dir, 'enrollment_quirks.csv'), { encoding: 'utf8' });
  q.line('file,line,quirk,column,written_value,true_value');
  for (const r of enrollmentQuirks) q.line(csvLine([r.file, r.line, r.quirk, r.column, r.writtenValue, r.trueValue]));
  q.close();
}

/** The truth manifest: what was generated and from which assumptions (no clock, so bytes repeat). */
export function writeManifest(world: World, out: string, counts: Record<string, unknown>): void {
  const manifest = {
    generator: '@talent/synth',
    edition: world.edition,
    seed: world.seed,
    referenceSource: world.ref.source,
    years: {
      first: world.axis.first,
      latest: world.axis.latest,
      truthUntil: world.axis.lastTruth,
      postings: [world.axis.latest - world.a.years.postingYears + 1, world.axis.latest],
    },
    programmeYears: world.a.programmeYears,
    counts,
    policyByIndustry: Object.fromEntries([...world.industries.policyByDivision.entries()].filter(([, v]) => v.length > 0)),
  };
  writeFileSync(join(out, TRUTH_FOLDER, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

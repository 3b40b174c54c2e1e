import { join } from 'node:path';
import { REGION_LEVELS, regionLevelOf, regionParentOf, regionProvinceOf, type RegionLevel } from '../code-shapes.js';
import { cleanName, readCsv, type ReconciliationRow } from './common.js';
import { BuildDataError, defaultBuildDir, readDataCsv } from './data-file.js';
import { readDecisions, type DecisionColumns, type DecisionFileSpec } from './decisions.js';
import { readListData, type ListData } from './list-data.js';

/** A row of datasets/reference/region/gbt2260.csv. */
export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  province_code: string;
}

/**
 * Codes of GB/T 2260 not loaded as divisions (region_decisions.csv): groupings the copy lists
 * among the prefectures, and divisions the copy (statistical codes, mainland only) lacks.
 */
export const REGION_DECISION_FILE = {
  listId: 'region',
  file: 'region_decisions.csv',
  columns: {
    /** The division's name; where the copy carries the code, it must give this name. */
    name: 'text',
    /** true: the copy carries the code and it is left out; false: the copy lacks it. */
    in_copy: 'yes-no',
  },
  levels: REGION_LEVELS,
  isCode: (code: string) => regionLevelOf(code) !== undefined,
} as const satisfies DecisionFileSpec<DecisionColumns>;

/** Provinces whose county-level divisions are loaded (region_county_provinces.csv), by the copy's two-digit code. */
function readCountyProvinces(buildDir: string, provinces: Record<string, string>[]): Set<string> {
  const out = new Set<string>();
  for (const r of readDataCsv(join(buildDir, 'region_county_provinces.csv'), ['code', 'name'])) {
    const { code, name } = r.values;
    const found = regionLevelOf(code) === '省' ? provinces.find((p) => `${p.code}0000` === code) : undefined;
    if (!found) throw new BuildDataError(r.file, r.line, `${code} is not a province of the copy`);
    if (cleanName(found.name!) !== name) throw new BuildDataError(r.file, r.line, `${code} is ${found.name} in the copy, not ${name}`);
    out.add(code.slice(0, 2));
  }
  return out;
}

/** Derives provinces and prefectures of all China, and the counties of the provinces chosen. */
export function buildRegion(
  sharedDir: string,
  buildDir = defaultBuildDir(),
): { rows: RegionRow[]; reconciliation: ReconciliationRow[]; list: ListData } {
  const list = readListData(buildDir, 'region');
  const decisions = readDecisions(buildDir, REGION_DECISION_FILE);
  const [provinces, cities, areas] = ['modood_provinces', 'modood_cities', 'modood_areas'].map((s) =>
    readCsv(join(sharedDir, list.copy(s))),
  );
  const countyProvinces = readCountyProvinces(buildDir, provinces!);
  for (const d of decisions.all()) if (d.set.in_copy === undefined) throw decisions.refusal(d, 'in_copy must be true or false');
  const rows: RegionRow[] = [];
  const reconciliation: ReconciliationRow[] = [];
  // A grouping name (市辖区, 县 …) on a code without a decision would be loaded as a prefecture.
  const groupingNames = new Set(decisions.all().flatMap((d) => (d.set.in_copy && d.set.name ? [d.set.name] : [])));
  const add = (code: string, rawName: string) => {
    const level = regionLevelOf(code);
    if (!level) throw new Error(`region: malformed code ${code}`);
    const name = cleanName(rawName);
    const decision = decisions.take(code);
    if (decision) {
      if (!decision.set.in_copy) throw decisions.refusal(decision, `the copy carries ${code} ${name}: in_copy must be true`);
      if (decision.set.name !== name) throw decisions.refusal(decision, `${code} is ${name} in the copy, not ${decision.set.name}`);
      reconciliation.push(decision.record);
      return;
    }
    if (level === '市' && groupingNames.has(name))
      throw new Error(`region: ${code} ${name} is a grouping, not a division, and has no row in region_decisions.csv`);
    rows.push({ code, name, level, parent_code: regionParentOf(code) ?? null, province_code: regionProvinceOf(code) });
  };
  for (const p of provinces!) add(`${p.code}0000`, p.name!);
  for (const c of cities!) add(`${c.code}00`, c.name!);
  for (const a of areas!) if (countyProvinces.has(a.provinceCode!)) add(a.code!, a.name!);
  // Divisions the copy lacks are recorded after the ones it carries, in file order.
  const carried = new Set([...provinces!.map((p) => `${p.code}0000`), ...cities!.map((c) => `${c.code}00`), ...areas!.map((a) => a.code!)]);
  for (const d of decisions.untaken()) {
    if (carried.has(d.code))
      throw decisions.refusal(d, `${d.code} is in the copy but not among the codes loaded (counties of other provinces)`);
    if (d.set.in_copy) throw decisions.refusal(d, `decision for ${d.code}, which the copy does not have: in_copy must be false`);
    reconciliation.push(d.record);
  }
  return { rows, reconciliation, list };
}

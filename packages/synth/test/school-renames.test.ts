/**
 * The renames of listed schools (`data/listed_school_renames.csv`): every row names a school of MOE's 2017 list by
 * code and 2017 name, and the school list of a year carries the new name and 办学层次 from the change year on, the
 * 2017 ones before it, and every other field of MOE's 2017 row throughout. Expected rows are read from the data files
 * here, not through the generator's loader.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAssumptions } from '../src/assumptions.js';
import { loadReference } from '../src/reference/load-reference.js';
import type { World } from '../src/world/build-world.js';
import type { School } from '../src/world/schools.js';
import { writeSchoolList } from '../src/write/to-schools.js';
import { config, records, type Row } from './edition-files.js';

const a = loadAssumptions();
const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
const renames = records(join(dataDir, 'listed_school_renames.csv'));
const listed = (province: string): Row[] => records(join(dataDir, 'listed_schools_moe2017', `${province}.csv`));
const provinces = [...new Set(renames.map((r) => r.province_code!))].sort();

const tmp = mkdtempSync(join(tmpdir(), 'synth-renames-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the renames file', () => {
  it('covers the provinces the generator ships, with the columns documented', () => {
    expect(provinces).toEqual(['450000', '520000']);
    expect(Object.keys(renames[0]!)).toEqual([
      'province_code',
      'school_code',
      'name_2017',
      'name_current',
      'year',
      'level_current',
      'source',
      'evidence',
    ]);
  });

  it('names, in every row, a school code of the 2017 list with the name that list gives it', () => {
    const problems: string[] = [];
    for (const r of renames) {
      const file = join(dataDir, 'listed_schools_moe2017', `${r.province_code}.csv`);
      if (!existsSync(file)) {
        problems.push(`${r.school_code}: no 2017 list for province ${r.province_code}`);
        continue;
      }
      const row = listed(r.province_code!).find((s) => s.学校标识码 === r.school_code);
      if (row?.学校名称 !== r.name_2017) problems.push(`${r.school_code}: ${r.name_2017} vs 2017 list ${row?.学校名称 ?? '(absent)'}`);
    }
    expect(problems).toEqual([]);
  });

  it('renames each school once, to a new name no other school of its province bears, with a year, a level and a source', () => {
    const problems: string[] = [];
    const codes = renames.map((r) => `${r.province_code}|${r.school_code}`);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of renames) {
      const others = listed(r.province_code!).filter((s) => s.学校标识码 !== r.school_code);
      const clash = [...others.map((s) => s.学校名称), ...renames.filter((x) => x !== r).map((x) => x.name_current)];
      if (!r.name_current || r.name_current === r.name_2017 || clash.includes(r.name_current))
        problems.push(`${r.school_code}: new name ${r.name_current}`);
      const year = Number(r.year);
      // MOE's 2017 list is as of mid-2017; a rename past the forecast horizon could be no fact yet.
      if (!Number.isInteger(year) || year < 2018 || year > a.years.latest + a.years.horizon)
        problems.push(`${r.school_code}: year ${r.year}`);
      const before = listed(r.province_code!).find((s) => s.学校标识码 === r.school_code)?.办学层次;
      if (r.level_current && (!['本科', '专科'].includes(r.level_current) || r.level_current === before))
        problems.push(`${r.school_code}: 办学层次 ${before} → ${r.level_current}`);
      if (!r.source || !r.evidence) problems.push(`${r.school_code}: no source or evidence`);
    }
    expect(problems).toEqual([]);
  });
});

/** The school list a world of the province's listed schools writes for `year` (the writer reads only these fields). */
async function listOf(province: string, year: number): Promise<Map<string, Row>> {
  const ref = await loadReference({ referenceDir: config.referenceDir, provinceCode: province });
  const cityIndex = new Map(ref.cities.map((c, i) => [c.name, i]));
  const schools: School[] = ref.schools
    .filter((s) => cityIndex.has(s.cityName))
    .map((s) => ({
      code: s.code,
      name: s.name,
      catalog: s.level === '本科' ? '本科' : '高职专科',
      city: cityIndex.get(s.cityName)!,
      listed: true,
      private: s.isPrivate,
      authority: s.authority,
      size: 1,
      trend: 0,
    }));
  const world = { axis: { latest: year }, schools, ref } as unknown as World;
  const out = join(tmp, `${province}-${year}`);
  writeSchoolList(world, out);
  return new Map(records(join(out, 'schools', `school_list_${year}.csv`)).map((r) => [r.学校标识码!, r]));
}

describe('the school list of a year', () => {
  for (const province of provinces) {
    it(`carries, for ${province}, each new name and 办学层次 from its year on and MOE's 2017 row before it`, async () => {
      const problems: string[] = [];
      const rows2017 = listed(province);
      const mine = renames.filter((r) => r.province_code === province);
      const years = mine.map((r) => Number(r.year));
      for (let year = Math.min(...years) - 1; year <= Math.max(...years) + 1; year++) {
        const list = await listOf(province, year);
        expect(list.size, `${year}`).toBeGreaterThan(60);
        for (const moe of rows2017) {
          const got = list.get(moe.学校标识码!);
          if (!got) continue;
          const r = mine.find((x) => x.school_code === moe.学校标识码 && Number(x.year) <= year);
          const want = [r?.name_current ?? moe.学校名称, moe.主管部门, moe.所在地, r?.level_current || moe.办学层次, moe.备注];
          const have = [got.学校名称, got.主管部门, got.所在地, got.办学层次, got.备注];
          if (have.join('|') !== want.join('|')) problems.push(`${year} ${moe.学校标识码}: ${have.join('|')} vs ${want.join('|')}`);
        }
        for (const r of mine) {
          const name = list.get(r.school_code!)?.学校名称;
          if (name !== (Number(r.year) <= year ? r.name_current : r.name_2017)) problems.push(`${year} ${r.school_code}: ${name}`);
        }
      }
      expect(problems.slice(0, 10)).toEqual([]);
    });
  }
});

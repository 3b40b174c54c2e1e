import { describe, expect, it } from 'vitest';
import { linkedTables } from '../../test/fixtures/linked-tables.js';
import type { Cell, Publication, RateBand } from '../document/types.js';
import { auditCounts } from './audit.js';
import { auditPublications } from './audit-publications.js';
import { cellKey, CountSystem, rateBandInequalities } from './count-system.js';
import { DisclosedCells } from './disclosed-cells.js';
import { LinkedSystems, type CountCells } from './linked-systems.js';
import { protectCounts } from './protect.js';
import { checkBandWidths, rateBand, selectRateBands } from './rate-bands.js';
import { DEFAULT_RULES, isSensitiveCount } from './rules.js';
import { addTwoWayTable } from './two-way-table.js';

const key = (coords: Record<string, string>) => cellKey('demand', coords);

/** Everything except `withheld` published, as a renderer would. */
function publishedExcept(system: CountCells, withheld: readonly string[]): Map<string, number> {
  return new Map([...system.cells.values()].filter((c) => !withheld.includes(c.key)).map((c) => [c.key, c.value]));
}

/** A 3 × 3 table of vacancies by city and industry with its margins. */
function cityIndustry(): CountSystem {
  const s = new CountSystem({ city: ['450100', '450200', '450300'], industry: ['C', 'F', 'M'] });
  addTwoWayTable(s, 'demand', 'city', 'industry', {
    '450100': { C: 3, F: 40, M: 12 },
    '450200': { C: 20, F: 15, M: 9 },
    '450300': { C: 30, F: 26, M: 25 },
  });
  return s;
}

describe('count system', () => {
  it('derives row, column and grand-total relations of a two-way table, and they hold', () => {
    const s = cityIndustry();
    expect(s.checkAdditivity()).toEqual([]);
    const rels = s.relations();
    // 3 rows + 3 columns + the grand total by rows and by columns.
    expect(rels).toHaveLength(8);
    expect(rels).toContainEqual({
      total: key({ city: '450100' }),
      parts: ['C', 'F', 'M'].map((i) => key({ city: '450100', industry: i })),
    });
    expect(s.cells.get(key({}))!.value).toBe(180);
  });

  it('refuses codes outside the domains and a cell added twice with two values', () => {
    const s = cityIndustry();
    expect(() => s.add('demand', { city: '999999' }, 1)).toThrow(/not a code/);
    expect(() => s.add('demand', { city: '450100' }, 56)).toThrow(/added as 55 and 56/);
    expect(() => s.add('demand', { city: '450100', industry: 'C' }, 2.5)).toThrow(/non-negative integer/);
  });
});

describe('audit by attack (linear programming)', () => {
  it('catches a small count recoverable from the column total when only its row has a complement', async () => {
    const s = cityIndustry();
    // Each row relation of 450100 holds two withheld cells, but the column of industry C holds one.
    const withheld = [key({ city: '450100', industry: 'C' }), key({ city: '450100', industry: 'F' })];
    const audit = await auditCounts(s, publishedExcept(s, withheld));
    const small = audit.intervals.find((i) => i.key === withheld[0])!;
    expect(small).toMatchObject({ lower: 3, upper: 3, value: 3, sensitive: true, protected: false });
    expect(audit.violations.map((v) => v.key)).toContain(withheld[0]);
  });

  it('catches a cell pinned below 5 although no relation holds a lone withheld cell', async () => {
    // A rectangle of four withheld cells, but the complements in the small cell's row and column
    // are small too: the attacker learns 0 ≤ x ≤ 4, i.e. that the cell is a small count.
    const s = new CountSystem({ city: ['a', 'b', 'c'], industry: ['x', 'y', 'z'] });
    addTwoWayTable(s, 'demand', 'city', 'industry', { a: { x: 3, y: 1, z: 30 }, b: { x: 1, y: 20, z: 14 }, c: { x: 22, y: 18, z: 40 } });
    const withheld = [
      key({ city: 'a', industry: 'x' }),
      key({ city: 'a', industry: 'y' }),
      key({ city: 'b', industry: 'x' }),
      key({ city: 'b', industry: 'y' }),
    ];
    for (const r of s.relations()) expect([r.total, ...r.parts].filter((k) => withheld.includes(k)).length).not.toBe(1);
    const audit = await auditCounts(s, publishedExcept(s, withheld));
    const cell = audit.intervals.find((i) => i.key === withheld[0])!;
    expect(cell.lower).toBe(0);
    expect(cell.upper).toBe(4);
    expect(cell.protected).toBe(false);
  });

  it('passes once complementary suppression has run, with every small count covering [1, 5]', async () => {
    const s = cityIndustry();
    const p = await protectCounts(s);
    expect(p.status.get(key({ city: '450100', industry: 'C' }))).toBe('primary');
    expect(p.complementary).toBeGreaterThan(0);
    expect(p.audit.violations).toEqual([]);
    const small = p.audit.intervals.find((i) => i.key === key({ city: '450100', industry: 'C' }))!;
    expect(small.lower).toBeLessThanOrEqual(DEFAULT_RULES.protection.lower);
    expect(small.upper).toBeGreaterThanOrEqual(DEFAULT_RULES.protection.upper);
    expect(small.lower).toBeLessThanOrEqual(small.value);
    expect(small.upper).toBeGreaterThanOrEqual(small.value);
    // No published cell is a count of 1-4 persons.
    for (const [k, st] of p.status) if (st === 'published') expect(isSensitiveCount(s.cells.get(k)!.value)).toBe(false);
  });
});

describe('inequalities of printed bands', () => {
  // One school's majors × (落实, 待就业) with both margins: 待就业 of major A (2 of 40) is withheld with
  // its complement B (9 of 60); the 毕业生数 and the school's 待就业 (11) are printed.
  const school = () => {
    const s = new CountSystem({ major: ['A', 'B'], group: ['placed', 'unemployed'] });
    const cells: [string, string, number][] = [
      ['A', 'placed', 38],
      ['A', 'unemployed', 2],
      ['B', 'placed', 51],
      ['B', 'unemployed', 9],
    ];
    for (const [major, group, n] of cells) s.add('grad', { major, group }, n);
    for (const major of ['A', 'B'])
      s.add(
        'grad',
        { major },
        cells.filter((c) => c[0] === major).reduce((t, c) => t + c[2], 0),
      );
    for (const group of ['placed', 'unemployed'])
      s.add(
        'grad',
        { group },
        cells.filter((c) => c[1] === group).reduce((t, c) => t + c[2], 0),
      );
    s.add('grad', {}, 100);
    return s;
  };
  const withheld = ['A', 'B'].flatMap((major) => ['placed', 'unemployed'].map((group) => cellKey('grad', { major, group })));
  const unemployedA = cellKey('grad', { major: 'A', group: 'unemployed' });
  const banded = (lo: number, hi: number): CountCells => {
    const s = school();
    const bands = rateBandInequalities(unemployedA, cellKey('grad', { major: 'A' }), lo, hi);
    return { cells: s.cells, relations: () => s.relations(), inequalities: () => bands };
  };

  it('lets the attacker recover a withheld 待就业 from a 5-point band of 落实率, and not from a 20-point band', async () => {
    const none = await auditCounts(school(), publishedExcept(school(), withheld));
    expect(none.violations).toEqual([]);
    // A's 落实率 is 95%: the band [95%, 100%] says 待就业 ≤ 2, below the protection range's 5.
    const fine = banded(95, 100);
    const tooFine = await auditCounts(fine, publishedExcept(fine, withheld));
    const round = (v: number) => Math.round(v * 1e6) / 1e6;
    expect(tooFine.violations.map((v) => [v.key, round(v.lower), round(v.upper)])).toEqual([[unemployedA, 0, 2]]);
    // [80%, 100%]: 待就业 ≤ 8, and [1, 5] stays possible.
    const coarse = banded(80, 100);
    const safe = await auditCounts(coarse, publishedExcept(coarse, withheld));
    expect(safe.violations).toEqual([]);
    const a = safe.intervals.find((i) => i.key === unemployedA)!;
    expect([round(a.lower), round(a.upper)]).toEqual([0, 8]);
  });
});

describe('rate bands selected after protection and read back from the documents', () => {
  // A school's majors × (落实, 待就业) with both margins, as the school reports print them: major A has
  // 2 待就业 of 40 (落实率 95%), B 9 of 60, C 4 of 45; the 毕业生数 are printed.
  const school = () => {
    const s = new CountSystem({ major: ['A', 'B', 'C'], group: ['placed', 'unemployed'] });
    addTwoWayTable(s, 'grad', 'major', 'group', {
      A: { placed: 38, unemployed: 2 },
      B: { placed: 51, unemployed: 9 },
      C: { placed: 41, unemployed: 4 },
    });
    return s;
  };
  const u = (major: string) => cellKey('grad', { major, group: 'unemployed' });
  const n = (major: string) => cellKey('grad', { major });
  const candidates = ['A', 'B', 'C'].map((m) => ({ unemployed: u(m), graduates: n(m) }));
  const document = (cells: Record<string, Cell>[]): Publication => ({
    id: 'school',
    title: '某校毕业生就业质量年度报告',
    subtitle: { region: { code: '450100', name: '南宁市' }, year: 2025, issuer: '某校', issued: '2026-12-01' },
    runId: 'r1',
    sections: [
      {
        id: 's',
        title: '毕业去向',
        blocks: [
          {
            kind: 'table',
            id: 'majors',
            caption: '各专业毕业去向',
            columns: [
              { key: 'graduates', header: '毕业生数', unit: '人', format: { kind: 'integer' }, measure: 'count' },
              { key: 'unemployed', header: '待就业', unit: '人', format: { kind: 'integer' }, measure: 'count' },
              { key: 'rate', header: '落实率', unit: '%', format: { kind: 'percent', digits: 1 }, measure: 'share' },
            ],
            rows: cells.map((c, i) => ({ key: String(i), cells: c })),
            source: { model: 'core.graduate_outcome', runId: 'r1' },
          },
        ],
      },
    ],
  });

  it('prints the band of a rate anchored at 100%, the top band closed', () => {
    expect(rateBand(2, 40, 5)).toEqual({ lower: 95, upper: 100 });
    expect(rateBand(3, 40, 5)).toEqual({ lower: 90, upper: 95 });
    expect(rateBand(0, 30, 5)).toEqual({ lower: 95, upper: 100 });
    expect(rateBand(30, 30, 20)).toEqual({ lower: 0, upper: 20 });
    expect(rateBand(9, 60, 10)).toEqual({ lower: 80, upper: 90 });
    expect(() => checkBandWidths([10, 15])).toThrow(/multiple/);
  });

  it('coarsens a leaking band until the audit passes, and the run audit reading the printed bands agrees', async () => {
    const s = school();
    const protection = await protectCounts(s);
    // Protection withholds A's and C's 待就业 (and their complements): every per-major rate is withheld.
    expect(protection.status.get(u('A'))).toBe('primary');
    const selection = await selectRateBands(s, protection.status, candidates, [5, 10, 20]);
    const a = selection.bands.get(u('A'))!;
    // [95%, 100%] gives u ≤ 2 and [90%, 100%] u ≤ 4: only the 20-point band [80%, 100%] leaves [1, 5] possible.
    // The narrower two are left out by arithmetic alone (a band on A's count bounds it by itself).
    expect([a.lower, a.upper]).toEqual([80, 100]);
    expect(selection.rounds).toBe(1);
    // The finest band would leak: the audit reading it back from the document finds the violation.
    const published = [...s.cells.values()].filter((c) => protection.status.get(c.key) === 'published');
    const countCells = published.map((c) => ({ graduates: { value: c.value, ref: c.key } }));
    const printed = (bands: ReadonlyMap<string, RateBand>) =>
      document([...countCells, ...[...bands.values()].map((band) => ({ rate: { band } }))]);
    const finest = new Map([[u('A'), { ...rateBand(2, 40, 5), unemployed: u('A'), graduates: n('A') }]]);
    const leaking = await auditPublications([printed(finest)], s);
    expect(leaking.bands).toBe(1);
    expect(leaking.violations.map((v) => v.key)).toContain(u('A'));
    // The chosen bands pass, and the attacker's interval of A's 待就业 contains [1, 5].
    const audit = await auditPublications([printed(selection.bands)], s);
    expect(audit.bands).toBe(selection.bands.size);
    expect(audit.violations).toEqual([]);
    expect(audit.mismatches).toEqual([]);
    const bounds = audit.intervals.find((i) => i.key === u('A'))!;
    expect(bounds.lower).toBeLessThanOrEqual(1 + 1e-6);
    expect(bounds.upper).toBeGreaterThanOrEqual(5 - 1e-6);
  });

  it('coarsens the band the attack leans on, not the one on the leaking count, and keeps the others', async () => {
    // A: 2 of 100 待就业 (98%), B: 6 of 100 (94%), the school's 待就业 (8) printed. A's own 5-point band
    // [95%, 100%] leaves u ≤ 5, but B's [90%, 95%) says u_B ≥ 5 and so u_A ≤ 3 through the total:
    // the attacker's maximum of u_A leans on B's band, whose 10-point band [90%, 100%] says only
    // u_B ≤ 10. A's band stays at 5 points.
    const s = new CountSystem({ major: ['A', 'B'], group: ['placed', 'unemployed'] });
    addTwoWayTable(s, 'grad', 'major', 'group', { A: { placed: 98, unemployed: 2 }, B: { placed: 94, unemployed: 6 } });
    const protection = await protectCounts(s);
    expect(protection.status.get(u('B'))).toBe('complementary');
    const pair = ['A', 'B'].map((m) => ({ unemployed: u(m), graduates: n(m) }));
    const selection = await selectRateBands(s, protection.status, pair, [5, 10, 20]);
    expect(selection.rounds).toBe(2);
    expect(selection.bands.get(u('A'))).toMatchObject({ lower: 95, upper: 100 });
    expect(selection.bands.get(u('B'))).toMatchObject({ lower: 90, upper: 100 });
    expect(selection.byWidth).toEqual([1, 1, 0]);
    const printed = [...s.cells.values()]
      .filter((c) => protection.status.get(c.key) === 'published')
      .map((c) => ({ graduates: { value: c.value, ref: c.key } }) as Record<string, Cell>);
    const audit = await auditPublications(
      [document([...printed, ...[...selection.bands.values()].map((band) => ({ rate: { band } }) as Record<string, Cell>)])],
      s,
    );
    expect(audit.bands).toBe(2);
    expect(audit.violations).toEqual([]);
    const bounds = audit.intervals.find((i) => i.key === u('A'))!;
    expect([bounds.lower, bounds.upper].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 5]);
  });

  it('names the bands an attacker leans on: the dual of the band that narrows the interval, not of one that does not', async () => {
    // The same school with both 5-point bands printed: u_A's maximum (3) comes from the total 8 and
    // B's lower edge u_B ≥ 5 (B's first inequality); A's own band (u_A ≤ 5) is slack there.
    const s = new CountSystem({ major: ['A', 'B'], group: ['placed', 'unemployed'] });
    addTwoWayTable(s, 'grad', 'major', 'group', { A: { placed: 98, unemployed: 2 }, B: { placed: 94, unemployed: 6 } });
    const protection = await protectCounts(s);
    const inequalities = [...rateBandInequalities(u('A'), n('A'), 95, 100), ...rateBandInequalities(u('B'), n('B'), 90, 95)];
    const published = new Map(
      [...s.cells.values()].filter((c) => protection.status.get(c.key) === 'published').map((c) => [c.key, c.value]),
    );
    const attack = await auditCounts({ cells: s.cells, relations: () => s.relations(), inequalities: () => inequalities }, published, {
      targets: [u('A')],
      blame: true,
    });
    expect(attack.violations.map((v) => [v.key, Math.round(v.upper * 1e6) / 1e6, v.binding])).toEqual([[u('A'), 3, [2]]]);
  });

  it('reports a printed band that does not hold the true rate as a mismatch', async () => {
    const s = school();
    const wrong = document([{ rate: { band: { lower: 90, upper: 95, unemployed: u('A'), graduates: n('A') } } }]);
    const audit = await auditPublications([wrong], s);
    expect(audit.mismatches.map((m) => m.key)).toEqual([u('A')]);
  });
});

describe('tables linked through shared margins', () => {
  /** Vacancies by city × industry and by city × education: both share the city totals and the province total. */
  function linked(): CountSystem {
    const s = new CountSystem({ city: ['a', 'b', 'c'], industry: ['x', 'y'], education: ['u', 'v'] });
    addTwoWayTable(s, 'demand', 'city', 'industry', { a: { x: 2, y: 2 }, b: { x: 30, y: 25 }, c: { x: 41, y: 37 } });
    addTwoWayTable(s, 'demand', 'city', 'education', { a: { u: 1, v: 3 }, b: { u: 28, v: 27 }, c: { u: 50, v: 28 } });
    return s;
  }

  it('finds a city total recoverable across two tables that are each safe alone', async () => {
    const s = linked();
    expect(s.checkAdditivity()).toEqual([]);
    const a = key({ city: 'a' });
    const b = key({ city: 'b' });
    const c = key({ city: 'c' });
    // Per-table protection could withhold city a (4 persons) with city b in the first table and
    // with city c in the second: each table alone leaves a within [0, 59] or [0, 82].
    const interiorA = ['x', 'y'].map((i) => key({ city: 'a', industry: i }));
    const eduA = ['u', 'v'].map((e) => key({ city: 'a', education: e }));
    const tableOne = new CountSystem({ city: ['a', 'b', 'c'], industry: ['x', 'y'] });
    addTwoWayTable(tableOne, 'demand', 'city', 'industry', { a: { x: 2, y: 2 }, b: { x: 30, y: 25 }, c: { x: 41, y: 37 } });
    const oneWithheld = [a, b, ...interiorA, ...['x', 'y'].map((i) => key({ city: 'b', industry: i }))];
    const alone = await auditCounts(tableOne, publishedExcept(tableOne, oneWithheld));
    expect(alone.violations).toEqual([]);
    // Published together, the first table gives c and the second gives b: a = total − b − c.
    const published = publishedExcept(s, [a, ...interiorA, ...eduA, b, c]);
    published.set(c, s.cells.get(c)!.value);
    published.set(b, s.cells.get(b)!.value);
    const joint = await auditCounts(s, published, { targets: [a] });
    expect(joint.intervals[0]).toMatchObject({ key: a, lower: 4, upper: 4, protected: false });
  });

  it('protects both tables together: every shared margin has one status and the joint audit passes', async () => {
    const s = linked();
    const p = await protectCounts(s);
    expect(p.audit.violations).toEqual([]);
    expect(p.status.get(key({ city: 'a' }))).toBe('primary');
    for (const [k, st] of p.status) if (st === 'published') expect(isSensitiveCount(s.cells.get(k)!.value)).toBe(false);
    // The margin of city a is withheld in both tables because it is one cell.
    const cells = new DisclosedCells(s, p);
    expect(cells.count('demand', { city: 'a' })).toEqual({ withheld: 'small-count', ref: key({ city: 'a' }) });
  });

  it('follows a hierarchy inside a dimension (a city and its districts)', async () => {
    const s = new CountSystem({ region: ['450100', '450200'], industry: ['x', 'y'] }, { region: { '450100': ['450102', '450103'] } });
    addTwoWayTable(s, 'demand', 'region', 'industry', { '450100': { x: 40, y: 33 }, '450200': { x: 25, y: 31 } });
    s.add('demand', { region: '450102', industry: 'x' }, 3);
    s.add('demand', { region: '450102', industry: 'y' }, 17);
    s.add('demand', { region: '450102' }, 20);
    s.add('demand', { region: '450103', industry: 'x' }, 37);
    s.add('demand', { region: '450103', industry: 'y' }, 16);
    s.add('demand', { region: '450103' }, 53);
    expect(s.checkAdditivity()).toEqual([]);
    expect(s.relations()).toContainEqual({
      total: key({ region: '450100', industry: 'x' }),
      parts: [key({ region: '450102', industry: 'x' }), key({ region: '450103', industry: 'x' })],
    });
    const p = await protectCounts(s);
    expect(p.audit.violations).toEqual([]);
    expect(p.status.get(key({ region: '450102', industry: 'x' }))).toBe('primary');
  });
});

describe('derived cells', () => {
  it('withholds shares of withheld counts, shares on small denominators and means of small groups', async () => {
    const s = new CountSystem({ education: ['a', 'b', 'c'] });
    s.add('n', { education: 'a' }, 3);
    s.add('n', { education: 'b' }, 15);
    s.add('n', { education: 'c' }, 40);
    s.add('n', {}, 58);
    const p = await protectCounts(s);
    const cells = new DisclosedCells(s, p);
    expect(cells.share(['n', { education: 'a' }], ['n', {}])).toEqual({ withheld: 'derived' });
    // The complement of 3 is the smaller of the others, 15: its share would give it back.
    expect(p.status.get(cellKey('n', { education: 'b' }))).toBe('complementary');
    expect(cells.share(['n', { education: 'b' }], ['n', {}])).toEqual({ withheld: 'derived' });
    expect(cells.share(['n', { education: 'c' }], ['n', {}])).toBe(68.97);
    const small = new CountSystem({ g: ['a', 'b'] });
    small.add('n', { g: 'a' }, 12);
    small.add('n', { g: 'b' }, 10);
    small.add('n', {}, 22);
    const q = new DisclosedCells(small, await protectCounts(small));
    expect(q.share(['n', { g: 'a' }], ['n', {}])).toEqual({ withheld: 'small-denominator' });
    expect(q.mean(4312.5, 7)).toEqual({ withheld: 'small-group' });
    expect(q.mean(4312.5, 8)).toBe(4313);
  });
});

describe('a run-sized system', () => {
  it('protects 5 education levels × 14 cities × 20 industries with all margins: nothing under 5 published, audit passes', async () => {
    const s = linkedTables();
    expect(s.checkAdditivity()).toEqual([]);
    const p = await protectCounts(s);
    expect(p.primary).toBeGreaterThan(50);
    expect(p.audit.violations).toEqual([]);
    for (const [k, st] of p.status) if (st === 'published') expect(isSensitiveCount(s.cells.get(k)!.value)).toBe(false);
  });
});

describe('systems linked across reports', () => {
  /**
   * A region prints each school's total and the region's count of one 去向 (x); each school prints
   * its own x and y, adding up to its total. The region's x is the sum of the schools' x: a link
   * that runs through no cell the two reports share.
   */
  function region(): { linked: LinkedSystems; regionSystem: CountSystem; schools: CountSystem[] } {
    // The region holds no cell of y, so no relation over the 去向 is derived in its system.
    const regionSystem = new CountSystem({ school: ['a', 'b'], dest: ['x', 'y'] });
    regionSystem.add('grad', { school: 'a' }, 40);
    regionSystem.add('grad', { school: 'b' }, 60);
    regionSystem.add('grad', {}, 100);
    regionSystem.add('grad', { dest: 'x' }, 10);
    const schools = (['a', 'b'] as const).map((code, i) => {
      const s = new CountSystem({ school: [code], dest: ['x', 'y'] });
      const x = i === 0 ? 3 : 7;
      s.add('grad', { school: code }, i === 0 ? 40 : 60);
      s.add('grad', { school: code, dest: 'x' }, x);
      s.add('grad', { school: code, dest: 'y' }, (i === 0 ? 40 : 60) - x);
      return s;
    });
    const linked = new LinkedSystems(
      [regionSystem, ...schools],
      [{ total: cellKey('grad', { dest: 'x' }), parts: ['a', 'b'].map((c) => cellKey('grad', { school: c, dest: 'x' })) }],
    );
    return { linked, regionSystem, schools };
  }
  const ax = cellKey('grad', { school: 'a', dest: 'x' });
  const ay = cellKey('grad', { school: 'a', dest: 'y' });

  it('joins the systems, sharing the cells both print, and refuses a linking cell with two values', () => {
    const { linked } = region();
    expect(linked.checkAdditivity()).toEqual([]);
    // grad|school=a is one cell of the region's system and of school a's.
    expect([...linked.cells.keys()].filter((k) => k === cellKey('grad', { school: 'a' }))).toHaveLength(1);
    const other = new CountSystem({ school: ['a'] });
    other.add('grad', { school: 'a' }, 41);
    expect(() => new LinkedSystems([region().regionSystem, other])).toThrow(/40 in one system and 41/);
  });

  it("catches a school's small count that its own table protects but the region's sum over schools gives away", async () => {
    const { linked, schools } = region();
    // School a withholds x = 3 and its complement y: safe within the school's own system …
    const alone = await auditCounts(schools[0]!, publishedExcept(schools[0]!, [ax, ay]));
    expect(alone.violations).toEqual([]);
    // … but the region prints x = 10 and school b prints its x = 7, so a's x is 10 − 7 = 3.
    const published = new Map([...linked.cells.values()].filter((c) => c.key !== ax && c.key !== ay).map((c) => [c.key, c.value]));
    const joint = await auditCounts(linked, published);
    expect(joint.violations.map((v) => [v.key, v.lower, v.upper])).toEqual([[ax, 3, 3]]);
  });

  it("protects the schools after the region with the region's statuses decided: the complement is a school cell", async () => {
    const { linked, regionSystem } = region();
    const first = await protectCounts(regionSystem);
    const p = await protectCounts(linked, DEFAULT_RULES, { decided: first.status });
    expect(p.status.get(ax)).toBe('primary');
    // School b's x is withheld rather than the region's x, which stays as the region's protection left it.
    expect(p.status.get(cellKey('grad', { school: 'b', dest: 'x' }))).toBe('complementary');
    for (const [k, st] of first.status) expect(p.status.get(k)).toBe(st);
    const published = new Map([...linked.cells.values()].filter((c) => p.status.get(c.key) === 'published').map((c) => [c.key, c.value]));
    expect((await auditCounts(linked, published)).violations).toEqual([]);
  });
});

describe('witness points', () => {
  it('judge every cell of a large table as the per-cell LPs do', async () => {
    // 12 × 10 cells, a fifth of them small: enough targets in one group for witnesses.
    const rows = Array.from({ length: 12 }, (_, i) => `r${i}`);
    const cols = Array.from({ length: 10 }, (_, j) => `c${j}`);
    const s = new CountSystem({ city: rows, industry: cols });
    const values: Record<string, Record<string, number>> = {};
    rows.forEach(
      (r, i) => (values[r] = Object.fromEntries(cols.map((c, j) => [c, (i + 2 * j) % 5 === 0 ? 1 + ((i + j) % 2) : 6 + ((i * j) % 30)]))),
    );
    addTwoWayTable(s, 'demand', 'city', 'industry', values);
    const small = [...s.cells.values()].filter((c) => isSensitiveCount(c.value)).map((c) => c.key);
    expect(small.length).toBeGreaterThan(20);
    // Protected, then every third complement printed after all: some small cells become recoverable.
    const p = await protectCounts(s);
    const complements = [...p.status].filter(([, st]) => st === 'complementary').map(([k]) => k);
    const withheld = [...small, ...complements.filter((_, i) => i % 3 !== 0)];
    const published = publishedExcept(s, withheld);
    const fast = await auditCounts(s, published, { targets: small });
    const exact = await auditCounts(s, published, { targets: small, exact: true });
    expect(fast.lpSolved).toBeLessThan(exact.lpSolved);
    expect(fast.intervals.map((i) => [i.key, i.protected])).toEqual(exact.intervals.map((i) => [i.key, i.protected]));
    expect(exact.violations.length).toBeGreaterThan(0);
    expect(exact.violations.length).toBeLessThan(small.length);
    // A witnessed side lies inside the exact interval.
    for (const [i, f] of fast.intervals.entries()) {
      expect(f.lower).toBeGreaterThanOrEqual(exact.intervals[i]!.lower - 1e-6);
      expect(f.upper).toBeLessThanOrEqual(exact.intervals[i]!.upper + 1e-6);
    }
  });
});

import type { CodeEntry, CodeTree } from '../taxonomy/code-tree.js';
import { majorKey, type NamedOccupation } from './major-inputs.js';
import { SimilarityIndex, commonnessAmong, type Match } from './text-similarity.js';
import { terms, type BagOfTerms } from './word-terms.js';

/** One row of `major_occupation.csv`. */
export interface MajorOccupationRow {
  catalog: string;
  major_code: string;
  occupation_code: string;
  weight: number;
  method: string;
  note: string;
}

/** One row of `occupation_industry.csv`. */
export interface OccupationIndustryRow {
  occupation_code: string;
  industry_code: string;
  share: number;
  method: string;
  note: string;
}

/** Tuning of the name matching; the defaults are what the shipped files were built with. */
export interface DeriveOptions {
  /** A best match below this cosine is no match at all. */
  minScore: number;
  /** Matches scoring at least this fraction of the best one are kept too. */
  keepRatio: number;
  /** At most this many targets per source row. */
  maxTargets: number;
  /**
   * A match must share at least one term found in no more than this fraction of the indexed
   * names, nor of the names being matched: 加工, 制造 or 服务 alone never make two names related,
   * and neither do 技术 or 专业, rare among industry names but the generic tail of hundreds of
   * occupation names (工程技术人员, 专业人员).
   */
  maxCommonness: number;
}

export const DEFAULT_DERIVE_OPTIONS: DeriveOptions = { minScore: 0.3, keepRatio: 0.6, maxTargets: 3, maxCommonness: 0.03 };

/** The key under which the occupation scope file lists the sections of a cross-industry occupation. */
export const CROSS_INDUSTRY = '*';

/**
 * Whether a 大典 entry is an occupation (职业) that crosswalks map: the `is_occupation` flag of
 * the code list where present (a 小类 without 细类, such as 律师, is itself an occupation), else
 * level 细类.
 */
export function isOccupation(e: CodeEntry): boolean {
  return e.row.is_occupation !== undefined ? e.row.is_occupation === 'true' : e.level === '细类';
}

/** The name an occupation goes by (`occupation_name` where the list gives one, e.g. 律师). */
export function occupationName(e: CodeEntry): string {
  return e.row.occupation_name || e.name;
}

/**
 * Rounds weights to 6 decimals so that they still sum to exactly 1: the rounding residue goes to
 * the largest weight.
 */
export function normalizeWeights(raw: number[]): number[] {
  const total = raw.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new Error('cannot normalise weights that sum to zero');
  const w = raw.map((x) => Math.round((x / total) * 1e6) / 1e6);
  const residue = Math.round((1 - w.reduce((a, b) => a + b, 0)) * 1e6) / 1e6;
  const top = w.indexOf(Math.max(...w));
  w[top] = Math.round((w[top]! + residue) * 1e6) / 1e6;
  return w;
}

/**
 * Keeps the best matches, if the best is good enough. A match counts only when one of the terms
 * it shares is distinctive among both the targets and the sources (`sourceCommonness`) and is
 * found in `own`, the source's own name: the family name added to the query may rank candidates,
 * but never creates a match on its own.
 */
function pick(
  index: SimilarityIndex,
  matches: Match[],
  own: BagOfTerms,
  sourceCommonness: (term: string) => number,
  o: DeriveOptions,
): Match[] {
  const distinctive = (t: string) => own.has(t) && index.commonness(t) <= o.maxCommonness && sourceCommonness(t) <= o.maxCommonness;
  const informative = matches.filter((m) => m.shared.some(distinctive));
  const best = informative[0];
  if (!best || best.score < o.minScore) return [];
  return closest(informative, o);
}

/** The matches, best first, that score at least `keepRatio` of the best one, at most `maxTargets`. */
function closest(matches: Match[], o: DeriveOptions): Match[] {
  const best = matches[0];
  return best ? matches.filter((m) => m.score >= best.score * o.keepRatio).slice(0, o.maxTargets) : [];
}

/** Whether a code lies under (or is) one of `scope` in `tree`: the filter of a search kept inside a field. */
const within = (tree: CodeTree, scope: readonly string[]) => (code: string) => scope.some((s) => tree.contains(s, code));

const describe = (m: Match) => `${m.code} score ${m.score.toFixed(2)} on ${m.shared.slice(0, 3).join('/')}`;

/**
 * Splits every occupation (see {@link isOccupation}) across industries. The occupation's family (its nearest ancestor
 * listed in `scopes`, the 大典's 中类 mostly, whose names mirror GB/T 4754 divisions) fixes the
 * industries it may fall in; inside that scope the 细类 and 小类 names are matched against
 * industry 小类 names, and the best matches share the occupation in proportion to their score.
 * Without a match the occupation is split evenly over its scope (`family_scope`), and a family
 * scoped `*` is split evenly over the sections listed under `*` (`cross_industry`).
 */
export function deriveOccupationIndustry(
  occupation: CodeTree,
  industry: CodeTree,
  scopes: ReadonlyMap<string, string[]>,
  options: DeriveOptions = DEFAULT_DERIVE_OPTIONS,
): OccupationIndustryRow[] {
  const crossSections = scopes.get(CROSS_INDUSTRY);
  if (!crossSections?.length)
    throw new Error(`the scope file must list the sections of cross-industry occupations under ${CROSS_INDUSTRY}`);
  const leaves = [...industry.entries.values()].filter((e) => e.level === '小类');
  const index = new SimilarityIndex(leaves.map((e) => ({ code: e.code, bag: terms(e.name) })));
  const occupations = [...occupation.entries.values()].filter(isOccupation);
  const sourceCommonness = commonnessAmong(occupations.map((o) => terms(occupationName(o))));
  const rows: OccupationIndustryRow[] = [];
  for (const occ of occupations) {
    const family = occupationFamilies(occupation, occ.code).find((c) => scopes.has(c));
    const scope = family ? scopes.get(family)! : [CROSS_INDUSTRY];
    const cross = scope.includes(CROSS_INDUSTRY);
    const name = occupationName(occ);
    const query = terms(name);
    const parent = occ.parentCode ? occupation.get(occ.parentCode) : undefined;
    if (parent && parent.level === '小类') terms(parent.name, 0.5, query);
    const inScope = cross ? undefined : within(industry, scope);
    const found = pick(index, index.search(query, inScope), terms(name), sourceCommonness, options);
    if (found.length) {
      const shares = normalizeWeights(found.map((m) => m.score));
      found.forEach((m, i) =>
        rows.push({
          occupation_code: occ.code,
          industry_code: m.code,
          share: shares[i]!,
          method: 'name_similarity',
          note: `${name} ~ ${industry.get(m.code)?.name}: ${describe(m)}; family ${family ?? 'none'}`,
        }),
      );
      continue;
    }
    const targets = cross ? crossSections : scope;
    const shares = normalizeWeights(targets.map(() => 1));
    targets.forEach((code, i) =>
      rows.push({
        occupation_code: occ.code,
        industry_code: code,
        share: shares[i]!,
        method: cross ? 'cross_industry' : 'family_scope',
        note: cross
          ? `${name}: no industry named by the occupation or its family; spread evenly over sections`
          : `${name}: no closer match; spread evenly over the scope of family ${family}`,
      }),
    );
  }
  return rows;
}

/**
 * The occupation's ancestors, nearest first, followed by the 中类 and 大类 its code spells
 * (X-YY-00-00, X-00-00-00) in case a copy of the 大典 lacks an intermediate 小类 row.
 */
function occupationFamilies(occupation: CodeTree, code: string): string[] {
  const [major, middle] = code.split('-');
  return [...new Set([...occupation.ancestorsOrSelf(code), `${major}-${middle}-00-00`, `${major}-00-00-00`])];
}

/**
 * What the major → occupation crosswalk reads beside the code lists, keyed by {@link majorKey}: the
 * occupations each vocational major's 职业面向 names, and the occupations each 专业类's graduates can
 * work in, inside which names are matched.
 */
export interface MajorInputs {
  orientation?: ReadonlyMap<string, NamedOccupation[]>;
  classScopes?: ReadonlyMap<string, string[]>;
}

/** A major catalog as read from `datasets/reference/major/*.csv` (one catalog per tree). */
export interface CatalogMajors {
  catalog: string;
  majors: CodeTree;
}

/**
 * Gives every major (level 专业) of every catalog a weighted list of occupations. A major whose
 * 职业面向 names occupations (`orientation`, from the 专业简介) takes them, each named item an equal
 * share (`orientation`); a named group that is no occupation (电力、热力生产和供应人员, a 小类; 护士, read
 * as 护理人员) shares its part among its occupations by the major's name, or evenly where no name of the
 * group matches (`orientation_group`). A major without one borrows the 职业面向 of the vocational major of
 * its name (`namesake`, `namesake_group`; see namesakeOrientation). Any other major's name, helped by its 专业类 name at half weight, is
 * matched against the names of the occupations its 专业类's scope holds (helped by their 小类 names), so
 * that one shared word of another field (经济 of 经济昆虫养殖员) makes no match; the best matches share the
 * major in proportion to their score (`name_similarity`). A major without either takes the average
 * distribution of the matched majors of its 专业类 (`sibling_majors`), or failing that of its 专业大类
 * (`family_majors`).
 */
export function deriveMajorOccupation(
  catalogs: CatalogMajors[],
  occupation: CodeTree,
  inputs: MajorInputs = {},
  options: DeriveOptions = { ...DEFAULT_DERIVE_OPTIONS, maxTargets: 5 },
): MajorOccupationRow[] {
  const orientation = inputs.orientation ?? new Map<string, NamedOccupation[]>();
  const classScopes = inputs.classScopes ?? new Map<string, string[]>();
  const leaves = [...occupation.entries.values()].filter(isOccupation);
  const index = new SimilarityIndex(
    leaves.map((e) => {
      const bag = terms(occupationName(e));
      const parent = e.parentCode ? occupation.get(e.parentCode) : undefined;
      if (parent && parent.level === '小类') terms(parent.name, 0.3, bag);
      return { code: e.code, bag };
    }),
  );
  const sourceCommonness = commonnessAmong(
    catalogs.flatMap(({ majors }) => [...majors.entries.values()].filter((e) => e.level === '专业').map((e) => terms(e.name))),
  );
  const namesakes = namesakeOrientation(catalogs, orientation);
  const rows: MajorOccupationRow[] = [];
  for (const { catalog, majors } of catalogs) {
    const matched = new Map<string, Map<string, number>>();
    const pending: string[] = [];
    for (const m of [...majors.entries.values()].filter((e) => e.level === '专业')) {
      const query = terms(m.name);
      const cls = m.parentCode ? majors.get(m.parentCode) : undefined;
      if (cls) terms(cls.name.replace(/类$/u, ''), 0.5, query);
      const own = orientation.get(majorKey(catalog, m.code));
      const namesake = own?.length ? undefined : (namesakes.get(m.name) ?? namesakes.get(m.name.replace(/学$/u, '')));
      const named = own?.length ? own : namesake?.named;
      if (named?.length) {
        const oriented = orientedRows(catalog, m, named, query, index, leaves, occupation, options, namesake?.of);
        matched.set(m.code, new Map(oriented.map((r) => [r.occupation_code, r.weight])));
        rows.push(...oriented);
        continue;
      }
      const scope = m.parentCode ? classScopes.get(majorKey(catalog, m.parentCode)) : undefined;
      const inScope = scope ? within(occupation, scope) : undefined;
      const found = pick(index, index.search(query, inScope), terms(m.name), sourceCommonness, options);
      if (!found.length) {
        pending.push(m.code);
        continue;
      }
      const weights = normalizeWeights(found.map((f) => f.score));
      matched.set(m.code, new Map(found.map((f, i) => [f.code, weights[i]!])));
      found.forEach((f, i) =>
        rows.push({
          catalog,
          major_code: m.code,
          occupation_code: f.code,
          weight: weights[i]!,
          method: 'name_similarity',
          note: `${m.name} ~ ${occupationName(occupation.get(f.code)!)}: ${describe(f)}`,
        }),
      );
    }
    for (const code of pending) {
      const chain = majors.ancestorsOrSelf(code).slice(1);
      let done = false;
      for (const [depth, ancestor] of chain.entries()) {
        const siblings = [...matched].filter(([c]) => majors.ancestorsOrSelf(c).includes(ancestor));
        if (!siblings.length) continue;
        const sum = new Map<string, number>();
        for (const [, dist] of siblings) for (const [occ, w] of dist) sum.set(occ, (sum.get(occ) ?? 0) + w);
        const top = [...sum].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, options.maxTargets);
        const weights = normalizeWeights(top.map(([, w]) => w));
        const method = depth === 0 ? 'sibling_majors' : 'family_majors';
        top.forEach(([occ], i) =>
          rows.push({
            catalog,
            major_code: code,
            occupation_code: occ,
            weight: weights[i]!,
            method,
            note: `${majors.get(code)?.name}: no occupation name matches; average of ${siblings.length} matched majors under ${ancestor} ${majors.get(ancestor)?.name}`,
          }),
        );
        done = true;
        break;
      }
      if (!done) throw new Error(`${catalog} major ${code}: no match and no matched major in its families`);
    }
  }
  return rows;
}

/**
 * The rows of a major whose 职业面向 names occupations: each named item an equal share, a named
 * group's share spread over its occupations by the major's name (the closest, as name matching
 * keeps them) or evenly; an occupation reached twice keeps the sum.
 */
function orientedRows(
  catalog: string,
  major: CodeEntry,
  named: NamedOccupation[],
  query: BagOfTerms,
  index: SimilarityIndex,
  leaves: CodeEntry[],
  occupation: CodeTree,
  o: DeriveOptions,
  namesakeOf?: string,
): MajorOccupationRow[] {
  const share = 1 / named.length;
  const raw = new Map<string, { weight: number; method: string; notes: string[] }>();
  const add = (code: string, weight: number, method: string, note: string) => {
    const r = raw.get(code) ?? { weight: 0, method, notes: [] };
    r.weight += weight;
    r.notes.push(note);
    raw.set(code, r);
  };
  for (const { named: name, code } of named) {
    const entry = occupation.get(code)!;
    if (isOccupation(entry)) {
      add(code, share, namesakeOf ? 'namesake' : 'orientation', `${name} (${code})`);
      continue;
    }
    const inGroup = within(occupation, [code]);
    const kept = closest(index.search(query, inGroup), o);
    const members = kept.length
      ? kept.map((x) => ({ code: x.code, w: x.score }))
      : leaves.filter((e) => inGroup(e.code)).map((e) => ({ code: e.code, w: 1 }));
    const total = members.reduce((a, x) => a + x.w, 0);
    if (!(total > 0)) throw new Error(`${catalog} major ${major.code}: 职业面向 names ${name} (${code}), a group without occupations`);
    for (const x of members)
      add(
        x.code,
        (share * x.w) / total,
        namesakeOf ? 'namesake_group' : 'orientation_group',
        `${name} (${code} ${entry.name}) ${kept.length ? 'by name' : 'evenly'}`,
      );
  }
  const entries = [...raw];
  const weights = normalizeWeights(entries.map(([, r]) => r.weight));
  return entries.map(([code, r], i) => ({
    catalog,
    major_code: major.code,
    occupation_code: code,
    weight: weights[i]!,
    method: r.method,
    note: `${major.name}: 职业面向${namesakeOf ? ` of ${namesakeOf}` : ''} ${r.notes.join('; ')} → ${occupationName(occupation.get(code)!)}`,
  }));
}

/**
 * The 职业面向 a major without one of its own borrows, by name: that of the vocational major of the same
 * name (学前教育, 临床医学), or of its name without a closing 学 (护理学 → 护理), the most advanced catalog
 * first (职业本科, 高职专科, 中职). The 简介 describes the field and the occupations it leads to, which a
 * 本科 major of that name shares; its level is not in the 大典's codes.
 */
function namesakeOrientation(
  catalogs: CatalogMajors[],
  orientation: ReadonlyMap<string, NamedOccupation[]>,
): Map<string, { named: NamedOccupation[]; of: string }> {
  const out = new Map<string, { named: NamedOccupation[]; of: string }>();
  for (const catalog of NAMESAKE_CATALOGS)
    for (const { majors } of catalogs.filter((c) => c.catalog === catalog))
      for (const m of majors.entries.values()) {
        const named = orientation.get(majorKey(catalog, m.code));
        if (named?.length && !out.has(m.name)) out.set(m.name, { named, of: `${catalog} ${m.code} ${m.name}` });
      }
  return out;
}

/** Catalogs whose 职业面向 a same-named major borrows, the most advanced first. */
const NAMESAKE_CATALOGS = ['职业本科', '高职专科', '中职'];

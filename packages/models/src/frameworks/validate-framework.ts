import type { CodeTree } from '../taxonomy/code-tree.js';
import type { Framework } from './framework-schema.js';

/** One reason a framework file is not acceptable, located precisely enough to fix it. */
export interface FrameworkIssue {
  framework: string;
  /** JSON path inside the file, e.g. `groups[2].industry_codes[1]`. */
  path: string;
  message: string;
}

/** The code lists a framework is checked against. */
export interface FrameworkCodeLists {
  industry: CodeTree;
  /** GB/T 2260 divisions; city codes are only checked when given. */
  region?: CodeTree;
}

/**
 * Drops every code that lies inside another code of the same set, so that `['36', '3612']`
 * and `['36']` compare equal, then sorts.
 */
export function canonicalCodes(codes: Iterable<string>, industry: CodeTree): string[] {
  const set = [...new Set(codes)];
  return set.filter((c) => !set.some((o) => o !== c && industry.contains(o, c))).sort();
}

/**
 * The codes two code sets share, at the more precise level of each pair involved: `['36']` and
 * `['3612', '3841']` share `['3612']`.
 */
export function sharedCodes(a: readonly string[], b: readonly string[], industry: CodeTree): string[] {
  const shared: string[] = [];
  for (const x of a) {
    for (const y of b) {
      if (industry.contains(x, y)) shared.push(y);
      else if (industry.contains(y, x)) shared.push(x);
    }
  }
  return canonicalCodes(shared, industry);
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Checks a parsed framework against the code lists: every code exists, no group repeats or nests
 * its own codes, the group count is the one the text announces, city codes are prefecture cities,
 * and every intersection between two groups is declared in `overlaps` with exactly the codes the
 * groups imply (a stale declaration is as wrong as a missing one).
 * @returns every issue found (empty when the framework is valid).
 */
export function validateFramework(fw: Framework, lists: FrameworkCodeLists): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  const add = (path: string, message: string) => issues.push({ framework: fw.framework, path, message });
  const { industry, region } = lists;

  if (fw.groups.length !== fw.expected_group_count) {
    add('groups', `${fw.groups.length} groups, but the source text announces ${fw.expected_group_count}`);
  }
  if (region && !region.get(fw.region_code)) add('region_code', `unknown GB/T 2260 code ${fw.region_code}`);

  const seen = new Set<string>();
  fw.groups.forEach((g, gi) => {
    const at = `groups[${gi}]`;
    if (seen.has(g.group_code)) add(`${at}.group_code`, `group_code ${g.group_code} is used twice`);
    seen.add(g.group_code);
    g.industry_codes.forEach((code, ci) => {
      if (!industry.get(code)) add(`${at}.industry_codes[${ci}]`, `${g.group_code}: industry code ${code} is not in ${industry.file}`);
      if (g.industry_codes.indexOf(code) !== ci)
        add(`${at}.industry_codes[${ci}]`, `${g.group_code}: industry code ${code} is listed twice`);
      const outer = g.industry_codes.find((o) => o !== code && industry.get(o) && industry.contains(o, code));
      if (outer)
        add(`${at}.industry_codes[${ci}]`, `${g.group_code}: industry code ${code} already lies inside ${outer} of the same group`);
    });
    if (g.city_code !== undefined && region) {
      const city = region.get(g.city_code);
      if (!city) add(`${at}.city_code`, `${g.group_code}: unknown GB/T 2260 code ${g.city_code}`);
      else if (city.level !== '市')
        add(`${at}.city_code`, `${g.group_code}: ${g.city_code} ${city.name} is a ${city.level}, not a prefecture city`);
    }
  });

  const byCode = new Map(fw.groups.map((g) => [g.group_code, g]));
  const known = (c: string) => industry.get(c) !== undefined;
  const declared = new Map<string, { index: number; codes: string[] }>();
  fw.overlaps.forEach((o, oi) => {
    const at = `overlaps[${oi}]`;
    const [a, b] = o.groups;
    if (a === b) add(`${at}.groups`, `an overlap needs two different groups, got ${a} twice`);
    for (const g of o.groups) if (!byCode.has(g)) add(`${at}.groups`, `unknown group_code ${g}`);
    const key = pairKey(a, b);
    if (declared.has(key)) add(`${at}.groups`, `overlap ${a} / ${b} is declared twice`);
    declared.set(key, { index: oi, codes: canonicalCodes(o.industry_codes.filter(known), industry) });
  });

  for (let i = 0; i < fw.groups.length; i++) {
    for (let j = i + 1; j < fw.groups.length; j++) {
      const a = fw.groups[i]!;
      const b = fw.groups[j]!;
      const actual = sharedCodes(a.industry_codes.filter(known), b.industry_codes.filter(known), industry);
      const key = pairKey(a.group_code, b.group_code);
      const decl = declared.get(key);
      declared.delete(key);
      if (!decl) {
        if (actual.length) add('overlaps', `undeclared overlap between ${a.group_code} and ${b.group_code}: ${actual.join(', ')}`);
        continue;
      }
      if (!actual.length) add(`overlaps[${decl.index}]`, `${a.group_code} and ${b.group_code} share no code, yet an overlap is declared`);
      else if (decl.codes.join(',') !== actual.join(',')) {
        add(
          `overlaps[${decl.index}].industry_codes`,
          `${a.group_code} / ${b.group_code} share ${actual.join(', ')}, but the declaration lists ${decl.codes.join(', ')}`,
        );
      }
    }
  }
  return issues;
}

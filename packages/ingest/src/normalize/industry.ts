/**
 * Company industry text → GB/T 4754-2017 code through the platform dictionary
 * `datasets/dictionaries/industry_platform_gbt4754.csv`. Cells arrive glued with funding stage and
 * size (`互联网A轮1000-9999人`), behind ownership and size (`民营公司| 500-1000人| 教育/培训/院校
 * 计算机软件`), or replaced by a funding stage altogether (liepin's `轮`, `未融资`).
 */
import { loadIndustries, readDictionary } from './reference-lists.js';
import { memoize, toHalfWidth, unwrapListLiteral } from './text.js';

/** The industry found in a company cell. */
export interface IndustryMatch {
  /** GB/T 4754-2017 code (门类 letter or 2–4 digits), null when unknown. */
  code: string | null;
  /** Dictionary term that matched. */
  term: string | null;
  matched: boolean;
  reason?: 'blank' | 'funding-or-size-only' | 'no-match';
}

/** One dictionary row: platform industry name → GB/T 4754 code. */
export interface IndustryTerm {
  term: string;
  code: string;
}

const PAREN = /\([^()]*\)/g;
const FUNDING = /(天使轮|pre-?a\+?轮|[a-d]\+?轮(及以上)?|战略融资|未融资|不需要融资|已上市|上市公司|上市|轮)/gi;
const SIZE = /(少于|小于)?\d+(-\d+)?人(以上|以下)?/g;
const OWNERSHIP =
  /^(民营公司|民营|国企|国有企业|外资|外资\(欧美\)|外资\(非欧美\)|合资|股份制企业|外商独资|事业单位|政府机关|创业公司|代表处|港澳台公司|上市公司|其它|其他)$/;

function clean(text: string): string {
  return toHalfWidth(unwrapListLiteral(text)).replace(/（/g, '(').replace(/）/g, ')');
}

/**
 * Builds the matcher from dictionary rows, refusing codes absent from the GB/T 4754 list so that a
 * typo in the dictionary fails the first test rather than a report.
 */
export function buildIndustryMatcher(
  terms: IndustryTerm[] = loadIndustryDictionary(),
  knownCodes: ReadonlySet<string> = new Set(loadIndustries().map((i) => i.code)),
): (text: string) => IndustryMatch {
  const byFirst = new Map<string, IndustryTerm[]>();
  for (const t of terms) {
    if (!knownCodes.has(t.code)) throw new Error(`industry dictionary: ${t.term} → ${t.code} is not a GB/T 4754-2017 code`);
    const key = t.term.replace(PAREN, '').replace(/\s+/g, '');
    const entry = { term: key, code: t.code };
    const list = byFirst.get(key[0]!);
    if (list) list.push(entry);
    else byFirst.set(key[0]!, [entry]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.term.length - a.term.length);

  return memoize((raw: string): IndustryMatch => {
    const text = clean(raw);
    const fields = text
      .split('|')
      .map((f) => f.trim())
      .filter((f) => f !== '' && !OWNERSHIP.test(f) && f.replace(SIZE, '').trim() !== '');
    const body = fields.join(' ').replace(PAREN, '').replace(SIZE, ' ').replace(/\s+/g, ' ').trim();
    if (text.replace(/[|\s]/g, '') === '') return { code: null, term: null, matched: false, reason: 'blank' };
    const stripped = body.replace(FUNDING, '').trim();
    if (stripped === '') return { code: null, term: null, matched: false, reason: 'funding-or-size-only' };
    // Leftmost-longest: platforms list the main industry first.
    for (let i = 0; i < stripped.length; i++) {
      const list = byFirst.get(stripped[i]!);
      if (!list) continue;
      for (const t of list) if (stripped.startsWith(t.term, i)) return { code: t.code, term: t.term, matched: true };
    }
    return { code: null, term: null, matched: false, reason: 'no-match' };
  });
}

/** Reads `datasets/dictionaries/industry_platform_gbt4754.csv`. */
export function loadIndustryDictionary(): IndustryTerm[] {
  return readDictionary('industry_platform_gbt4754.csv').map((r) => ({ term: r.term!.trim(), code: r.gbt4754_code!.trim() }));
}

let shared: ((text: string) => IndustryMatch) | null = null;

/**
 * Codes one company-industry cell with the default dictionary (built on first use).
 * @example normaliseIndustry('互联网A轮1000-9999人').code // '64'
 * @example normaliseIndustry('民营公司| 500-1000人| 教育/培训/院校 计算机软件').code // '83'
 */
export function normaliseIndustry(text: string): IndustryMatch {
  shared ??= buildIndustryMatcher();
  return shared(text);
}

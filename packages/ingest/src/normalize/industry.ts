/**
 * Company industry text → GB/T 4754-2017 code. Two vocabularies are matched: the official names of
 * the code list itself (`datasets/reference/industry/gbt4754_2017.csv`, every level, plus their
 * 业/行业/制造/服务 suffix variants) and the platform dictionary
 * `datasets/dictionaries/industry_platform_gbt4754.csv`. Cells arrive glued with funding stage and
 * size (`互联网A轮1000-9999人`), behind ownership and size (`民营公司| 500-1000人| 教育/培训/院校
 * 计算机软件`), replaced by a funding stage altogether (liepin's `轮`, `未融资`), or as an official
 * 大类 name (`计算机、通信和其他电子设备制造业`).
 */
import type { IndustryNode, IndustryTerm } from './reference.js';
import { memoize, toHalfWidth, unwrapListLiteral } from './text.js';

/** How a code was found, most trusted first. */
export type IndustryMethod = 'official-name' | 'dictionary' | 'official-variant' | 'dictionary-variant' | 'substring';

/** Why a cell got no code. */
export type IndustryUnknownReason =
  /** Empty cell. */
  | 'blank'
  /** Only funding stage, company size or ownership type (`轮`, `未融资`, `民营|50-150人`). */
  | 'funding-or-size-only'
  /** An explicit non-answer (`其他`, `其他行业`, `全部行业`). */
  | 'unspecified'
  /** Text of another column that drifted here (`1-3年`, `应届生`, `本科`). */
  | 'not-an-industry'
  /** Industry-like text that neither vocabulary knows. */
  | 'no-match';

/** The industry found in a company cell. */
export interface IndustryMatch {
  /** GB/T 4754-2017 code (门类 letter or 2–4 digits), null when unknown. */
  code: string | null;
  /** Official name or dictionary term that matched. */
  term: string | null;
  matched: boolean;
  method?: IndustryMethod;
  reason?: IndustryUnknownReason;
}

/** A built matcher: call it with any company-industry cell. */
export type IndustryMatcher = (text: string) => IndustryMatch;

const PAREN = /\([^()]*\)/g;
const BLANK = /^[|\s]*$/;
// A bare 轮 is liepin's truncated stage; it is only dropped as the whole cell, since it also
// belongs to industry names (`轮胎制造`, `汽轮机及辅机制造`, `客运轮渡运输`).
const FUNDING = /(天使轮|pre-?[a-d]\+?轮|[a-f]\+?轮(及以上)?|战略融资|未融资|不需要融资|已上市|上市公司|上市)/gi;
const BARE_ROUND = /^轮$/;
const FUNDING_HINT = /[轮融市]/;
const SIZE = /(少于|小于)?\d+(-\d+)?人(以上|以下)?/g;
const OWNERSHIP =
  /^(民营公司|民营|国企|国有企业|外资|外资\(欧美\)|外资\(非欧美\)|合资|股份制企业|外商独资|事业单位|政府机关|创业公司|代表处|港澳台公司|上市公司)$/;
/** Explicit non-answers; compared as keys (punctuation dropped, so `1-3年` reads `13年` below). */
const UNSPECIFIED = /^(其他|其它|其他行业|其它行业|全部行业|所有行业|行业|不限|行业不限|未知|暂无|无)$/;
/** Experience and education values that shifted into the industry column of a malformed row. */
const NOT_INDUSTRY =
  /^(\d+(-\d+)?年(以上|以下)?(经验)?|经验不限|无经验|应届生?|应届毕业生|在校(\/?应届)?|学历不限|初中(及以下)?|高中|中专(\/?中技)?|中技|大专|专科|本科|硕士(研究生)?|博士)$/;
/** Separators between several industries in one cell (`移动互联网,O2O`, `教育/培训/院校 计算机软件`). */
const SEGMENT = /[\s,;|]+/;
/** Punctuation ignored when comparing names: `计算机/通信/其他电子设备` = `计算机通信其他电子设备`. */
const PUNCT = /[\s、，,/;；·\-_.。:：'"]/g;
/** Stems shorter than this are too vague to stand alone (`农` from `农业`). */
const MIN_STEM = 2;

const WIDE = /[\uff01-\uff5e\u3000]/;

function clean(text: string): string {
  const t = unwrapListLiteral(text);
  // Most cells hold no full-width character; skipping the fold spares a copy per distinct cell.
  return WIDE.test(t) ? toHalfWidth(t) : t;
}

/** Comparison key: parenthesised asides and punctuation dropped, Latin lower-cased. */
function key(text: string): string {
  return bareKey(clean(text).replace(PAREN, ''));
}

/** {@link key} of text already cleaned and stripped of parentheses (the per-cell hot path). */
function bareKey(text: string): string {
  const k = text.replace(PUNCT, '');
  return /[A-Z]/.test(k) ? k.toLowerCase() : k;
}

/** The suffix-free stem: `食品制造业`, `食品制造行业` and `食品制造` all give `食品制造`. */
function stem(k: string): string {
  return k.replace(/(行业|业)$/, '');
}

/**
 * The one code a set of codes sharing a name stands for: their lowest common ancestor, descended
 * through sole children that carry the same name (`其他采矿业` is 12 = 120 = 1200, so 1200; `教育` is
 * P = 83, so 83; `燃气生产和供应业` is 45 and its 中类 451, which has a sibling, so 45). Null when
 * the codes share no ancestor: the name is ambiguous and guessing would be dishonest.
 */
function resolveCodes(
  codes: ReadonlySet<string>,
  parent: ReadonlyMap<string, string | null>,
  children: ReadonlyMap<string, string[]>,
): string | null {
  const lineage = (c: string): string[] => {
    const out: string[] = [];
    for (let x: string | null | undefined = c; x; x = parent.get(x)) out.push(x);
    return out.reverse();
  };
  const paths = [...codes].map(lineage);
  let lca: string | null = null;
  for (let i = 0; paths.every((p) => p[i] !== undefined && p[i] === paths[0]![i]); i++) lca = paths[0]![i]!;
  if (lca === null) return null;
  let at: string = lca;
  for (;;) {
    const kids: readonly string[] = children.get(at) ?? [];
    if (kids.length !== 1 || !codes.has(kids[0]!)) return at;
    at = kids[0]!;
  }
}

/** Adds `k → code` to a candidate map; conflicts are resolved once all names are in. */
function collect(into: Map<string, { codes: Set<string>; term: string }>, k: string, code: string, term: string): void {
  if (k === '') return;
  const had = into.get(k);
  if (had) had.codes.add(code);
  else into.set(k, { codes: new Set([code]), term });
}

/**
 * Builds the matcher once: every lookup is a Map probe, so the cost per distinct cell is a few
 * regex passes and at most one probe per (position, term length) in the substring fallback.
 * Refuses dictionary codes absent from the GB/T 4754 list so that a typo fails the first test.
 */
export function buildIndustryMatcher(terms: readonly IndustryTerm[], nodes: readonly IndustryNode[]): IndustryMatcher {
  const parent = new Map<string, string | null>();
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    parent.set(n.code, n.parentCode);
    if (n.parentCode) (children.get(n.parentCode) ?? children.set(n.parentCode, []).get(n.parentCode)!).push(n.code);
  }
  for (const t of terms)
    if (!parent.has(t.code)) throw new Error(`industry dictionary: ${t.term} → ${t.code} is not a GB/T 4754-2017 code`);

  const officialNames = new Map<string, { codes: Set<string>; term: string }>();
  const officialStems = new Map<string, { codes: Set<string>; term: string }>();
  const dictTerms = new Map<string, { codes: Set<string>; term: string }>();
  const dictStems = new Map<string, { codes: Set<string>; term: string }>();
  for (const n of nodes) {
    const k = key(n.name);
    collect(officialNames, k, n.code, n.name);
    const s = stem(k);
    if (s.length >= MIN_STEM) {
      collect(officialStems, s, n.code, n.name);
      // `汽车制造业` is also written `汽车制造`, `汽车制造行业` (both the stem) and `汽车业` / `汽车`.
      // Not for `其他…制造业`: without 制造 they say nothing (`其他`, `其他未列明`).
      if (s.endsWith('制造') && s.length - 2 >= MIN_STEM && !s.startsWith('其他')) collect(officialStems, s.slice(0, -2), n.code, n.name);
    }
  }
  for (const t of terms) {
    const k = key(t.term);
    collect(dictTerms, k, t.code, t.term);
    const s = stem(k);
    if (s.length >= MIN_STEM) collect(dictStems, s, t.code, t.term);
  }
  // Answers are built once per term and shared (frozen), so a lookup allocates nothing.
  const settle = (m: Map<string, { codes: Set<string>; term: string }>, method: IndustryMethod): Map<string, IndustryMatch> => {
    const out = new Map<string, IndustryMatch>();
    for (const [k, v] of m) {
      const code = resolveCodes(v.codes, parent, children);
      if (code !== null) out.set(k, Object.freeze({ code, term: v.term, matched: true, method }));
    }
    return out;
  };
  // Whole-segment lookups in trust order: an official name is the standard's own word; the
  // dictionary's platform terms were judged one by one; suffix variants are a small step away.
  const officialExact = settle(officialNames, 'official-name');
  const dictExact = settle(dictTerms, 'dictionary');
  const officialVariant = settle(officialStems, 'official-variant');
  const dictVariant = settle(dictStems, 'dictionary-variant');

  // Substring fallback over dictionary terms only: official names are long and literal, and short
  // ones (`广播`, `电视`, `博物馆`) inside free text name a product or a department, not the firm's industry.
  const scan = new Map<string, { lengths: number[]; terms: Map<string, IndustryMatch> }>();
  for (const [k, e] of settle(dictTerms, 'substring')) {
    const first = k[0]!;
    const slot = scan.get(first) ?? scan.set(first, { lengths: [], terms: new Map() }).get(first)!;
    slot.terms.set(k, e);
    if (!slot.lengths.includes(k.length)) slot.lengths.push(k.length);
  }
  for (const slot of scan.values()) slot.lengths.sort((a, b) => b - a);

  const whole = (k: string): IndustryMatch | undefined => {
    const s = stem(k);
    return officialExact.get(k) ?? dictExact.get(k) ?? officialVariant.get(s) ?? dictVariant.get(s);
  };
  // Leftmost-longest: platforms list the main industry first.
  const substring = (k: string): IndustryMatch | undefined => {
    for (let i = 0; i < k.length; i++) {
      const slot = scan.get(k[i]!);
      if (!slot) continue;
      for (const len of slot.lengths) {
        if (i + len > k.length) continue;
        const e = slot.terms.get(k.slice(i, i + len));
        if (e) return e;
      }
    }
    return undefined;
  };

  return memoize((raw: string): IndustryMatch => {
    const text = clean(raw);
    if (BLANK.test(text)) return UNKNOWN.blank;
    const body = text.includes('|')
      ? text
          .split('|')
          .map((f) => f.trim())
          .filter((f) => f !== '' && !OWNERSHIP.test(f))
          .join(' ')
      : OWNERSHIP.test(text.trim())
        ? ''
        : text;
    let stripped = body;
    // The guards skip a regex pass over cells that cannot hold what it removes.
    if (stripped.includes('(')) stripped = stripped.replace(PAREN, '');
    if (stripped.includes('人')) stripped = stripped.replace(SIZE, ' ');
    if (FUNDING_HINT.test(stripped)) stripped = stripped.replace(FUNDING, '');
    stripped = stripped.trim();
    if (stripped === '' || BARE_ROUND.test(stripped)) return UNKNOWN['funding-or-size-only'];
    // Segments are matched one at a time so that two labels never fuse into a third
    // (`房地产 中介服务` is 房地产 then 中介服务, not 房地产中介服务).
    const segments = stripped
      .split(SEGMENT)
      .map(bareKey)
      .filter((s) => s !== '');
    let unspecified = 0;
    let drifted = 0;
    for (const s of segments) {
      const hit = whole(s);
      if (hit) return hit;
      if (UNSPECIFIED.test(s)) unspecified++;
      else if (NOT_INDUSTRY.test(s)) drifted++;
      else {
        const part = substring(s);
        if (part) return part;
      }
    }
    if (unspecified + drifted === segments.length) return drifted > 0 ? UNKNOWN['not-an-industry'] : UNKNOWN.unspecified;
    return UNKNOWN['no-match'];
  });
}

/** Shared, frozen answers: results are memoised and handed out many times anyway. */
const UNKNOWN: Readonly<Record<IndustryUnknownReason, IndustryMatch>> = Object.fromEntries(
  (['blank', 'funding-or-size-only', 'unspecified', 'not-an-industry', 'no-match'] as const).map((reason) => [
    reason,
    Object.freeze({ code: null, term: null, matched: false, reason }),
  ]),
) as Record<IndustryUnknownReason, IndustryMatch>;

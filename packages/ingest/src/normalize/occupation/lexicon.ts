/**
 * The coder's dictionary: job-title words with the 大典 code they point to (aliases, by tier) and
 * the words that compose a role (a head such as 工程师 or 操作工 with a domain such as 汽车 or
 * 注塑). Matching finds every dictionary word in a text; the parse finds a segment's role head and
 * the domains named before it.
 */
import type { OccupationAlias, OccupationCompositionTerm, OccupationItFieldRow } from '../reference.js';
import { levelDepth, structuralLevel } from './tree.js';

/** What a dictionary word is. */
export type TermKind = 'alias' | 'head-engineering' | 'head-production' | 'head-teaching' | 'domain';

/** One dictionary word. */
export interface Term {
  text: string;
  kind: TermKind;
  /** Alias: the 大典 code it points to; head-engineering: an override code used with a domain. */
  code: string | null;
  /** Alias tier 0–4 (4 a named occupation, 3 a role, 2 a domain, 1 a generic tool or verb, 0 filler). */
  tier: number;
  /** Domain: the engineering, production and teaching codes of the domain. */
  engineeringCode: string | null;
  productionCode: string | null;
  teachingCode: string | null;
}

/** A dictionary word found in a text, `[start, end)`. */
export interface TermHit {
  term: Term;
  start: number;
  end: number;
}

/** A segment's role: its head word, the domains named before it and every alias hit. */
export interface RoleParse {
  hits: TermHit[];
  /** The alias or head word that ends nearest the segment's end (the Chinese head noun comes last). */
  head: TermHit | null;
  /** Composition head (工程师, 技术员, 操作工…) ending the segment, if any. */
  compositionHead: TermHit | null;
  /** Domains named in the segment, nearest the head last. */
  domains: TermHit[];
  /** The IT field when its aliases are set aside because a non-IT domain names the field (整车测试工程师); else null. */
  setAside: ItField | null;
}

/** The IT field (occupation_it_field.csv). */
export interface ItField {
  /** Whether a code is a row's code or lies under one. */
  has(code: string): boolean;
  /** The code of a teacher of the subjects of the row a code lies under (null outside the field). */
  teachingCode(code: string): string | null;
  /** Whether a code is a row's teaching code (a teacher of IT subjects at a training firm). */
  isTeachingCode(code: string): boolean;
}

/**
 * Indexes the IT field's rows: a code lies under a row when its first parts are the row code's non-zero parts
 * (`2-02-10-03` under `2-02-10-00`, by the prefix `2-02-10-`; the coder asks for every candidate, so nothing is built per call).
 */
export function buildItField(rows: readonly OccupationItFieldRow[]): ItField {
  const prefixes = rows.map((r) => {
    const depth = levelDepth(structuralLevel(r.code));
    // A 细类 row is its code alone; a coarser one the parts it fixes, closed by a separator.
    const prefix = depth === 4 ? r.code : r.code.split('-').slice(0, depth).join('-') + '-';
    return { prefix, teachingCode: r.teachingCode };
  });
  const teaching = new Set(rows.map((r) => r.teachingCode));
  const rowOf = (code: string) => prefixes.find((p) => code.startsWith(p.prefix));
  return {
    has: (code) => rowOf(code) !== undefined,
    teachingCode: (code) => rowOf(code)?.teachingCode ?? null,
    isTeachingCode: (code) => teaching.has(code),
  };
}

/** A built dictionary. */
export interface Lexicon {
  find(text: string): TermHit[];
  parse(segment: string): RoleParse;
  /** Every dictionary word (for features that name terms). */
  terms: readonly Term[];
  itField: ItField;
}

const LATIN = /[a-z0-9]/;

/** Whether `text[at]` is one of `LATIN`'s characters (a–z, 0–9); false outside the text. */
function isLatinAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** Generic tails of 大典 names; what precedes them names the field (供用电 of 供用电工程技术人员). */
const NAME_TAIL = /(工程技术人员|专业技术人员|专业人员|技术人员|服务人员|人员)$/;

/**
 * The 大典's own occupation names as aliases of tier 4 (护林员, 家禽饲养员, 车工; for an occupation
 * whose code names it otherwise, both: 古建筑修建人员 and 古建筑工 → 6-29-05-00), and the stems of
 * names with a generic tail as aliases of tier 3 (供用电 → 供用电工程技术人员, 金融科技 → 金融科技专业
 * 人员), for the occupations the dictionary does not name. A bracketed part is dropped (军官（警官） →
 * 军官); a stem shorter than three characters or shared by two occupations is not used.
 */
export function occupationNameAliases(
  occupations: readonly { code: string; name: string; occupationName?: string }[],
  isOccupation: (code: string) => boolean,
  aliases: readonly OccupationAlias[],
): OccupationAlias[] {
  const known = new Set(aliases.map((a) => a.alias.toLowerCase()));
  const out: OccupationAlias[] = [];
  const stems = new Map<string, string | null>();
  for (const o of occupations) {
    if (!isOccupation(o.code)) continue;
    for (const full of new Set([o.name, o.occupationName ?? ''])) {
      const name = full.replace(/[（(].*$/, '').trim();
      const stem = name.replace(NAME_TAIL, '');
      if (stem !== name && stem.length >= 3) stems.set(stem, stems.has(stem) ? null : o.code);
      if (name.length < 2 || known.has(name)) continue;
      known.add(name);
      out.push({ alias: name, code: o.code, tier: 4 });
    }
  }
  for (const [stem, code] of stems) if (code && !known.has(stem)) out.push({ alias: stem, code, tier: 3 });
  return out;
}

/** Builds the dictionary from the alias, composition and IT field rows. */
export function buildLexicon(
  aliases: readonly OccupationAlias[],
  composition: readonly OccupationCompositionTerm[],
  itRows: readonly OccupationItFieldRow[],
): Lexicon {
  const itField = buildItField(itRows);
  const terms: Term[] = [];
  for (const a of aliases) {
    terms.push({
      text: a.alias.toLowerCase(),
      kind: 'alias',
      code: a.code,
      tier: a.tier,
      engineeringCode: null,
      productionCode: null,
      teachingCode: null,
    });
  }
  for (const c of composition) {
    terms.push({
      text: c.term.toLowerCase(),
      kind: c.kind,
      code: c.kind === 'head-engineering' ? c.engineeringCode : null,
      tier: c.kind === 'domain' ? 2 : 3,
      engineeringCode: c.engineeringCode,
      productionCode: c.productionCode,
      teachingCode: c.teachingCode,
    });
  }
  // A character trie keyed by UTF-16 code unit: each node holds the words that end there, with
  // whether each starts or ends with a Latin character.
  interface Node {
    next: Map<number, Node>;
    ends: { term: Term; latinStart: boolean; latinEnd: boolean }[];
  }
  const root: Node = { next: new Map(), ends: [] };
  for (const t of terms) {
    if (!t.text) continue;
    let node = root;
    for (let k = 0; k < t.text.length; k++) {
      const ch = t.text.charCodeAt(k);
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map(), ends: [] }));
      node = child;
    }
    node.ends.push({ term: t, latinStart: LATIN.test(t.text[0]!), latinEnd: LATIN.test(t.text[t.text.length - 1]!) });
  }

  function find(text: string): TermHit[] {
    const hits: TermHit[] = [];
    for (let i = 0; i < text.length; i++) {
      let node = root.next.get(text.charCodeAt(i));
      for (let j = i + 1; node; j++) {
        for (const e of node.ends) {
          // Latin words stand alone: `ai` is not inside `email`, `go` not inside `google`.
          if (e.latinStart && isLatinAt(text, i - 1)) continue;
          if (e.latinEnd && isLatinAt(text, j)) continue;
          hits.push({ term: e.term, start: i, end: j });
        }
        if (j >= text.length) break;
        node = node.next.get(text.charCodeAt(j));
      }
    }
    // A word inside a longer matched word of the same kind says less (`仓库` in `仓库管理`);
    // a domain inside an alias still names the domain (`汽车` in `汽车装配`). An alias that runs
    // into a composition head is a false reading (`电工` in `弱电工程师`).
    return hits.filter(
      (h) =>
        !hits.some(
          (o) =>
            o !== h &&
            ((o.start <= h.start &&
              o.end >= h.end &&
              o.end - o.start > h.end - h.start &&
              (o.term.kind === h.term.kind || (h.term.kind === 'alias' && o.term.kind !== 'domain'))) ||
              (h.term.kind === 'alias' && o.term.kind.startsWith('head-') && o.start > h.start && o.start < h.end && o.end > h.end)),
        ),
    );
  }

  function parse(segment: string): RoleParse {
    const hits = find(segment);
    // The head is the last role alias (测试开发 in 测试开发工程师: 工程师 only closes it); a
    // composition head (工程师, 操作工, 讲师) ending the segment composes with the domains before it.
    let head: TermHit | null = null;
    let compositionHead: TermHit | null = null;
    for (const h of hits) {
      if (h.term.kind === 'alias') {
        if (h.term.tier < 3) continue;
        if (!head || h.end > head.end || (h.end === head.end && h.end - h.start > head.end - head.start)) head = h;
      } else if (h.term.kind !== 'domain' && h.end === segment.length) {
        if (!compositionHead || h.end - h.start > compositionHead.end - compositionHead.start) compositionHead = h;
      }
    }
    if (!head) head = compositionHead;
    const domains = hits.filter((h) => h.term.kind === 'domain' && (!compositionHead || h.end <= compositionHead.start));
    // IT evidence is an IT word (软件, 大数据, 信息安全, java), not one made only of the function
    // words and heads every field shares (运维, 测试工程师, 产品经理 are composition heads too).
    const heads = hits.filter((o) => o.term.kind.startsWith('head-'));
    const functionWord = (h: TermHit) => {
      for (let i = h.start; i < h.end; i++) if (!heads.some((o) => o.start <= i && o.end > i)) return false;
      return true;
    };
    const itEvidence = hits.some(
      (h) => h.term.kind === 'alias' && h.term.code !== null && itField.has(h.term.code) && h.term.tier >= 2 && !functionWord(h),
    );
    const fieldDomain = domains.some((d) => d.term.engineeringCode || d.term.productionCode);
    return { hits, head, compositionHead, domains, setAside: fieldDomain && !itEvidence ? itField : null };
  }

  return { find, parse, terms, itField };
}

/**
 * The occupation coder as it stood before the model-based rewrite (main at 11a35af), kept
 * unchanged as the benchmark's peer; its alias dictionary of that time is `main-occupation-aliases.csv`
 * beside it. Not used by the platform.
 *
 * Job title (+ description or skills) → 职业分类大典 2022 code with a confidence in [0, 1].
 *
 * Two dictionaries, both built once per process:
 * 1. the curated alias file `datasets/dictionaries/occupation_aliases.csv` (platform job names →
 *    大典 codes, with a tier: 4 a named occupation, 3 a role such as 讲师/销售/产品经理, 2 a technical
 *    domain such as 大数据/算法, 1 a generic tool or verb such as Python/开发, 0 filler);
 * 2. the 大典 code list itself: names and definitions segmented with @node-rs/jieba and weighted by
 *    inverse document frequency, used when no alias matches.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Occupation, OccupationAlias } from '../../packages/ingest/src/normalize/reference.js';
import { memoize, toHalfWidth, unwrapListLiteral } from '../../packages/ingest/src/normalize/text.js';
import type { TitleNormaliser } from '../../packages/ingest/src/normalize/title.js';

/** A coded posting. */
export interface OccupationMatch {
  /** 大典 2022 code (细类 `2-02-10-03`, or a 小类/中类 code ending in `-00`), null when uncoded. */
  code: string | null;
  name: string | null;
  /** 0 when uncoded; alias matches 0.4–0.95 by tier; code-list matches at most 0.5. */
  confidence: number;
  method: 'alias' | 'code-list' | 'none';
  /** The alias or the shared words that decided the code. */
  evidence: string | null;
}

/** What {@link buildOccupationCoder} is built from. */
export interface OccupationCoderOptions {
  occupations: readonly Occupation[];
  aliases: readonly OccupationAlias[];
  /** Title normaliser (cleaning before aliases are looked up). */
  normaliseTitle: TitleNormaliser;
}

/** A built coder: title (and optional description or skills as context) → code. */
export type OccupationCoder = (title: string, context?: string) => OccupationMatch;

/** The four levels of the 大典 code. */
export type OccupationLevel = '大类' | '中类' | '小类' | '细类';

/** Level of a 大典 code such as `2-02-10-03` (细类) or `2-02-10-00` (小类). */
export function occupationLevel(code: string): OccupationLevel {
  const [, b, c, d] = code.split('-');
  if (b === '00') return '大类';
  if (c === '00') return '中类';
  if (d === '00') return '小类';
  return '细类';
}

/**
 * The code truncated to a level, as the comparable prefix: `2` (大类), `2-02` (中类), `2-02-10`
 * (小类) or the full code (细类). A code coarser than the level asked for yields null.
 */
export function occupationPrefix(code: string, level: OccupationLevel): string | null {
  const parts = code.split('-');
  const depth = { 大类: 1, 中类: 2, 小类: 3, 细类: 4 }[level];
  const own = { 大类: 1, 中类: 2, 小类: 3, 细类: 4 }[occupationLevel(code)];
  if (own < depth) return null;
  return parts.slice(0, depth).join('-');
}

const CONFIDENCE_BY_TIER = [0.4, 0.65, 0.8, 0.9, 0.95];
/** Confidence multiplier when the deciding alias sat only in a bracketed aside or the description. */
const ASIDE_FACTOR = 0.85;
const CONTEXT_FACTOR = 0.6;
/** Multiplier when another alias of the same tier points elsewhere. */
const CONFLICT_FACTOR = 0.85;
const CODE_LIST_MAX_CONFIDENCE = 0.5;
const CODE_LIST_MIN_SCORE = 0.35;

/** Generic heads that every occupation name shares; they carry no signal for the fallback. */
const STOP = new Set([
  '人员',
  '工程技术',
  '技术人员',
  '专业人员',
  '工程',
  '技术',
  '从事',
  '的',
  '和',
  '与',
  '及',
  '等',
  '、',
  '，',
  '。',
  '工作',
  '相关',
  '进行',
  '负责',
  '员',
  '工',
  '师',
  '高级',
  '初级',
  '中级',
  '资深',
  '助理',
  '经理',
  '主管',
  '专员',
  '实习生',
  '实习',
  '岗',
]);

function isLatin(c: string | undefined): boolean {
  return c !== undefined && /[a-z0-9]/.test(c);
}

interface AliasHit {
  alias: OccupationAlias;
  pos: number;
}

/**
 * Builds the coder: checks every alias code exists, indexes the aliases, and loads the jieba
 * dictionary once with the alias and occupation words added so they segment whole.
 */
export function buildOccupationCoder(options: OccupationCoderOptions): OccupationCoder {
  const { occupations, aliases, normaliseTitle } = options;
  const byCode = new Map(occupations.map((o) => [o.code, o]));
  for (const a of aliases) {
    if (!byCode.has(a.code)) throw new Error(`occupation alias ${a.alias} → ${a.code} is not a 大典 2022 code`);
  }

  const byFirst = new Map<string, OccupationAlias[]>();
  for (const a of aliases) {
    const key = a.alias.toLowerCase();
    const entry = { ...a, alias: key };
    const list = byFirst.get(key[0]!);
    if (list) list.push(entry);
    else byFirst.set(key[0]!, [entry]);
  }
  for (const list of byFirst.values()) list.sort((x, y) => y.alias.length - x.alias.length);

  function aliasHits(text: string): AliasHit[] {
    const hits: AliasHit[] = [];
    for (let i = 0; i < text.length; i++) {
      const list = byFirst.get(text[i]!);
      if (!list) continue;
      for (const a of list) {
        if (!text.startsWith(a.alias, i)) continue;
        // Latin aliases must stand alone: `ai` is not inside `email`, `bi` not inside `hrbi`.
        const latin = /^[a-z0-9]/.test(a.alias);
        if (latin && (isLatin(text[i - 1]) || (isLatin(a.alias[a.alias.length - 1]) && isLatin(text[i + a.alias.length])))) continue;
        hits.push({ alias: a, pos: i });
      }
    }
    // An alias inside a longer matched one says less (`仓库` in `数据仓库`, `测试` in `软件测试`).
    return hits.filter(
      (h) =>
        !hits.some(
          (o) =>
            o !== h &&
            o.pos <= h.pos &&
            o.pos + o.alias.alias.length >= h.pos + h.alias.alias.length &&
            o.alias.alias.length > h.alias.alias.length,
        ),
    );
  }

  /** Best alias: highest tier, then longest, then the later one (the Chinese head noun comes last). */
  function bestAlias(hits: AliasHit[]): { hit: AliasHit; conflict: boolean } | null {
    let best: AliasHit | null = null;
    for (const h of hits) {
      if (
        !best ||
        h.alias.tier > best.alias.tier ||
        (h.alias.tier === best.alias.tier && h.alias.alias.length > best.alias.alias.length) ||
        (h.alias.tier === best.alias.tier && h.alias.alias.length === best.alias.alias.length && h.pos > best.pos)
      ) {
        best = h;
      }
    }
    if (!best) return null;
    const conflict = hits.some((h) => h.alias.tier === best.alias.tier && h.alias.code !== best.alias.code);
    return { hit: best, conflict };
  }

  function fromAlias(hit: AliasHit, conflict: boolean, factor: number): OccupationMatch {
    const occ = byCode.get(hit.alias.code)!;
    const base = CONFIDENCE_BY_TIER[Math.min(Math.max(hit.alias.tier, 0), 4)]!;
    const confidence = Math.round(base * factor * (conflict ? CONFLICT_FACTOR : 1) * 100) / 100;
    return { code: occ.code, name: occ.name, confidence, method: 'alias', evidence: hit.alias.alias };
  }

  // Code-list fallback: words of leaf names (weight 1) and definitions (weight 0.25), IDF-weighted.
  const jieba = Jieba.withDict(dict);
  const userWords = [...aliases.map((a) => a.alias), ...occupations.map((o) => o.name)]
    .filter((w) => /[\u4e00-\u9fa5]/.test(w))
    .map((w) => `${w} 2000 n`)
    .join('\n');
  jieba.loadDict(Buffer.from(userWords));
  const cut = (s: string) =>
    jieba
      .cutForSearch(s, false)
      .map((w) => w.trim().toLowerCase())
      .filter((w) => w.length >= 2 && !STOP.has(w) && !/^\d+$/.test(w));

  const leafCodes = occupations.filter((o) => {
    const level = occupationLevel(o.code);
    return level === '细类' || (level === '小类' && o.definition !== '');
  });
  const docs = leafCodes.map((o) => ({ occ: o, name: new Set(cut(o.name)), def: new Set(cut(o.definition)) }));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set([...d.name, ...d.def])) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log((docs.length + 1) / ((df.get(w) ?? 0) + 1));
  const postings = new Map<string, number[]>();
  docs.forEach((d, i) => {
    for (const w of new Set([...d.name, ...d.def])) {
      const list = postings.get(w);
      if (list) list.push(i);
      else postings.set(w, [i]);
    }
  });
  const nameWeight = docs.map((d) => [...d.name].reduce((s, w) => s + idf(w), 0));

  function fromCodeList(text: string): OccupationMatch | null {
    const words = [...new Set(cut(text))];
    if (words.length === 0) return null;
    const titleWeight = words.reduce((s, w) => s + idf(w), 0);
    const scores = new Map<number, { s: number; words: string[] }>();
    for (const w of words) {
      for (const i of postings.get(w) ?? []) {
        const d = docs[i]!;
        const gain = idf(w) * (d.name.has(w) ? 1 : 0.25);
        const e = scores.get(i) ?? { s: 0, words: [] };
        e.s += gain;
        e.words.push(w);
        scores.set(i, e);
      }
    }
    let best: { i: number; score: number; words: string[] } | null = null;
    for (const [i, e] of scores) {
      // Half for covering the title's words, half for covering the occupation's name.
      const score = 0.5 * (e.s / titleWeight) + 0.5 * Math.min(1, e.s / Math.max(nameWeight[i]!, 1e-9));
      if (!best || score > best.score) best = { i, score, words: e.words };
    }
    if (!best || best.score < CODE_LIST_MIN_SCORE) return null;
    const occ = docs[best.i]!.occ;
    return {
      code: occ.code,
      name: occ.name,
      confidence: Math.round(Math.min(CODE_LIST_MAX_CONFIDENCE, best.score * CODE_LIST_MAX_CONFIDENCE) * 100) / 100,
      method: 'code-list',
      evidence: best.words.join(' '),
    };
  }

  const NONE: OccupationMatch = { code: null, name: null, confidence: 0, method: 'none', evidence: null };

  const codeTitle = memoize((title: string): OccupationMatch => {
    const main = normaliseTitle(title);
    const raw = toHalfWidth(unwrapListLiteral(title)).toLowerCase();
    const asides = (raw.match(/[(（【[]([^)）】\]]*)[)）】\]]/g) ?? []).join(' ');
    const inMain = bestAlias(aliasHits(main));
    if (inMain && inMain.hit.alias.tier >= 2) return fromAlias(inMain.hit, inMain.conflict, 1);
    const inAside = bestAlias(aliasHits(asides));
    if (inAside && inAside.hit.alias.tier >= 2) return fromAlias(inAside.hit, inAside.conflict, ASIDE_FACTOR);
    if (inMain) return fromAlias(inMain.hit, inMain.conflict, 1);
    if (inAside) return fromAlias(inAside.hit, inAside.conflict, ASIDE_FACTOR);
    return fromCodeList(main) ?? NONE;
  });

  const titleTier = memoize((title: string): number => {
    const hits = [...aliasHits(normaliseTitle(title)), ...aliasHits(toHalfWidth(title).toLowerCase())];
    return hits.reduce((t, h) => Math.max(t, h.alias.tier), -1);
  });

  return (title: string, context?: string): OccupationMatch => {
    const byTitle = codeTitle(title);
    if (!context || titleTier(title) >= 2) return byTitle;
    // A title naming only a tool (`Python`) or nothing: a domain or role alias in the description
    // decides, with a lower confidence than the same alias in a title would earn.
    const inContext = bestAlias(aliasHits(toHalfWidth(context).toLowerCase()).filter((h) => h.alias.tier >= 2));
    if (!inContext) return byTitle;
    return fromAlias(inContext.hit, inContext.conflict, CONTEXT_FACTOR);
  };
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Rng } from '../prng.js';
import { roleTitle } from './posting-text.js';

/** The ways a real title departs from the occupation's name, in the order they are applied. */
export const DECORATIONS = ['generic', 'level', 'joined', 'bracket', 'pay', 'urgent', 'employer'] as const;
/** How a title states pay: 8K, 6-8K, 6000-8000, 1.2万, 月薪8000. */
export const PAY_STYLES = ['k', 'kRange', 'yuanRange', 'wan', 'yuan'] as const;

/** How a title names its occupation: the 大典 name, a word of the alias dictionary, or words of neither. */
export const FORMS = ['name', 'alias', 'other'] as const;

/**
 * How a written title names its occupation, as the answer key records it: a generic title of the
 * 大类 or 中类 (普工), the 大典 name as a role, a dictionary role word, a real title no coder is trained
 * on written as found, or a real word no dictionary holds, decorated.
 */
export type TitleForm = 'generic' | 'name' | 'alias' | 'real_title' | 'real_word';

/** Share of a 大类's real titles naming their occupation in each form, and how many titles it was counted on. */
export type FormShares = { titles: number } & Record<(typeof FORMS)[number], number>;

/** The forms titles name occupations by (`scripts/count-title-patterns.ts`, `countTitleForms`). */
export interface TitleForms {
  source: string;
  /** By 大典 大类, `*` for all titles together. */
  shares: Record<string, FormShares>;
  /** Role words of the alias dictionary (tiers 3 and 4) by 细类 or 小类 code. */
  alias: { text: string; code: string }[];
  /** Real forms no dictionary holds: `whole` titles written as they are, else words decorated like a name. */
  other: { text: string; code: string; whole: boolean; source: string }[];
}

/** Share of a 大类's real titles showing each decoration, and how many titles it was counted on. */
export type DecorationShares = { titles: number } & Record<(typeof DECORATIONS)[number], number>;

/** `packages/synth/data/posting_title_patterns.json`, written by `scripts/title-patterns.ts` from the coder corpus's train split. */
export interface TitlePatterns {
  source: string;
  minGroupTitles: number;
  /** By 大典 大类, `*` for all titles together (used for a 大类 with fewer than `minGroupTitles`). */
  groups: Record<string, DecorationShares>;
  /** Real titles labelled only to a 大类 (`code` "6") or 中类 ("6-18"): 普工, 操作工, 技术总监. */
  generic: { title: string; code: string; count: number }[];
  /** Bracketed words that are not part of the occupation (benefits, conditions, specialities), by the 大类 of the title they were read in. */
  brackets: { text: string; group: string; count: number }[];
  /** Bracketed place names counted beside `brackets`: the generator writes the posting's own city there. */
  placeBrackets: number;
  levels: { text: string; count: number; at: 'prefix' | 'suffix' }[];
  urgent: { text: string; count: number }[];
  payStyles: { style: (typeof PAY_STYLES)[number]; count: number }[];
  forms: TitleForms;
}

let cached: TitlePatterns | undefined;

export function readTitlePatterns(): TitlePatterns {
  cached ??= JSON.parse(
    readFileSync(fileURLToPath(new URL('../../data/posting_title_patterns.json', import.meta.url)), 'utf8'),
  ) as TitlePatterns;
  return cached;
}

/** What a title may borrow from its posting: the employer, the offered pay, another opening of the same employer. */
export interface TitleContext {
  company: string;
  /** The city as a board shortens it (南宁). */
  city: string;
  monthlyMin: number;
  monthlyMax: number;
  /** A second title for a posting that lists two jobs (操作工/包装工). */
  another: () => string;
}

function weighted<T extends { count: number }>(rng: Rng, list: readonly T[]): T {
  return list[rng.weightedIndex(list.map((x) => x.count))]!;
}

/** Fewer bracket readings than this in a 大类 and it borrows the other 大类's terms and benefits (not their specialities: 焊工（Python）). */
const MIN_BRACKETS = 10;
const TERMS = /双休|五险|一金|包吃|包住|提成|急招|实习|应届|底薪|长白班|学徒|若干|熟手|经验|兼职|男|女|稳定|待遇/;

function bracketsOf(patterns: TitlePatterns, group: string): TitlePatterns['brackets'] {
  const own = patterns.brackets.filter((b) => b.group === group);
  if (own.reduce((n, b) => n + b.count, 0) >= MIN_BRACKETS) return own;
  return patterns.brackets.filter((b) => b.group === group || TERMS.test(b.text));
}

/** What a 大类 or an occupation draws from, worked out once per pattern set (a province writes about a million titles). */
interface Drawn {
  brackets: Map<string, { list: TitlePatterns['brackets']; place: number }>;
  generic: Map<string, TitlePatterns['generic']>;
  forms: Map<string, { alias: TitleForms['alias']; other: TitleForms['other'] }>;
}
const drawn = new WeakMap<TitlePatterns, Drawn>();

function drawnFrom(patterns: TitlePatterns): Drawn {
  let d = drawn.get(patterns);
  if (!d) drawn.set(patterns, (d = { brackets: new Map(), generic: new Map(), forms: new Map() }));
  return d;
}

function bracketChoice(patterns: TitlePatterns, group: string): { list: TitlePatterns['brackets']; place: number } {
  const cache = drawnFrom(patterns).brackets;
  let c = cache.get(group);
  if (!c) {
    const list = bracketsOf(patterns, group);
    const others = list.reduce((n, b) => n + b.count, 0);
    cache.set(group, (c = { list, place: patterns.placeBrackets / (patterns.placeBrackets + others) }));
  }
  return c;
}

function genericTitles(patterns: TitlePatterns, code: string): TitlePatterns['generic'] {
  const cache = drawnFrom(patterns).generic;
  let list = cache.get(code);
  if (!list) cache.set(code, (list = patterns.generic.filter((g) => g.code === code[0] || code.startsWith(`${g.code}-`))));
  return list;
}

/** The forms a title of occupation `code` may take: those of the code and of its 小类 (true of every 细类 in it). */
function formsOf(patterns: TitlePatterns, code: string): { alias: TitleForms['alias']; other: TitleForms['other'] } {
  const cache = drawnFrom(patterns).forms;
  let f = cache.get(code);
  if (!f) {
    const fits = (c: string) => c === code || c === `${code.slice(0, 7)}-00`;
    cache.set(
      code,
      (f = { alias: patterns.forms.alias.filter((a) => fits(a.code)), other: patterns.forms.other.filter((o) => fits(o.code)) }),
    );
  }
  return f;
}

/**
 * A form other than the 大典 name, as often as real titles of the 大类 take one: a real form no
 * dictionary holds where the occupation has one (else a dictionary word), or a dictionary word;
 * null for the name.
 */
function drawForm(rng: Rng, patterns: TitlePatterns, code: string): { text: string; form: TitleForm } | null {
  const share = patterns.forms.shares[code[0]!] ?? patterns.forms.shares['*']!;
  const forms = formsOf(patterns, code);
  const u = rng.next();
  if (u < share.other && forms.other.length > 0) {
    const o = rng.pick(forms.other);
    return { text: o.text, form: o.whole ? 'real_title' : 'real_word' };
  }
  if (u < share.other + share.alias && forms.alias.length > 0) return { text: rng.pick(forms.alias).text, form: 'alias' };
  return null;
}

function payText(style: (typeof PAY_STYLES)[number], min: number, max: number): string {
  const k = (n: number) => String(Math.round(n / 100) / 10);
  switch (style) {
    case 'k':
      return `${k(min)}K`;
    case 'kRange':
      return `${k(min)}-${k(max)}K`;
    case 'yuanRange':
      return `${min}-${max}`;
    case 'wan':
      return `${Math.round(max / 1000) / 10}万`;
    case 'yuan':
      return `月薪${min}`;
  }
}

/**
 * A job title as a real board shows it for an occupation of code `code`: now and then a generic
 * title of its 大类 or 中类 (普工) or a real title of the occupation written as it was found, else
 * the occupation named by a real word (电焊工, 药剂师) or as a role of its name (焊工, 数据分析专员)
 * with a level, a second job, a bracketed benefit or place, the pay, an urgent call or the
 * employer's name in front, each as often as the corpus's real titles of that 大类 show it.
 */
export function jobTitle(
  rng: Rng,
  patterns: TitlePatterns,
  occupation: { code: string; name: string },
  ctx: TitleContext,
): { text: string; form: TitleForm } {
  const group = occupation.code[0]!;
  const share = patterns.groups[group] ?? patterns.groups['*']!;
  const generic = genericTitles(patterns, occupation.code);
  if (generic.length > 0 && rng.chance(share.generic)) return { text: weighted(rng, generic).title, form: 'generic' };
  const drawn = drawForm(rng, patterns, occupation.code);
  if (drawn?.form === 'real_title') return drawn;
  let title = drawn ? drawn.text : roleTitle(rng, occupation.name, group);
  if (rng.chance(share.level)) {
    const level = weighted(rng, patterns.levels);
    title = level.at === 'prefix' ? level.text + title : title + level.text;
  }
  if (rng.chance(share.joined)) title = `${title}${rng.pick(['/', '/', '、'])}${ctx.another()}`;
  if (rng.chance(share.bracket)) {
    const brackets = bracketChoice(patterns, group);
    const text = rng.chance(brackets.place) ? ctx.city : weighted(rng, brackets.list).text;
    title = `${title}（${text}）`;
  }
  if (rng.chance(share.pay)) title = `${title} ${payText(weighted(rng, patterns.payStyles).style, ctx.monthlyMin, ctx.monthlyMax)}`;
  if (rng.chance(share.urgent)) title = weighted(rng, patterns.urgent).text + title;
  if (rng.chance(share.employer)) title = `${ctx.company}招聘${title}`;
  return { text: title, form: drawn ? drawn.form : 'name' };
}

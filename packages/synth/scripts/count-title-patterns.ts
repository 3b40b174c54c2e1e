import {
  DECORATIONS,
  FORMS,
  PAY_STYLES,
  type DecorationShares,
  type FormShares,
  type TitleForms,
  type TitlePatterns,
} from '../src/write/title-patterns.js';

/** A labelled title of the coder corpus (its CSV's columns). */
export interface LabelledTitle {
  title: string;
  label_code: string;
  label_level: string;
  label_name: string;
  label_note?: string;
}

/** What the title forms are counted on (`shareRows`) and drawn from (the others); see `corpus.ts`. */
export interface FormSources {
  shareRows: LabelledTitle[];
  sourceRows: (LabelledTitle & { file: string })[];
  aliases: { alias: string; code: string; tier: number }[];
  bossWords: { alias: string; code: string; note: string }[];
}

/** A 大类 with fewer labelled titles than this takes the shares of all titles together. */
export const MIN_GROUP_TITLES = 30;

const BRACKET = /[（(【[]([^）)】\]]{1,16})[）)】\]]/g;
const LEVEL = /^(高级|资深|初级|中级|实习|储备|见习)|(学徒|学徒工|实习生)$/;
const URGENT = /^(急招|急聘|诚聘|高薪诚聘|直招|高薪招聘|高薪)/;
// An employer's name before 招聘: not a pay or urgency phrase (高薪招聘 is an urgent call).
const EMPLOYER = /^(?![^招诚]*高薪)[^\d\s/+，,]{2,10}?(招聘|诚聘)[：: ]?[^\s：:]/;
const JOINED = /[/、]/;
const PAY: Record<(typeof PAY_STYLES)[number], RegExp> = {
  k: /\d+(\.\d+)?[kKＫ](?![-~～至])/,
  kRange: /\d+(\.\d+)?[kK]?[-~～至]\d+(\.\d+)?[kKＫ]/,
  yuanRange: /\d{4,5}[-~～至]\d{4,5}(元)?/,
  wan: /\d+(\.\d+)?[万wW]/,
  yuan: /(月薪|底薪)\d{4,5}(?![-~～至\d])/,
};

/** True when two texts share two consecutive characters: a bracket that repeats the occupation is part of it. */
function overlaps(a: string, b: string): boolean {
  for (let i = 0; i + 2 <= a.length; i++) if (b.includes(a.slice(i, i + 2))) return true;
  return false;
}

/**
 * How often real titles of each 大类 depart from the occupation's name, and in what words:
 * `rows` are labelled titles (the uncoded left out), `places` GB/T 2260 names without their
 * 省/市/区/县 ending (a bracket that names a place becomes the posting's own city in the generator,
 * and a generic title naming a place elsewhere is left out), `source` what the rows are.
 */
export function countTitlePatterns(
  rows: readonly LabelledTitle[],
  places: readonly string[],
  source: string,
): Omit<TitlePatterns, 'forms'> {
  const namesPlace = (text: string) => places.some((p) => text.includes(p));
  const isGeneric = (r: LabelledTitle) => r.label_level === '大类' || r.label_level === '中类';
  const counts = new Map<string, { titles: number; hits: Record<string, number> }>();
  const brackets = new Map<string, { text: string; group: string; count: number }>();
  let placeBrackets = 0;
  const levels = new Map<string, { count: number; at: 'prefix' | 'suffix' }>();
  const urgent = new Map<string, number>();
  const payStyles = new Map<string, number>();
  const generic = new Map<string, { title: string; code: string; count: number }>();

  for (const r of rows) {
    for (const key of [r.label_code[0]!, '*']) {
      const c = counts.get(key) ?? { titles: 0, hits: Object.fromEntries(DECORATIONS.map((d) => [d, 0])) };
      c.titles++;
      const title = r.title.trim();
      const found: Record<(typeof DECORATIONS)[number], boolean> = {
        generic: isGeneric(r),
        bracket: [...title.matchAll(BRACKET)].some((m) => !overlaps(m[1]!, r.label_name)),
        pay: Object.values(PAY).some((p) => p.test(title)),
        level: LEVEL.test(title.replace(BRACKET, '')),
        urgent: URGENT.test(title),
        joined: JOINED.test(title.replace(BRACKET, '')),
        employer: EMPLOYER.test(title),
      };
      for (const d of DECORATIONS) if (found[d]) c.hits[d]!++;
      counts.set(key, c);
    }
    const title = r.title.trim();
    const group = r.label_code[0]!;
    if (isGeneric(r)) {
      if (namesPlace(title)) continue;
      // The level's code prefix: 大类 "6", 中类 "6-18".
      const code = r.label_level === '大类' ? group : r.label_code.slice(0, 4);
      const g = generic.get(`${code}\t${title}`) ?? { title, code, count: 0 };
      g.count++;
      generic.set(`${code}\t${title}`, g);
      continue;
    }
    for (const m of title.matchAll(BRACKET)) {
      if (overlaps(m[1]!, r.label_name)) continue;
      if (namesPlace(m[1]!)) placeBrackets++;
      else {
        const b = brackets.get(`${group}\t${m[1]!}`) ?? { text: m[1]!, group, count: 0 };
        b.count++;
        brackets.set(`${group}\t${m[1]!}`, b);
      }
    }
    const level = LEVEL.exec(title.replace(BRACKET, ''));
    if (level) {
      const word = level[1] ?? level[2]!;
      const l = levels.get(word) ?? { count: 0, at: level[1] ? 'prefix' : 'suffix' };
      l.count++;
      levels.set(word, l);
    }
    const u = URGENT.exec(title);
    if (u) urgent.set(u[1]!, (urgent.get(u[1]!) ?? 0) + 1);
    for (const style of PAY_STYLES) if (PAY[style].test(title)) payStyles.set(style, (payStyles.get(style) ?? 0) + 1);
  }

  const shares = (key: string): DecorationShares => {
    const c = counts.get(key)!;
    return {
      titles: c.titles,
      ...(Object.fromEntries(DECORATIONS.map((d) => [d, Math.round((c.hits[d]! / c.titles) * 1000) / 1000])) as Omit<
        DecorationShares,
        'titles'
      >),
    };
  };
  const byCount = <T extends { count: number }>(list: T[]) => list.sort((a, b) => b.count - a.count);
  return {
    source,
    minGroupTitles: MIN_GROUP_TITLES,
    groups: Object.fromEntries(
      [...counts.keys()]
        .filter((k) => k === '*' || counts.get(k)!.titles >= MIN_GROUP_TITLES)
        .sort()
        .map((k) => [k, shares(k)]),
    ),
    generic: byCount([...generic.values()]).sort((a, b) => a.code.localeCompare(b.code) || b.count - a.count),
    brackets: byCount([...brackets.values()]).sort((a, b) => a.group.localeCompare(b.group) || b.count - a.count),
    placeBrackets,
    levels: byCount([...levels].map(([text, l]) => ({ text, count: l.count, at: l.at }))),
    urgent: byCount([...urgent].map(([text, count]) => ({ text, count }))),
    payStyles: byCount(PAY_STYLES.map((style) => ({ style, count: payStyles.get(style) ?? 0 }))),
  };
}

/** Dictionary tiers that name a role or an occupation (3, 4): what a title can be made of alone. */
const ROLE_TIER = 3;
/** The role ending of a 大典 name: 焊工 → 焊, 营销员 → 营销, 机械工程技术人员 → 机械. */
const NAME_ENDING = /(工程技术人员|专业人员|服务人员|操作人员|人员|员|工|师)$/;
/** A label or a mapping its note marks `doubtful: …`. */
const isDoubtful = (note: string | undefined) => (note ?? '').startsWith('doubtful');
/** A 细类 or 小类 code (6-18-02-04, 6-18-02-00): a form that names less is a generic title. */
const isSpecificCode = (code: string) => /^\d-\d\d-\d\d-\d\d$/.test(code) && !code.endsWith('-00-00');

/**
 * How a title names an occupation whose 大典 name is `name`: by the name or the name without
 * its role ending (`name`), by one of `aliasWords`, the occupation's dictionary role words (`alias`), or by
 * words of neither (`other`: 电焊 for 焊工 is an alias, CNC调机 for 车工 is other).
 */
export function formOf(title: string, name: string, aliasWords: readonly string[]): (typeof FORMS)[number] {
  const core = name.replace(NAME_ENDING, '');
  if (title.includes(name) || (core.length >= 2 && title.includes(core))) return 'name';
  const lower = title.toLowerCase();
  return aliasWords.some((a) => lower.includes(a.toLowerCase())) ? 'alias' : 'other';
}

/**
 * The forms real titles name their occupations by, per 大类 (a 大类 with fewer than
 * `MIN_GROUP_TITLES` specific labels takes `*`), and the words and titles the generator draws each
 * form from: the dictionary's role words, and real forms no dictionary holds whose labels are not
 * doubtful (whole titles of the reserved files; BOSS直聘 position words, decorated like a name).
 * `nameOf` gives a code's 大典 name.
 */
export function countTitleForms(sources: FormSources, nameOf: (code: string) => string | undefined, source: string): TitleForms {
  const roleAliases = sources.aliases.filter((a) => a.tier >= ROLE_TIER);
  const roleWords = new Map<string, string[]>();
  for (const a of roleAliases) (roleWords.get(a.code) ?? roleWords.set(a.code, []).get(a.code)!).push(a.alias);
  const wordsOf = (code: string) => roleWords.get(code) ?? [];

  const counts = new Map<string, Record<(typeof FORMS)[number], number>>();
  for (const r of sources.shareRows) {
    if (!isSpecificCode(r.label_code)) continue;
    const form = formOf(r.title, r.label_name, wordsOf(r.label_code));
    for (const key of [r.label_code[0]!, '*']) {
      const c = counts.get(key) ?? { name: 0, alias: 0, other: 0 };
      c[form]++;
      counts.set(key, c);
    }
  }
  const shares = (c: Record<(typeof FORMS)[number], number>): FormShares => {
    const titles = c.name + c.alias + c.other;
    return {
      titles,
      ...(Object.fromEntries(FORMS.map((f) => [f, Math.round((c[f] / titles) * 1000) / 1000])) as Record<(typeof FORMS)[number], number>),
    };
  };
  const other: TitleForms['other'] = [];
  for (const r of sources.sourceRows) {
    if (isSpecificCode(r.label_code) && !isDoubtful(r.label_note) && formOf(r.title, r.label_name, wordsOf(r.label_code)) === 'other')
      other.push({ text: r.title, code: r.label_code, whole: true, source: r.file });
  }
  for (const w of sources.bossWords) {
    const name = nameOf(w.code);
    if (name === undefined || isDoubtful(w.note) || !isSpecificCode(w.code)) continue;
    if (formOf(w.alias, name, wordsOf(w.code)) === 'other') other.push({ text: w.alias, code: w.code, whole: false, source: 'boss' });
  }
  return {
    source,
    shares: Object.fromEntries(
      [...counts]
        .filter(([k, c]) => k === '*' || c.name + c.alias + c.other >= MIN_GROUP_TITLES)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, c]) => [k, shares(c)]),
    ),
    alias: roleAliases
      .filter((a) => nameOf(a.code) !== undefined && isSpecificCode(a.code))
      .map((a) => ({ text: a.alias, code: a.code }))
      .sort((a, b) => a.code.localeCompare(b.code) || a.text.localeCompare(b.text)),
    other: other.sort((a, b) => a.code.localeCompare(b.code) || a.text.localeCompare(b.text)),
  };
}

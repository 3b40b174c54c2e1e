/**
 * Location text → GB/T 2260 code. Handles short names (南宁 for 南宁市, 广西 for 广西壮族自治区),
 * separators (`柳州-城中区`, `北京·海淀区·中关村`) and glued forms (`广西南宁良庆区`,
 * `深圳深圳宝安区宝安`). The matcher is built once from the code list; lookups are memoised.
 */
import type { Region } from './reference.js';
import { memoize, toHalfWidth, unwrapListLiteral } from './text.js';

/** Precision of a matched location. */
export type LocationLevel = 'province' | 'city' | 'county';

/** The most precise division found in a location text. */
export interface LocationMatch {
  /** 6-digit GB/T 2260 code, null when nothing matched. */
  code: string | null;
  /** Official name of `code`. */
  name: string | null;
  level: LocationLevel | null;
  matched: boolean;
  /** Text left after the matched names (street, business zone, unknown district); '' if none. */
  rest: string;
  /** Why nothing matched. */
  reason?: 'blank' | 'no-match';
}

/** Placeholder rows of the statistical list that are not places. */
const PLACEHOLDER = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划|省直辖县级行政单位)$/;
const ETHNIC =
  /(蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族$/;
const SEPARATORS = /[\s\-·•・|,，、/\\_;；:：()（）【】[\]'"]+/;
const MAX_NAME = 16;
const UNIT_WORD = /^[区县旗镇乡街路村道州盟]$/;

function stripEthnic(name: string): string {
  // 巴音郭楞蒙古自治州 and 博尔塔拉蒙古自治州 omit 族.
  let s = name.replace(/(蒙古|哈萨克|柯尔克孜)$/, '');
  for (;;) {
    const t = s.replace(ETHNIC, '');
    if (t === s || t.length < 2) return s;
    s = t;
  }
}

/** Full name plus the short forms people write, each at least two characters long. */
export function regionAliases(region: Region): string[] {
  const full = region.name;
  const out = new Set<string>([full]);
  const add = (s: string) => {
    if (s.length >= 2) out.add(s);
  };
  if (region.level === 1) {
    add(full.replace(/(省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, ''));
  } else if (region.level === 2) {
    if (/自治州$/.test(full)) add(stripEthnic(full.replace(/自治州$/, '')));
    else add(full.replace(/(市|地区|盟)$/, ''));
  } else {
    if (/自治县$|自治旗$/.test(full)) add(stripEthnic(full.replace(/自治[县旗]$/, '')));
    else if (full.length > 2) add(full.replace(/(新区|矿区|林区|特区|区|县|市|旗)$/, ''));
  }
  return [...out];
}

interface Scope {
  byName: Map<string, Region[]>;
  /** The first two characters of every name → the longest name starting with them. */
  longestByStart: Map<string, number>;
}

function pushTo(map: Map<string, Region[]>, key: string, r: Region): void {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
}

/** A built matcher: call it with any location text. */
export type LocationMatcher = (text: string) => LocationMatch;

/**
 * Builds a matcher over a list of divisions (see {@link buildCoders}). Build it once per run:
 * it indexes every full and short name by level.
 */
export function buildLocationMatcher(regions: readonly Region[], scopeWords: readonly string[] = []): LocationMatcher {
  // 广西区内, 贵州全省: the scope word is a separator, so the text codes to the division before it.
  const scope = scopeWords.length
    ? new RegExp(
        `(?<=\\S)(?:${[...scopeWords]
          .sort((a, b) => b.length - a.length)
          .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|')})(?!辖)`,
        'gu',
      )
    : null;
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const provinces: Scope = { byName: new Map(), longestByStart: new Map() };
  const cities: Scope = { byName: new Map(), longestByStart: new Map() };
  const counties: Scope = { byName: new Map(), longestByStart: new Map() };
  for (const r of regions) {
    if (PLACEHOLDER.test(r.name)) continue;
    const scope = r.level === 1 ? provinces : r.level === 2 ? cities : counties;
    for (const a of regionAliases(r)) {
      pushTo(scope.byName, a, r);
      const start = a.slice(0, 2);
      scope.longestByStart.set(start, Math.max(scope.longestByStart.get(start) ?? 0, a.length));
    }
  }

  /**
   * Longest name at `pos` among regions satisfying `accept`. An ambiguous name (two regions in
   * scope) yields a null region so that callers can refuse to guess.
   */
  function longest(text: string, pos: number, scope: Scope, accept: (r: Region) => boolean): [Region | null, number] | null {
    // Most text starts no name: one lookup of its first two characters says so, and bounds the
    // lengths worth trying.
    if (text.length - pos < 2) return null;
    const maxLen = Math.min(MAX_NAME, text.length - pos, scope.longestByStart.get(text.slice(pos, pos + 2)) ?? 0);
    for (let len = maxLen; len >= 2; len--) {
      const name = text.slice(pos, pos + len);
      const hits = scope.byName.get(name);
      if (!hits) continue;
      // A short name followed by a unit word names some other place (`朝阳区` is not 朝阳市).
      const short = hits.every((r) => r.name !== name);
      if (short && UNIT_WORD.test(text[pos + len] ?? '')) continue;
      const ok = hits.filter(accept);
      if (ok.length === 1) return [ok[0]!, len];
      if (ok.length > 1) return [null, len];
    }
    return null;
  }

  function provinceOf(r: Region): string {
    return `${r.code.slice(0, 2)}0000`;
  }
  function cityOf(r: Region): string {
    return `${r.code.slice(0, 4)}00`;
  }

  function match(raw: string): LocationMatch {
    let text = toHalfWidth(unwrapListLiteral(raw)).trim();
    if (scope) text = text.replace(scope, ' ');
    const segments = text.split(SEPARATORS).filter((s) => s !== '');
    if (segments.length === 0) return { code: null, name: null, level: null, matched: false, rest: '', reason: 'blank' };
    const state: { province: Region | null; city: Region | null; county: Region | null } = { province: null, city: null, county: null };
    const rest: string[] = [];
    for (const seg of segments) {
      let pos = 0;
      while (pos < seg.length && !state.county) {
        const best = step(seg, pos);
        if (!best) break;
        pos += best;
      }
      if (pos < seg.length) rest.push(seg.slice(pos));
    }
    const found = state.county ?? state.city ?? state.province;
    if (!found) return { code: null, name: null, level: null, matched: false, rest: rest.join(' '), reason: 'no-match' };
    return {
      code: found.code,
      name: found.name,
      level: found === state.county ? 'county' : found === state.city ? 'city' : 'province',
      matched: true,
      rest: rest.join(' '),
    };

    /** Advances over one name at `pos`, updating the state; returns the length consumed. */
    function step(seg: string, pos: number): number {
      const { province, city } = state;
      // Repeated names (`深圳深圳宝安区`, `上海上海浦东新区`) are skipped.
      for (const known of [province, city]) {
        if (!known) continue;
        for (const alias of regionAliases(known)) if (seg.startsWith(alias, pos)) return alias.length;
      }
      if (!province && !city) {
        const p = longest(seg, pos, provinces, () => true);
        if (p?.[0]) {
          state.province = p[0];
          return p[1];
        }
      }
      const c = city ? null : longest(seg, pos, cities, (r) => !province || provinceOf(r) === province.code);
      const k = longest(seg, pos, counties, (r) => {
        if (city) return cityOf(r) === city.code || (provinceOf(r) === provinceOf(city) && !byCode.has(cityOf(r)));
        return province ? provinceOf(r) === province.code : true;
      });
      // The longer name wins (`朝阳区` is a district, not 朝阳市 plus `区`); ties go to the city.
      if (c && (!k || c[1] >= k[1])) {
        if (!c[0]) return 0;
        state.city = c[0];
        state.province ??= byCode.get(provinceOf(c[0])) ?? null;
        return c[1];
      }
      if (k) {
        if (!k[0]) return 0;
        state.county = k[0];
        const parent = byCode.get(cityOf(k[0]));
        if (!city && parent && !PLACEHOLDER.test(parent.name)) state.city = parent;
        state.province ??= byCode.get(provinceOf(k[0])) ?? null;
        return k[1];
      }
      return 0;
    }
  }

  return memoize(match);
}

/** A location normaliser that also counts the distinct unknown places it was given. */
export interface LocationNormaliser {
  normalise: LocationMatcher;
  /** Non-blank texts that matched nothing, with how often each was seen. */
  unknownPlaces(): Map<string, number>;
}

/**
 * Creates a counting normaliser over a matcher.
 * @example const loc = createLocationNormaliser(coders.location); loc.normalise('柳州-城中区').code // '450202'
 */
export function createLocationNormaliser(matcher: LocationMatcher): LocationNormaliser {
  const unknown = new Map<string, number>();
  return {
    normalise(text: string) {
      const m = matcher(text);
      if (!m.matched && m.reason === 'no-match') unknown.set(text, (unknown.get(text) ?? 0) + 1);
      return m;
    },
    unknownPlaces: () => unknown,
  };
}

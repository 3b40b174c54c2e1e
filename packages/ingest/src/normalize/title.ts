/**
 * Job-title normaliser used for duplicate detection and as the occupation coder's input:
 * folds width and case, drops 招聘 prefixes, bracketed asides, requisition numbers, city
 * prefixes/suffixes and salary or benefit fragments.
 */
import type { LocationMatcher } from './location.js';
import { memoize, toHalfWidth, unwrapListLiteral } from './text.js';

const PREFIX = /^(招聘|急招|诚聘|高薪诚聘|高薪招聘|直招|热招|急聘|高薪)[:：]?/;
const BRACKETS = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|「[^「」]*」|<[^<>]*>|《[^《》]*》/g;
const SALARY =
  /\d+(\.\d+)?\s*[k千万w](\s*-\s*\d+(\.\d+)?\s*[k千万w]?)?(\/[月年天])?|月薪[过上]?[万千\d]+|年薪[\d万]+|底薪[\d千万]*|高薪|薪资可谈|薪资面议|包吃住|五险一金|双休|周末双休|\+?提成/g;
const REQUISITION = /\b[a-z]{0,4}\d{4,}\b|[-_]\d{3,}$/g;
const SEPARATOR = /[\s]*[-_/|·•~～—–,，、]+[\s]*/;

/** Drops segments that name only a place (`-长沙`, `_南京_北京`) and a leading city (`北京Java开发`). */
function dropPlaces(title: string, normaliseLocation: LocationMatcher): string {
  const parts = title.split(SEPARATOR).filter((p) => /[\p{L}\p{N}]/u.test(p));
  const kept = parts.filter((p) => {
    if (parts.length < 2) return true;
    const m = normaliseLocation(p);
    return !(m.matched && m.rest === '');
  });
  let out = kept.join('-');
  const head = normaliseLocation(out);
  // A glued place is only dropped where the boundary is unmistakable (`北京java开发`,
  // `柳州市招聘…`): `南京大学教师` keeps its organisation name.
  if (head.matched && (head.level === 'city' || head.level === 'province') && head.rest.length >= 2 && out.endsWith(head.rest)) {
    const place = out.slice(0, out.length - head.rest.length);
    if (/^[a-z0-9]/.test(head.rest) || /[市省]$/.test(place)) out = head.rest;
  }
  return out;
}

function normalise(raw: string, location: LocationMatcher): string {
  let t = toHalfWidth(unwrapListLiteral(raw)).toLowerCase().trim();
  t = t.replace(/[（]/g, '(').replace(/[）]/g, ')').replace(PREFIX, '');
  // Nested or unbalanced brackets: strip innermost pairs until none change.
  for (let prev = ''; prev !== t;) {
    prev = t;
    t = t.replace(BRACKETS, ' ');
  }
  t = t
    .replace(/[()[\]【】]/g, ' ')
    .replace(SALARY, ' ')
    .replace(REQUISITION, ' ');
  t = dropPlaces(t, location);
  t = t
    .replace(/\s+/g, ' ')
    // Spaces only survive between two Latin words (`data scientist`).
    .replace(/(?<![a-z0-9]) | (?![a-z0-9])/g, '')
    .replace(/^[-_/|·\s]+|[-_/|·\s]+$/g, '');
  return t;
}

/** A built title normaliser: call it with any job title. */
export type TitleNormaliser = (title: string) => string;

/**
 * Builds the job-title normaliser over a location matcher (places are recognised to be dropped);
 * results are memoised by input.
 * @example const normaliseTitle = buildTitleNormaliser(coders.location);
 * normaliseTitle('招聘高级Java开发工程师（北京）') // '高级java开发工程师'
 * normaliseTitle('数据分析师-北京-03875') // '数据分析师'
 */
export function buildTitleNormaliser(location: LocationMatcher): TitleNormaliser {
  return memoize((title) => normalise(title, location));
}

import { memoize, toHalfWidth, unwrapListLiteral } from './text.js';

const LEGAL_FORM = /(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|总公司|分公司|公司|集团|工作室|事务所)$/;

/**
 * Company key for duplicate detection: width and case folded, bracketed place or branch names
 * dropped (`爱彼智能信息技术（深圳）有限公司` → `爱彼智能信息技术`), legal-form suffixes removed.
 */
export const normaliseCompany: (name: string) => string = memoize((name) => {
  let t = toHalfWidth(unwrapListLiteral(name)).toLowerCase().replace(/（/g, '(').replace(/）/g, ')');
  t = t.replace(/\([^()]*\)/g, '').replace(/\s+/g, '');
  for (let prev = ''; prev !== t;) {
    prev = t;
    t = t.replace(LEGAL_FORM, '');
  }
  return t === '' ? toHalfWidth(name).trim().toLowerCase() : t;
});

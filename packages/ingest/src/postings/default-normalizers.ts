import { parseRequirements, parseSalary, type Coders } from '../normalize/index.js';
import type { PostingNormalizers } from './normalizers.js';

/**
 * The posting normalisers of `normalize/` behind the pipeline's interface, over the coders of the
 * run. Industry coding from the company cell has no graded confidence: a dictionary hit counts as 1.
 * The company and title keys feed the duplicate key (packages/ingest/src/dedupe/).
 */
export function postingNormalizers(coders: Coders): PostingNormalizers {
  return {
    warmUp() {
      coders.occupation('技术员');
      coders.industry('制造业');
      coders.title('南宁');
    },
    salary(text) {
      const s = parseSalary(text);
      return { minMonthly: s.minMonthly, maxMonthly: s.maxMonthly, months: s.monthsPerYear, reason: s.reason ?? null };
    },
    region(text) {
      return coders.location(text).code;
    },
    requirements(education, experience) {
      const r = parseRequirements({ education, experience });
      return { education: r.education, minYears: r.experience?.minYears ?? null, maxYears: r.experience?.maxYears ?? null };
    },
    industry(text) {
      const m = coders.industry(text);
      return m.code ? { code: m.code, confidence: 1 } : null;
    },
    occupation(title, industryText) {
      const m = coders.occupation(title, industryText || undefined);
      return m.code ? { code: m.code, confidence: m.confidence } : null;
    },
    companyKey: (company) => coders.company(company) || null,
    titleKey: (title) => coders.title(title) || null,
  };
}

import {
  codeOccupation,
  markDuplicates,
  normaliseCompany,
  normaliseIndustry,
  normaliseLocation,
  normaliseTitle,
  parseRequirements,
  parseSalary,
} from '../normalize/index.js';
import type { PostingNormalizers } from './normalizers.js';

/**
 * The posting normalisers of `normalize/` (engineer B's) behind the pipeline's interface.
 * Industry coding from the company cell has no graded confidence: a dictionary hit counts as 1.
 * Duplicates: normalize's re-post clusters (same company, title, prefecture and pay within 60 days).
 */
export function defaultNormalizers(): PostingNormalizers {
  return {
    warmUp() {
      codeOccupation('技术员');
      normaliseIndustry('制造业');
      normaliseLocation('南宁');
    },
    salary(text) {
      const s = parseSalary(text);
      return { minMonthly: s.minMonthly, maxMonthly: s.maxMonthly, months: s.monthsPerYear };
    },
    region(text) {
      return normaliseLocation(text).code;
    },
    requirements(education, experience) {
      const r = parseRequirements({ education, experience });
      return { education: r.education, minYears: r.experience?.minYears ?? null, maxYears: r.experience?.maxYears ?? null };
    },
    industry(text) {
      const m = normaliseIndustry(text);
      return m.code ? { code: m.code, confidence: 1 } : null;
    },
    occupation(title, industryText) {
      const m = codeOccupation(title, industryText || undefined);
      return m.code ? { code: m.code, confidence: m.confidence } : null;
    },
    companyKey: (company) => normaliseCompany(company) || null,
    titleKey: (title) => normaliseTitle(title) || null,
    async markDuplicates(conn, table) {
      await markDuplicates(conn, table, { key: 'dedup_key' });
    },
  };
}

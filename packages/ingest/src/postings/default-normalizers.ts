import { normaliseIndustry } from '../normalize/industry.js';
import { normaliseLocation } from '../normalize/location.js';
import { parseRequirements } from '../normalize/requirements.js';
import { parseSalary } from '../normalize/salary.js';
import type { PostingNormalizers } from './normalizers.js';

/**
 * The posting normalisers of `normalize/` behind the pipeline's interface. Industry coding from
 * the company cell has no graded confidence yet: a dictionary hit counts as 1.
 */
export function defaultNormalizers(): PostingNormalizers {
  return {
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
  };
}

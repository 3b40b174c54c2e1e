import { describe, expect, it } from 'vitest';
import { EDUCATION_LEVELS } from '@talent/models';
import { educationRank, parseEducation, parseExperience, parseRequirements } from './requirements.js';

describe('education and experience', () => {
  it('orders education from 不限 to 博士', () => {
    expect(EDUCATION_LEVELS[0]).toBe('unrestricted');
    expect(educationRank('associate')).toBeLessThan(educationRank('bachelor'));
    expect(educationRank('senior_secondary')).toBeLessThan(educationRank('associate'));
  });

  it.each([
    [{ experience: '1-3年本科' }, 'bachelor', 'y1_3'],
    [{ experience: '经验不限学历不限' }, 'unrestricted', 'unrestricted'],
    [{ experience: '在校/应届本科' }, 'bachelor', 'student'],
    [{ experience: '4天/周6个月本科' }, 'bachelor', 'student'],
    [{ experience: '1年以内大专' }, 'associate', 'lt1'],
    [{ experience: '5-10年硕士' }, 'master', 'y5_10'],
    [{ experience: '10年以上博士' }, 'doctorate', 'y10_plus'],
    // 51job 2019: experience missing, so 学历 shifted into the experience column.
    [{ experience: "['本科']", education: '[]' }, 'bachelor', null],
    [{ experience: '3-4年工作经验', education: '大专' }, 'associate', 'y3_5'],
    // lagou: bare 不限 in each column means unrestricted for that column only.
    [{ experience: '不限', education: '本科' }, 'bachelor', 'unrestricted'],
    [{ experience: '3-5年', education: '不限' }, 'unrestricted', 'y3_5'],
    [{ experience: '5年以上', education: '中专/中技及以上' }, 'senior_secondary', 'y5_10'],
    [{ experience: '无需经验', education: '', other: ['无需经验,本科,python,五险一金'] }, 'bachelor', 'unrestricted'],
    [{ other: ['3-4年,本科,python,14-18薪'] }, 'bachelor', 'y3_5'],
  ] as const)('%j', (cells, education, band) => {
    const q = parseRequirements(cells);
    expect(q.education).toBe(education);
    expect(q.experience?.band ?? null).toBe(band);
  });

  it('keeps the stated year bounds', () => {
    expect(parseExperience('3-4年')).toEqual({ band: 'y3_5', minYears: 3, maxYears: 4 });
    expect(parseExperience('3年以上')).toEqual({ band: 'y3_5', minYears: 3, maxYears: null });
    expect(parseExperience('英语熟练')).toBeNull();
    expect(parseEducation('普通话良好')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { readMapping } from '../sources/mappings.js';
import { join } from 'node:path';
import { config } from '../../test/helpers/coders.js';
import { compileTransforms } from './transforms.js';

const mapping = (source: string) => readMapping(join(config.sourcesDir, `${source}.json`));

describe('mapping transforms on real sample rows', () => {
  it('51job 2019: moves 学历 out of 工作经验 when experience is missing, strips 招…人', () => {
    const run = compileTransforms(mapping('job51_2019').transforms);
    const shifted = {
      experience_text: '本科',
      education_text: '',
      headcount: '招2人',
      company_industry_text: '民营公司| 500-1000人| 教育/培训/院校 计算机软件',
    };
    run(shifted);
    expect(shifted).toMatchObject({ experience_text: '', education_text: '本科', headcount: '2', company_size_text: '500-1000人' });
    const language = { experience_text: '大专', education_text: '英语良好', headcount: '若干' };
    run(language);
    expect(language).toMatchObject({ experience_text: '', education_text: '大专', headcount: '' });
    const normal = { experience_text: '1年工作经验', education_text: '大专' };
    run(normal);
    expect(normal).toMatchObject({ experience_text: '1年工作经验', education_text: '大专' });
  });

  it('liepin 2019: composes the salary text from the pre-split K columns and keeps 面议', () => {
    const run = compileTransforms(mapping('liepin_2019').transforms);
    const row = {
      title: '招聘数据分析师',
      salary_low_k: '10',
      salary_high_k: '15',
      salary_months_raw: '14',
      city: '上海',
      district: '静安区',
    };
    run(row);
    expect(row).toMatchObject({ title: '数据分析师', salary_text: '10-15K·14薪', location_text: '上海-静安区' });
    const negotiable = {
      title: '招聘数据统计',
      salary_low_k: '面议',
      salary_high_k: '',
      salary_months_raw: '',
      city: '北京',
      district: '',
    };
    run(negotiable);
    expect(negotiable).toMatchObject({ salary_text: '面议', location_text: '北京' });
  });

  it('demo board C: English vocabularies are translated for the normalisers', () => {
    const run = compileTransforms(mapping('demo_source_c').transforms);
    const row = {
      loc_province: '广西壮族自治区',
      loc_city: '柳州市',
      pay_min: '5000',
      pay_max: '7000',
      pay_period: 'day',
      pay_months: '12',
      education_text: 'junior_college',
      experience_years: '0',
    };
    run(row);
    expect(row).toMatchObject({
      location_text: '广西壮族自治区柳州市',
      salary_text: '5000-7000元/天·12薪',
      education_text: '大专',
      experience_text: '0年以上',
    });
  });

  it('demo yearbook: map into another field codes 全区 beside the name as printed, other names untouched', () => {
    const run = compileTransforms(mapping('demo_yearbook').transforms);
    const province = { region_text: '全区' };
    run(province);
    expect(province).toEqual({ region_text: '全区', region_code: '450000' });
    const city = { region_text: '柳州市' };
    run(city);
    expect(city).toEqual({ region_text: '柳州市' });
  });
});

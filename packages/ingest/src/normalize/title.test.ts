import { describe, expect, it } from 'vitest';
import { coders } from '../../test/helpers/coders.js';

const normaliseTitle = coders.title;

describe('normaliseTitle', () => {
  it.each([
    ['招聘高级Java开发工程师（北京）', '高级java开发工程师'],
    ['招聘数据分析师', '数据分析师'],
    ['数据分析师-北京-03875', '数据分析师'],
    ['软件开发工程师-长沙', '软件开发工程师'],
    ['Python开发工程师(J10934)', 'python开发工程师'],
    ['数据工程师 (MJ000251)', '数据工程师'],
    ['网络销售-五险一金+月薪过万', '网络销售'],
    ['高薪/Python开发工程师', 'python开发工程师'],
    ['Ｐｙｔｈｏｎ工程师', 'python工程师'],
    ['北京Java开发', 'java开发'],
    ['Data Scientist Manager 数据科学经理（西安）', 'data scientist manager数据科学经理'],
    ["['大数据开发工程师']", '大数据开发工程师'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseTitle(raw)).toBe(expected);
  });

  it('keeps an organisation name that starts with a city', () => {
    expect(normaliseTitle('南京大学教师')).toBe('南京大学教师');
  });
  it('makes re-posts of one vacancy compare equal', () => {
    expect(normaliseTitle('招聘Python开发工程师（15-25K）')).toBe(normaliseTitle('Python 开发工程师-深圳'));
  });
});

describe('the company key', () => {
  it('drops legal form and bracketed place', () => {
    expect(coders.company('爱彼智能信息技术（深圳）有限公司')).toBe('爱彼智能信息技术');
    expect(coders.company('广西柳工机械股份有限公司')).toBe(coders.company('广西柳工机械(集团)有限公司'));
  });
});

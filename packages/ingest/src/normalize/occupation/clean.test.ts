import { describe, expect, it } from 'vitest';
import { coders } from '../../../test/helpers/coders.js';
import { cleanTitle } from './clean.js';

// Real titles from the coder corpus's train split (packages/ingest/test/fixtures/coder-corpus/train.csv).
const clean = (title: string) => cleanTitle(title, coders.location);

describe('cleanTitle', () => {
  it('sets the employer before a recruiting verb aside, wherever 招聘 stands', () => {
    expect(clean('北京链家招聘：销售代表，应届生')).toMatchObject({ segments: ['销售代表'], asides: ['北京链家'] });
    expect(clean('链家总部招聘置业顾问')).toMatchObject({ core: '置业顾问', asides: ['链家总部'] });
    expect(clean('电子厂 招聘残疾人：')).toMatchObject({ core: '残疾人', asides: ['电子厂'] });
    expect(clean('急急急+大量招聘暑期工').core).toBe('暑期工');
    expect(clean('苏州支付宝渠道推广专员招聘').core).toBe('苏州支付宝渠道推广专员');
  });

  it('keeps 招聘 when it is the role itself', () => {
    expect(clean('招聘专员').core).toBe('招聘专员');
    expect(clean('BD营销推广顾问/招聘顾问/职位交付顾问').segments).toEqual(['bd营销推广顾问', '招聘顾问', '职位交付顾问']);
  });

  it('takes bracketed text aside and drops requisition numbers', () => {
    expect(clean('普工（包吃住）')).toMatchObject({ core: '普工', asides: ['包吃住'] });
    expect(clean('双休五险一金客服文员（偏文职）')).toMatchObject({ core: '客服文员', asides: ['偏文职'] });
    expect(clean('数据仓库工程师-杭州-00134').core).toBe('数据仓库工程师');
  });

  it('drops pay, benefit and urgency words', () => {
    expect(clean('月薪8000诚聘销售').core).toBe('销售');
    expect(clean('机票操作员月薪6千五险一金双休').core).toBe('机票操作员');
    expect(clean('互联网区域销售专员+五险一金+高薪直招').core).toBe('互联网区域销售专员');
    expect(clean('3千-5千诚聘销售实习生 高薪+晋升').core).toBe('销售');
    expect(clean('餐厅主管（工资面议）').core).toBe('餐厅主管');
    expect(clean('粤语推广专员 3K底薪+绩效+提成').core).toBe('粤语推广专员');
  });

  it('drops the shifts, hiring conditions and pay days of factory and gig boards', () => {
    expect(clean('普工-长白班').core).toBe('普工');
    expect(clean('坐车巡逻保安长白班6K').core).toBe('坐车巡逻保安');
    expect(clean('华为超级工厂贴标签五险一金白班包吃住').core).toBe('华为超级工厂贴标签');
    expect(clean('地铁安检/不体检/无费用入职').core).toBe('地铁安检');
    expect(clean('蓝牙耳机看外观长白班包吃住不查纹身7千＋').core).toBe('蓝牙耳机看外观');
    expect(clean('长期班助教班主任/包餐可接受小白(J12320)').core).toBe('长期班助教班主任');
    expect(clean('急招网约车司机工资周结').core).toBe('网约车司机');
  });

  it('drops day and hour rates written without a unit, and 丨 separates', () => {
    expect(clean('坐班普工330/天丨包吃住丨可预支').core).toBe('普工');
    expect(clean('三星仓管员上五休二350一天月入过万').core).toBe('三星仓管员');
    expect(clean('日结保安190一天节假日300一天').segments).toEqual(['保安', '节假日']);
    expect(clean('260元/天丨短期丨阳逻分拣装卸').segments).toEqual(['短期', '阳逻分拣装卸']);
  });

  it('leaves nothing of a title that names only pay and conditions', () => {
    expect(clean('长白班日入300 + 包吃包住').core).toBe('');
    expect(clean('350/天长白班包住免体检可预支').core).toBe('');
  });

  it('keeps 居家 and 宿舍 where they name the work, dropping 居家办公 and a dormitory offered', () => {
    expect(clean('居家打字员').core).toBe('居家打字员');
    expect(clean('居家办公客服兼职').core).toBe('客服');
    expect(clean('美容院前台做一休一/大专学历/宿舍/五险一金').segments).toEqual(['美容院前台', '大专学历']);
    // Not a corpus title: the dormitory keeper of factories and schools.
    expect(clean('宿舍管理员').core).toBe('宿舍管理员');
  });

  it('keeps a pay, bonus or drive word that is part of the role', () => {
    expect(clean('施工资料员').core).toBe('施工资料员');
    expect(clean('薪资核算专员').core).toBe('薪资核算专员');
    expect(clean('薪酬绩效专员').core).toBe('薪酬绩效专员');
    expect(clean('绩效主管').core).toBe('绩效主管');
    expect(clean('招聘会计助理').core).toBe('会计助理');
    expect(clean('招聘会：普工（包吃住）').core).toBe('普工');
  });

  it('drops place segments', () => {
    expect(clean('研发经理-长沙').segments).toEqual(['研发经理']);
    expect(clean('招聘数据分析师-深圳').segments).toEqual(['数据分析师']);
  });

  it('drops seniority and trainee words, noting them', () => {
    expect(clean('高级数据仓库工程师-SH2919')).toMatchObject({ core: '数据仓库工程师', senior: true });
    expect(clean('资深销售顾问')).toMatchObject({ core: '销售顾问', senior: true });
    // School stages, not ranks: the 大典 names 初级中学教师 and 高级中学教师 apart.
    expect(clean('初级中学教师（柳州）')).toMatchObject({ core: '初级中学教师', senior: false });
    expect(clean('高级中学数学教师')).toMatchObject({ core: '高级中学数学教师', senior: false });
    expect(clean('高级初级中学教师')).toMatchObject({ core: '初级中学教师', senior: true });
    expect(clean('模型数据标签实习生')).toMatchObject({ core: '模型数据标签', intern: true });
    expect(clean('（实习）数字化项目实习生')).toMatchObject({ core: '数字化项目', intern: true });
    expect(clean('北京链家诚聘销售精英/储备店经理').segments).toContain('店经理');
  });

  it('keeps language names whole and joins characters spaced out one by one', () => {
    expect(clean('C++开发工程师').core).toBe('cpp开发工程师');
    expect(clean('司 机').core).toBe('司机');
  });
});

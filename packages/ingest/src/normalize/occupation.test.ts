import { describe, expect, it } from 'vitest';
import { coders, reference } from '../../test/helpers/coders.js';
import { buildItField } from './occupation/lexicon.js';
import { buildOccupationCoder, occupationLevel, occupationPrefix } from './occupation.js';

// Titles are real: the train split of the coder corpus (packages/ingest/test/fixtures/coder-corpus/)
// and the examples issue 15 quotes from real postings outside the project.
const code = coders.occupation;

describe('occupation coder: the error kinds of issue 15', () => {
  it('codes the role after an employer prefix and 招聘, never 招聘 itself', () => {
    expect(code('北京链家招聘：销售代表，应届生', '房地产 中介服务').code).toBe('4-06-02-01');
    expect(code('链家总部招聘置业顾问').code).toBe('4-06-02-01');
    expect(code('电子厂 招聘残疾人：')).toMatchObject({ code: '6-25-00-00', level: '中类' });
    for (const t of ['链家招聘店长销售经理', '高薪招聘理财顾问', '急急急+大量招聘暑期工']) expect(code(t).code).not.toBe('4-07-03-08');
    expect(code('招聘专员').code).toBe('4-07-03-08');
  });

  it('does not latch a bare generic head onto the one occupation whose name holds it', () => {
    expect(code('设计师').code).not.toBe('6-02-06-12'); // 酒体设计师
    expect(code('顾问').code).not.toBe('2-07-09-00'); // 法律顾问
    expect(code('教练').code).not.toBe('2-09-07-01'); // 教练员
    expect(code('技术员').code).not.toBe('5-05-01-01'); // 农业技术员
    expect(code('健身教练').code).toBe('4-14-05-00');
  });

  it('codes no bare word that names no occupation, and codes it once its brackets name the trade', () => {
    // occupation_bare_words.csv: the corpus rules label such titles none.
    expect(reference.occupationBareWords.length).toBeGreaterThanOrEqual(10);
    for (const w of reference.occupationBareWords) {
      const m = code(w);
      expect(m.level === null || m.level === '中类' || m.level === '小类', w).toBe(true);
      expect(code(`${w}（包吃住）`).level, w).not.toBe('细类');
    }
    for (const w of ['经理', '主管', '师傅', '教练', '技术员', '设计师', '工程师']) expect(code(w).code, w).toBeNull();
    expect(code('技术员（数控）').code).toBe('6-18-01-07');
    expect(code('师傅（电焊）').code).toBe('6-18-02-04');
    expect(code('经理（销售）').code).toBe('4-01-02-01');
    expect(code('技术员', '注塑').code).toBe('6-14-02-00');
    // The context names the trade of a bare word only when it names one: a bare word stays uncoded beside noise.
    expect(code('技术员', '100-499人 已上市').code).toBeNull();
    expect(code('师傅', '电焊').code?.[0]).toBe('6');
  });

  it('does not code a non-IT field to IT on an IT alias', () => {
    const itField = buildItField(reference.occupationItField);
    for (const t of ['整车测试工程师', '电动工具产品经理', '电力运维工程师', '高级生产测试工程师']) {
      const m = code(t);
      expect(m.code, t).not.toBeNull();
      expect(itField.has(m.code!), t).toBe(false);
    }
    expect(code('电力运维工程师').code).toBe('2-02-12-00');
    expect(code('大数据测试工程师').code).toBe('4-04-05-02');
  });

  it('codes managers by their function, heads of a business as 企业经理, and a bare 经理 not at all', () => {
    expect(code('销售经理').code).toBe('4-01-02-01');
    expect(code('电销团队经理').code).toBe('4-01-02-01');
    expect(code('财务经理').code).toBe('2-06-03-00');
    expect(code('仓储经理').code).toBe('4-02-06-01');
    expect(code('营业部经理').code).toBe('1-06-01-02');
    expect(code('经理')).toMatchObject({ code: null, level: null, confidence: 0 });
  });

  it('codes manufacturing titles by their trade (大类 6)', () => {
    expect(code('注塑成型技术员').code).toBe('6-14-02-00');
    expect(code('CNC技术员').code).toBe('6-18-01-07');
    expect(code('数控车床操作工').code).toBe('6-18-01-07');
    expect(code('钢琴表面抛光普工').code).toBe('6-09-02-01');
    expect(code('展运电子厂普工')).toMatchObject({ code: '6-25-00-00', level: '中类' });
  });

  it('codes 普工, 操作工 and 师傅 to the level their trade is decided', () => {
    expect(code('普工（包吃住）')).toMatchObject({ code: '6-00-00-00', level: '大类' });
    expect(code('操作工', '汽车零部件制造').code?.[0]).toBe('6');
    expect(code('装修师傅').code).toBe('6-29-04-01');
    expect(code('师傅').code).toBeNull();
  });

  it('follows the services conventions (销售, 客服, 运营)', () => {
    expect(code('淘宝客服').code).toBe('4-07-02-03');
    expect(code('电商运营').code).toBe('4-01-06-01');
    expect(code('新媒体运营').code).toBe('4-13-01-05');
    expect(code('运营')).toMatchObject({ code: '4-01-06-00', level: '小类' });
  });
});

describe('occupation coder', () => {
  it('codes the 大典 names of 大类 5, 7 and 8, which the corpus lacks', () => {
    expect(code('护林员').code).toBe('5-02-03-01');
    expect(code('家禽饲养员').code).toBe('5-03-02-02');
    expect(code('军队文职').code).toBe('7-04-00-00');
    expect(code('勤杂工').code).toBe('8-00-00-00');
    expect(code('行政文职').code?.[0]).toBe('3');
  });

  it('codes the school stages 初级中学 and 高级中学 as teachers of the stage, not as ranks', () => {
    expect(code('初级中学教师')).toMatchObject({ code: '2-08-02-03', level: '细类' });
    expect(code('高级中学教师')).toMatchObject({ code: '2-08-02-01', level: '细类' });
    expect(code('初级中学教师').confidence).toBeGreaterThan(0.8);
  });

  it('codes an occupation by the name the 大典 gives it where its code is named otherwise', () => {
    // 46 occupations of the 大典 sit at 小类 or 中类 codes named for the group (6-29-05-00 古建筑修建人员)
    // while the occupation is 古建筑工; bureaus' shortage tables and boards write the occupation's name.
    for (const [title, want] of [
      ['古建筑工', '6-29-05-00'],
      ['兽药制造工', '6-12-04-00'],
      ['药物制剂工', '6-12-03-00'],
      ['电池制造工', '6-24-04-00'],
      ['金融科技师', '2-06-14-00'],
    ] as const) {
      const coded = code(title);
      expect([title, coded.code, coded.level]).toEqual([title, want, '细类']);
    }
  });

  it('states the level of its code and a probability as confidence', () => {
    for (const t of ['软件测试工程师', '运营', '普工', 'Python', '给你一份开心的工作']) {
      const m = code(t);
      expect(m.confidence).toBeGreaterThanOrEqual(0);
      expect(m.confidence).toBeLessThanOrEqual(1);
      if (m.code === null) expect(m).toMatchObject({ level: null, confidence: 0, name: null });
      else {
        expect(m.level).not.toBeNull();
        expect(reference.occupations.find((o) => o.code === m.code)?.name).toBe(m.name);
        if (m.level !== '细类') expect(occupationLevel(m.code)).toBe(m.level);
      }
    }
    // Confidences compare between claims at one level (a 小类 is right more often than a 细类 of
    // the same title): a software tester named outright is surer than a bare 测试, which also
    // heads hardware, vehicle and materials testing titles.
    const named = code('软件测试工程师');
    const bare = code('测试');
    expect([named.code, bare.code, named.level, bare.level]).toEqual(['4-04-05-02', '4-04-05-02', '细类', '细类']);
    expect(named.confidence).toBeGreaterThan(bare.confidence + 0.2);
  });

  it('is built from the data passed in and rejects codes outside the 大典', () => {
    const options = {
      occupations: reference.occupations,
      aliases: reference.occupationAliases,
      composition: reference.occupationComposition,
      itField: reference.occupationItField,
      bareWords: reference.occupationBareWords,
      model: reference.occupationModel,
      calibration: reference.occupationCalibration,
      location: coders.location,
    };
    expect(buildOccupationCoder(options)('注塑成型技术员')).toEqual(code('注塑成型技术员'));
    expect(() => buildOccupationCoder({ ...options, aliases: [{ alias: '开发', code: '9-99-99-99', tier: 1 }] })).toThrow(
      /not a 大典 2022 code/,
    );
    expect(() => buildOccupationCoder({ ...options, itField: [{ code: '2-02-10-00', teachingCode: '4-07-03-99' }] })).toThrow(
      /IT field 2-02-10-00 → 4-07-03-99 is not a 大典 2022 code/,
    );
  });
});

describe('occupation code levels', () => {
  it('reads the level from the code', () => {
    expect(occupationLevel('2-00-00-00')).toBe('大类');
    expect(occupationLevel('2-02-00-00')).toBe('中类');
    expect(occupationLevel('2-06-02-00')).toBe('小类');
    expect(occupationLevel('2-02-10-03')).toBe('细类');
    expect(occupationPrefix('2-02-10-03', '小类')).toBe('2-02-10');
    expect(occupationPrefix('6-31-00-00', '小类')).toBeNull();
    expect(occupationPrefix('6-31-00-00', '大类')).toBe('6');
  });
});

import { describe, expect, it } from 'vitest';
import { coders, reference } from '../../test/helpers/coders.js';
import { buildIndustryMatcher } from './industry.js';

const normaliseIndustry = coders.industry;

describe('normaliseIndustry on platform cells (real scrapes)', () => {
  it.each([
    ['互联网A轮1000-9999人', '64'],
    ['计算机软件不需要融资10000人以上', '651'],
    ['数据服务不需要融资100-499人', '6450'],
    ['民营公司| 500-1000人| 教育/培训/院校 计算机软件', '83'],
    ['民营公司| 50-150人| 计算机软件 计算机服务(系统、数据服务、维修)', '651'],
    ['国企| 通信/电信运营、增值服务', '631'],
    ['移动互联网,O2O', '64'],
    ['互联网移动互联网电子商务，计算机软件，服务系统集成', '64'],
    ['基金证券投资', '67'],
    ['医疗设备/器械', '358'],
    // Two 51job labels stay two labels: the first (房地产), not the fused 房地产中介服务 (7030).
    ['民营公司| 10000人以上| 房地产 中介服务', '70'],
    // lagou's 其他 says nothing, so the next label decides.
    ['其他,金融', 'J'],
    // liepin writes some official names; 学前教育 is 中类 831 whose only 小类 is 8310.
    ['新闻和出版业', '86'],
    ['学前教育未融资0-20人', '8310'],
  ])('%s → %s', (text, code) => {
    expect(normaliseIndustry(text)).toMatchObject({ code, matched: true });
  });
});

describe('normaliseIndustry on official GB/T 4754-2017 names', () => {
  it.each([
    // 大类 names as the demo boards write them; the first four were mis-coded by substring before.
    ['计算机、通信和其他电子设备制造业', '39'],
    ['软件和信息技术服务业', '65'],
    ['文教、工美、体育和娱乐用品制造业', '24'],
    ['金属制品、机械和设备修理业', '43'],
    ['货币金融服务', '66'],
    ['电信、广播电视和卫星传输服务', '63'],
    ['批发业', '51'],
    ['零售业', '52'],
    ['卫生', '84'],
    ['农副食品加工业', '13'],
    ['农、林、牧、渔专业及辅助性活动', '05'],
    // 门类 names.
    ['信息传输、软件和信息技术服务业', 'I'],
    ['居民服务、修理和其他服务业', 'O'],
    ['卫生和社会工作', 'Q'],
    ['制造业', 'C'],
    // A name on several levels: the finest level that means the same (K holds only 70, P only 83,
    // 12 only 120 only 1200), but not below a level with siblings (45 has 451 and 452).
    ['房地产业', '70'],
    ['教育', '83'],
    ['其他采矿业', '1200'],
    ['燃气生产和供应业', '45'],
    // Suffix and punctuation variants.
    ['食品制造', '14'],
    ['食品制造行业', '14'],
    ['汽车制造', '36'],
    ['软件和信息技术服务', '65'],
    ['批发行业', '51'],
    ['计算机/通信/其他电子设备制造业', '39'],
    ['瓶（罐）装饮用水制造', '1522'],
    // 轮 inside a name is not liepin's funding stage.
    ['轮胎制造', '2911'],
    ['客运轮渡运输', '5513'],
  ])('%s → %s', (text, code) => {
    expect(normaliseIndustry(text)).toMatchObject({ code, matched: true });
  });

  it('says which vocabulary matched', () => {
    expect(normaliseIndustry('食品制造业').method).toBe('official-name');
    expect(normaliseIndustry('计算机软件').method).toBe('dictionary');
    expect(normaliseIndustry('食品制造行业').method).toBe('official-variant');
    expect(normaliseIndustry('互联网行业').method).toBe('dictionary-variant');
    expect(normaliseIndustry('计算机软件不需要融资10000人以上').method).toBe('dictionary');
    expect(normaliseIndustry('游戏·互联网公司').method).toBe('substring');
  });

  it('leaves a name shared by unrelated codes uncoded instead of guessing', () => {
    const nodes = [
      { code: 'A', name: '农、林、牧、渔业', parentCode: null },
      { code: '01', name: '农业', parentCode: 'A' },
      { code: 'F', name: '批发和零售业', parentCode: null },
      { code: '51', name: '批发业', parentCode: 'F' },
      { code: '011', name: '种子', parentCode: '01' },
      { code: '511', name: '种子', parentCode: '51' },
    ];
    const match = buildIndustryMatcher([], nodes);
    expect(match('种子')).toMatchObject({ code: null, reason: 'no-match' });
    expect(match('批发业')).toMatchObject({ code: '51', method: 'official-name' });
  });
});

describe('normaliseIndustry on cells that are not an industry', () => {
  it.each([
    // liepin's drifted funding stages, ownership and size only.
    ['轮', 'funding-or-size-only'],
    ['未融资', 'funding-or-size-only'],
    ['上市', 'funding-or-size-only'],
    ['民营|50-150人', 'funding-or-size-only'],
    // Explicit non-answers (lagou, liepin, BOSS).
    ['其他', 'unspecified'],
    ['全部行业', 'unspecified'],
    ['其他行业A轮20-99人', 'unspecified'],
    // Experience values shifted into 所属行业 by malformed demo rows.
    ['1-3年', 'not-an-industry'],
    ['经验不限', 'not-an-industry'],
    ['应届生', 'not-an-industry'],
    ['', 'blank'],
    ['元宇宙', 'no-match'],
  ])('%s → unknown (%s)', (text, reason) => {
    expect(normaliseIndustry(text)).toMatchObject({ code: null, matched: false, reason });
  });
});

describe('the dictionary and the code list', () => {
  it('maps every dictionary term to a code of the GB/T 4754-2017 list and refuses unknown codes', () => {
    const known = new Set(reference.industries.map((i) => i.code));
    const terms = reference.industryTerms;
    expect(terms.length).toBeGreaterThan(300);
    expect(terms.filter((t) => !known.has(t.code))).toEqual([]);
    expect(() => buildIndustryMatcher([{ term: '互联网', code: '9999' }], reference.industries)).toThrow(/not a GB\/T 4754/);
  });

  it('reads the tree with every parent present', () => {
    const tree = reference.industries;
    const codes = new Set(tree.map((n) => n.code));
    expect(tree.length).toBeGreaterThan(1900);
    expect(tree.filter((n) => n.parentCode !== null && !codes.has(n.parentCode))).toEqual([]);
    expect(tree.filter((n) => n.parentCode === null).map((n) => n.code)).toHaveLength(20);
  });
});

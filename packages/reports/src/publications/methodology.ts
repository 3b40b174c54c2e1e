import type { DuckDBConnection } from '@duckdb/node-api';
import { query } from './sql.js';

/** 指标解释: one definition per term, shared by every publication that prints the term. */
const TERMS = {
  employment: { term: '就业人员', definition: '城镇单位就业人员按行业大类推算至全部就业人员的估计数；预测年份为模型预测值。' },
  openings: {
    term: '岗位需求',
    definition:
      '一年内需要补充的从业人员数 = 扩张需求（就业人员增加数，减少时为负）+ 替补需求（上年从业人员中退出劳动力市场和转换职业的人数）。',
  },
  supply: {
    term: '人才供给',
    definition:
      '当年可进入该职业的人员估计数：应届毕业生中就业的人数（按专业与职业对应关系分配）加其他求职人员（有经验的求职者、流动人员等）。',
  },
  gap: { term: '供需缺口', definition: '岗位需求减人才供给；正值表示需求大于供给。' },
  estimate: {
    term: '估算值',
    definition:
      '预测起始年及以前各年的岗位需求、人才供给和供需缺口不是直接统计数，而是按与预测年份相同的方法，由当年实际就业人员、毕业生等数据估算的数值。',
  },
  ratio: {
    term: '需求供给比',
    definition:
      '岗位需求与人才供给之比，口径同求人倍率（需求人数÷求职人数）：如为1.25，表示每100名求职者可选择125个岗位。与人才网发布的“人才供求比”（求职人数÷需求人数）互为倒数。',
  },
  interval: {
    term: '预测区间',
    definition:
      '预测值在给定概率下可能落入的范围。95%预测区间来自预测模型，其宽度按年度时间序列（M3预测竞赛数据）的实际预测误差校准；图中深色带为80%预测区间，浅色带为95%预测区间。岗位需求的区间由就业人员的区间推得：岗位需求是就业人员存量中的年度流量，就业人员几个百分点的不确定即可使扩张需求、从而岗位需求的区间明显变宽，读数时以预测值为主，区间表示可能的波动范围。',
  },
  placement: { term: '毕业去向落实率', definition: '（协议和合同就业 + 灵活就业 + 自主创业 + 应征入伍 + 升学 + 出国出境）÷ 毕业生数。' },
  disclosure: {
    term: '数据保护',
    definition:
      '1—4人的人数不公布，并按需要隐去其他单元格，使其无法由合计推算；分母不足23人的比例、不足8人的平均数不公布。隐去的单元格一律以“*”表示。',
  },
} as const;

export type Term = keyof typeof TERMS;

/** The note under a table or chart whose years before the forecast are estimates (the 估算值 term). */
export const ESTIMATE_NOTE = TERMS.estimate.definition;

/** Why a table ordered by the gap may show a 基本平衡 among occupations whose demand exceeds supply. */
export const LEVEL_NOTE =
  '紧缺程度按紧缺指数判定，综合需求供给比、招聘岗位增长、招聘薪酬增长和列入紧缺职业排行的情况，并非只看供需缺口，因此需求大于供给的职业也可能为“基本平衡”。';

/** The same note for employment: the yearbook publishes urban units only, and the rest is an estimate. */
export const EMPLOYMENT_ESTIMATE_NOTE =
  '预测起始年及以前各年的就业人员不是直接统计数，而是由统计年鉴城镇单位就业人员按行业大类推算至全部就业人员的估计数。';

export function methodologyItems(terms: readonly Term[]): { term: string; definition: string }[] {
  return terms.map((t) => TERMS[t]);
}

/** 紧缺指数 and 紧缺程度 as the warehouse computes them: weights and cut-offs read from ref.projection_parameter. */
export async function shortageTerms(conn: DuckDBConnection): Promise<{ term: string; definition: string }[]> {
  const rows = await query<{ name: string; value: number }>(
    conn,
    `SELECT name, value FROM ref.projection_parameter WHERE name LIKE 'shortage_%'`,
  );
  const p = (name: string) => {
    const r = rows.find((x) => x.name === name);
    if (!r) throw new Error(`ref.projection_parameter has no ${name}`);
    return r.value;
  };
  const f2 = (v: number) => v.toFixed(2);
  return [
    {
      term: '紧缺指数',
      definition: `0—1之间的综合指数：需求供给比（权重${p('shortage_weight_ratio')}）、招聘岗位增长（${p('shortage_weight_posting_growth')}）、招聘薪酬增长（${p('shortage_weight_pay_growth')}）、列入公共就业服务机构缺工排行的季度占比（${p('shortage_weight_official_list')}）各自折算为0—1的得分后加权求和；0.5表示无明显信号。`,
    },
    {
      term: '紧缺程度',
      definition: `按紧缺指数分级：紧缺（≥${f2(p('shortage_threshold_acute'))}）、较紧缺（${f2(p('shortage_threshold_tight'))}—${f2(p('shortage_threshold_acute'))}）、基本平衡（${f2(p('shortage_threshold_balanced'))}—${f2(p('shortage_threshold_tight'))}）、供大于求（<${f2(p('shortage_threshold_balanced'))}）。`,
    },
  ];
}

/**
 * The change factors of the staffing matrix a bureau stated (ref.staffing_change), as an item of 指标解释: the
 * occupation-level figures rest on them, so a publication that prints them says so. None when there are none.
 */
export async function staffingChangeTerms(conn: DuckDBConnection): Promise<{ term: string; definition: string }[]> {
  const rows = await query<{ occupation: string; industry: string; change: number; basis: string }>(
    conn,
    `SELECT coalesce(o.name, c.occupation_code) AS occupation,
       CASE c.industry_code WHEN '*' THEN '各行业' ELSE coalesce(i.name, c.industry_code) END AS industry,
       c.annual_change AS change, c.basis
     FROM ref.staffing_change c LEFT JOIN ref.occupation o ON o.code = c.occupation_code LEFT JOIN ref.industry i ON i.code = c.industry_code
     ORDER BY c.occupation_code, c.industry_code`,
  );
  if (rows.length === 0) return [];
  const rate = (v: number) => `${v < 0 ? '减少' : '增加'}${(Math.abs(v) * 100).toFixed(1)}%`;
  return [
    {
      term: '职业结构变化',
      definition:
        '预测假定下列职业在所在行业就业人员中的占比逐年变化（自招聘数据所反映的年份起逐年复合，行业内各职业占比合计仍为100%）：' +
        rows.map((r) => `${r.occupation}（${r.industry}）每年${rate(r.change)}，依据：${r.basis}`).join('；') +
        '。',
    },
  ];
}

import { sqlLiteral } from '@talent/models';
import type { Publication, Row, Section } from '../../document/types.js';
import {
  catalogueYear,
  FORMAT,
  labourIssuer,
  occupationMajorGroups,
  persons,
  source,
  wholeRegion,
  type PublicationContext,
} from '../context.js';
import { dataSourcesSection } from '../data-sources.js';
import { OCCUPATION_COLUMNS as C } from '../occupation-columns.js';
import { shortageTerms, staffingChangeTerms } from '../methodology.js';
import { occupationShortages } from '../projection-queries.js';

/** 职业技能培训职业（工种）目录: skilled occupations in shortage, by the rule of datasets/publications/rules.json. */
export async function buildTrainingCatalogue(ctx: PublicationContext): Promise<Publication> {
  const { region, rules } = ctx;
  const next = catalogueYear(ctx);
  const whole = wholeRegion(region);
  const rule = rules.trainingCatalogue;
  const subsidies = rules.trainingSubsidies;
  const where = [
    `s.shortage_level IN (${rule.levels.map(sqlLiteral).join(', ')})`,
    `left(s.occupation_code, 1) IN (${rule.majorGroups.map(sqlLiteral).join(', ')})`,
    `s.demand >= ${Number(rule.minDemand)}`,
    `s.gap > 0`,
  ].join(' AND ');
  const listed = await occupationShortages(ctx, next, where, rule.maxEntries);
  const majorGroups = await occupationMajorGroups(ctx.conn);
  const levelNames = subsidies.levels.map((l) => l.levelName.split('/')[0]).join('、');

  const subsidyText = subsidies.levels.map((l) => `${l.levelName.split('/')[0]}${l.yuan}`).join('；');
  const rows: Row[] = listed.map((o, i) => ({
    key: o.code,
    cells: {
      rank: String(i + 1),
      code: o.code,
      name: o.name,
      group: majorGroups.get(o.code.slice(0, 1)) ?? '—',
      level: o.level,
      demand: persons(o.demand),
      levels: levelNames,
      certificate: '职业技能等级证书',
      subsidy: subsidyText,
    },
  }));
  const sections: Section[] = [
    {
      id: 'notice',
      title: '说明',
      blocks: [
        {
          kind: 'paragraph',
          text: `为落实职业技能提升行动，引导培训资源向紧缺职业倾斜，依据${whole}${next}年人才供需预测编制本目录。${rule.description}列入目录的职业（工种）按附件1的标准给予培训补贴；目录有效期一年。`,
        },
        { kind: 'methodology', items: [...(await shortageTerms(ctx.conn)), ...(await staffingChangeTerms(ctx.conn))] },
      ],
    },
    {
      id: 'subsidies',
      title: '附件1 培训项目及补贴标准',
      blocks: [
        {
          kind: 'methodology',
          items: subsidies.levels.map((l) => ({ term: `职业技能等级证书 ${l.levelName}`, definition: `${l.yuan}元/人` })),
        },
        ...(subsidies.status === 'placeholder' ? [{ kind: 'paragraph' as const, text: `注：${subsidies.note}` }] : []),
      ],
    },
    {
      id: 'catalogue',
      title: '附件2 职业技能培训职业（工种）目录',
      blocks: [
        {
          kind: 'table',
          id: 'catalogue-table',
          caption: `${next}年${region.name}职业技能培训职业（工种）目录`,
          columns: [
            C.rank,
            C.code,
            C.name,
            { key: 'group', header: '所属大类', format: FORMAT.text, measure: 'other' },
            C.level,
            { key: 'demand', header: `${next}年预测需求`, unit: '人', format: FORMAT.int, measure: 'other' },
            { key: 'levels', header: '可培训等级', format: FORMAT.text, measure: 'other' },
            { key: 'certificate', header: '证书类型', format: FORMAT.text, measure: 'other' },
            { key: 'subsidy', header: '补贴标准', unit: '元/人', format: FORMAT.text, measure: 'other' },
          ],
          rows,
          notes: [{ id: 'codes', text: '职业编码和名称依据《中华人民共和国职业分类大典（2022年版）》；按预测供需缺口由大到小排列。' }],
          source: source(ctx, 'marts.fct_occupation_shortage', `${whole}，${next}年`),
        },
      ],
    },
    await dataSourcesSection(ctx),
  ];
  return {
    id: `training-catalogue-${region.code}-${next}`,
    title: `${region.name}职业技能培训职业（工种）目录（${next}年）`,
    subtitle: { region: { code: region.code, name: region.name }, year: next, issuer: labourIssuer(region), issued: ctx.issued },
    runId: ctx.runId,
    sections,
  };
}

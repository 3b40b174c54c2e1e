import { kindDefinition, type UnmatchedFigure } from '@talent/models';
import type { IngestReport } from './ingest-all.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** How each unmatched figure reads in the summary: the short form of the table, the long form of the notes. */
const UNMATCHED_LABEL: Record<UnmatchedFigure['what'], { short: string; long: string }> = {
  majors: { short: '专业未匹配', long: '未匹配专业名称' },
  schools: { short: '学校未匹配', long: '学校不在名单中' },
  occupations: { short: '职业未匹配', long: '未匹配职业名称' },
  regions: { short: '地区代码未匹配', long: '地区代码不在代码表中(已保留)' },
  industries: { short: '行业代码未匹配', long: '行业代码不在代码表中(已保留)' },
};

/**
 * The per-source table ingest prints (labels in Chinese for bureau staff): files, rows read,
 * loaded, rejected by reason, duplicates collapsed and coding coverage or unmatched names.
 */
export function formatIngestSummary(report: IngestReport): string {
  const lines: string[] = ['数据导入汇总', ''];
  const head = ['来源', '类型', '文件(入库/跳过/失败)', '读入行', '入库行', '拒收行', '重复合并', '地区/行业/职业编码覆盖率'];
  const rows = report.sources.map((s) => [
    s.source,
    kindDefinition(s.kind).label,
    `${s.files}(${s.filesLoaded}/${s.filesSkipped}/${s.filesFailed})`,
    String(s.rowsRead),
    String(s.rowsLoaded),
    String(s.rowsRejected),
    s.kind === 'job_posting' ? String(s.duplicatesCollapsed) : '-',
    s.coverage
      ? `${pct(s.coverage.region)} / ${pct(s.coverage.industry)} / ${pct(s.coverage.occupation)}`
      : s.unmatched[0]
        ? `${UNMATCHED_LABEL[s.unmatched[0].what].short} ${s.unmatched[0].rows} 行`
        : '-',
  ]);
  const width = head.map((h, i) => Math.max(strWidth(h), ...rows.map((r) => strWidth(r[i]!))));
  const fmt = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(width[i]! - strWidth(c))).join('  ');
  lines.push(fmt(head), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  for (const s of report.sources) {
    const reasons = Object.entries(s.rejectedByReason);
    const unmatched = s.unmatched.filter((u) => u.rows > 0);
    if (!reasons.length && !unmatched.length && !s.messages.length) continue;
    lines.push('', `【${s.source}】`);
    if (reasons.length) lines.push('  拒收原因(行数):');
    for (const [reason, n] of reasons.slice(0, 10)) lines.push(`    ${n}\t${reason}`);
    for (const u of unmatched) lines.push(`  ${UNMATCHED_LABEL[u.what].long} ${u.rows} 行(示例): ${u.examples.join('、')}`);
    for (const m of s.messages.slice(0, 5)) lines.push(`  说明: ${m}`);
  }
  for (const e of report.mappingErrors) lines.push(`映射文件错误: ${e}`);
  return lines.join('\n');
}

/** Display width: CJK characters take two columns in a terminal. */
function strWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

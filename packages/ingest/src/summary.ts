import type { IngestReport } from './ingest-all.js';

const KIND_LABEL: Record<string, string> = {
  job_posting: '招聘岗位',
  enrollment: '招生在校',
  graduate_outcome: '毕业去向',
  shortage: '缺工排行',
  school: '学校名单',
  graduate_region: '毕业去向地区',
  graduate_industry: '毕业去向行业',
};
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The per-source table ingest prints (labels in Chinese for bureau staff): files, rows read,
 * loaded, rejected by reason, duplicates collapsed and coding coverage or unmatched names.
 */
export function formatIngestSummary(report: IngestReport): string {
  const lines: string[] = ['数据导入汇总', ''];
  const head = ['来源', '类型', '文件(入库/跳过/失败)', '读入行', '入库行', '拒收行', '重复合并', '地区/行业/职业编码覆盖率'];
  const rows = report.sources.map((s) => [
    s.source,
    KIND_LABEL[s.kind] ?? s.kind,
    `${s.files}(${s.filesLoaded}/${s.filesSkipped}/${s.filesFailed})`,
    String(s.rowsRead),
    String(s.rowsLoaded),
    String(s.rowsRejected),
    s.kind === 'job_posting' ? String(s.duplicatesCollapsed) : '-',
    s.coverage
      ? `${pct(s.coverage.region)} / ${pct(s.coverage.industry)} / ${pct(s.coverage.occupation)}`
      : s.unmatchedCodes
        ? `${s.kind === 'graduate_region' ? '地区' : '行业'}代码未匹配 ${s.unmatchedCodes.rows} 行`
        : s.unmatched
          ? `未匹配 ${s.unmatched.rows} 行`
          : '-',
  ]);
  const width = head.map((h, i) => Math.max(strWidth(h), ...rows.map((r) => strWidth(r[i]!))));
  const fmt = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(width[i]! - strWidth(c))).join('  ');
  lines.push(fmt(head), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  for (const s of report.sources) {
    const reasons = Object.entries(s.rejectedByReason);
    const unmatched = s.unmatched && s.unmatched.rows > 0;
    const codes = s.unmatchedCodes && s.unmatchedCodes.rows > 0;
    if (!reasons.length && !unmatched && !codes && !s.messages.length && !s.unmatchedSchools?.rows) continue;
    lines.push('', `【${s.source}】`);
    if (reasons.length) lines.push('  拒收原因(行数):');
    for (const [reason, n] of reasons.slice(0, 10)) lines.push(`    ${n}\t${reason}`);
    if (unmatched)
      lines.push(
        `  未匹配${s.kind === 'shortage' ? '职业' : '专业'}名称 ${s.unmatched!.rows} 行(示例): ${s.unmatched!.examples.join('、')}`,
      );
    if (codes)
      lines.push(
        `  ${s.kind === 'graduate_region' ? '地区' : '行业'}代码不在代码表中 ${s.unmatchedCodes!.rows} 行(已保留, 示例): ${s.unmatchedCodes!.examples.join('、')}`,
      );
    if (s.unmatchedSchools && s.unmatchedSchools.rows > 0)
      lines.push(`  学校不在名单中 ${s.unmatchedSchools.rows} 行(示例): ${s.unmatchedSchools.examples.join('、')}`);
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

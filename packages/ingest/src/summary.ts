import { kindDefinition, type UnmatchedFigure } from '@talent/models';
import { demandDifference, type IngestProblemKind, type IngestReport, type SourceSummary } from './ingest-all.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** What each salary_status means, for the summary. */
const SALARY_STATUS_LABEL: Record<string, string> = {
  parsed: '已解析',
  given: '来源给出数值',
  blank: '未填',
  negotiable: '面议',
  unrecognised: '无法识别',
  'inverted-range': '上下限颠倒',
  implausible: '超出合理范围',
  'corrupt-text': '乱码',
  uncoded: '未编码',
  unknown: '早期导入未记录',
};

/** What each problem kind means, for the summary. */
const PROBLEM_LABEL: Record<IngestProblemKind, string> = {
  'no-input': '未找到输入',
  'unknown-source': '未知来源',
  'mapping-invalid': '映射文件无效',
  'load-failed': '导入失败',
  'rejects-over-threshold': '拒收比例过高',
  'demand-mismatch': '需求记录核对不符',
};

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
 * loaded, rejected by reason, duplicates collapsed (this run's, like the rows) with the change in
 * demand records both as those figures give it and as the warehouse counted it, and coding coverage
 * (of the source's current postings) or unmatched names.
 */
export function formatIngestSummary(report: IngestReport): string {
  const lines: string[] = ['数据导入汇总', ''];
  const head = ['来源', '类型', '文件(入库/跳过/失败)', '读入行', '入库行', '拒收行', '重复合并', '地区/行业/职业编码覆盖率', '薪资解析率'];
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
    s.salary ? pct(s.salary.coverage) : '-',
  ]);
  const width = head.map((h, i) => Math.max(strWidth(h), ...rows.map((r) => strWidth(r[i]!))));
  const fmt = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(width[i]! - strWidth(c))).join('  ');
  lines.push(fmt(head), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  for (const s of report.sources) {
    const reasons = Object.entries(s.rejectedByReason);
    const unmatched = s.unmatched.filter((u) => u.rows > 0);
    lines.push('', `【${s.source}】`);
    // So that the operator can check the run's figures add up: an accepted posting either joins a
    // demand record (on whichever side of the pair the run brought) or changes how many there are,
    // and the warehouse's own count of that change stands beside the one the figures give.
    if (s.rowsRead)
      lines.push(
        `  记录: 读入 ${s.rowsRead} = 入库 ${s.rowsLoaded} + 拒收 ${s.rowsRejected}` +
          (s.kind === 'job_posting'
            ? `;入库 ${s.rowsLoaded} = 重复合并 ${s.duplicatesCollapsed} + 需求记录净增(被替换批次删除后计) ${s.rowsLoaded - s.duplicatesCollapsed}${measuredDemand(s)}`
            : ''),
      );
    // A replaced load takes with it the first postings other loads' copies were merged into: those copies count
    // as demand records again, and when they outnumber what this run merged the net figure is negative.
    if (s.kind === 'job_posting' && s.duplicatesCollapsed < 0)
      lines.push(
        `  重复合并为负: 被替换批次的岗位删除后, 其他批次中原为其副本的岗位重新计为需求记录, 比本次合并的副本多 ${-s.duplicatesCollapsed} 条`,
      );
    if (s.lines.read)
      lines.push(
        `  物理行: 读入 ${s.lines.read} = 入库 ${s.lines.loaded} + 拒收 ${s.lines.rejected} + 表头/说明/空行 ${s.lines.explained}`,
      );
    const unpaid = Object.entries(s.salary?.byStatus ?? {}).filter(([k]) => k !== 'parsed' && k !== 'given');
    if (unpaid.length) lines.push(`  薪资未解析(条数): ${unpaid.map(([k, n]) => `${SALARY_STATUS_LABEL[k] ?? k} ${n}`).join('、')}`);
    if (reasons.length) lines.push('  拒收原因(行数):');
    for (const [reason, n] of reasons.slice(0, 10)) lines.push(`    ${n}\t${reason}`);
    for (const u of unmatched) lines.push(`  ${UNMATCHED_LABEL[u.what].long} ${u.rows} 行(示例): ${u.examples.join('、')}`);
    for (const m of s.messages.slice(0, 5)) lines.push(`  说明: ${m}`);
  }
  if (report.sourcesWithoutFiles.length)
    lines.push(
      '',
      `未找到文件的来源: ${report.sourcesWithoutFiles.join('、')}(公开样本来源需加 --samples;其余请检查 --data 与映射文件的 files)`,
    );
  if (report.problems.length) lines.push('', '需要处理的问题:');
  for (const p of report.problems) lines.push(`  [${PROBLEM_LABEL[p.kind]}] ${p.message}`);
  return lines.join('\n');
}

/** The demand records' change as the warehouse counted it, beside the one the figures give; a difference is also a problem of the run. */
function measuredDemand(s: SourceSummary): string {
  const off = demandDifference(s);
  if (off === null) return '';
  return `(仓库实测 ${s.demandChange}${off === 0 ? '' : `, 不符: 实测${off < 0 ? '少' : '多'} ${Math.abs(off)} 条`})`;
}

/** Display width: CJK characters take two columns in a terminal. */
function strWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

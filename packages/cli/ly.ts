// Dev only: fills core.employment from the demo yearbook files (stand-in until the mapping exists).
import ExcelJS from 'exceljs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openWarehouse } from '@talent/models';
const dir = process.argv[3]!;
const wh = await openWarehouse(process.argv[2]!);
const rows: string[] = [];
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
for (const f of readdirSync(dir).sort()) {
  const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile(join(dir, f));
  const ws = wb.worksheets[0]!;
  const year = Number(/(\d{4})/.exec(f)![1]);
  const all = f.startsWith('employment_all_');
  const header = all ? 4 : 5;
  const regions: string[] = [];
  ws.getRow(header).eachCell({ includeEmpty: true }, (c, i) => { regions[i] = String(c.value ?? ''); });
  ws.eachRow((row, n) => {
    if (n <= header) return;
    const label = String(row.getCell(1).value ?? '');
    if (!label || label.startsWith('注') || label.startsWith('资料') || label.startsWith('　　') && /\d\./.test(label)) return;
    for (let c = 2; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      if (typeof v !== 'number') continue;
      const region = all ? '广西壮族自治区' : regions[c] === '全区' ? '广西壮族自治区' : regions[c]!;
      rows.push(`(${q('L' + f)}, ${n}, 'dev', ${year}, NULL, ${q(region)}, NULL, ${q(label)}, ${q(all ? 'all' : 'urban_units')}, ${v}, NULL)`);
    }
  });
}
await wh.conn.run(`CREATE TEMP TABLE acc (load_id VARCHAR, line BIGINT, source VARCHAR, year INTEGER, region_code VARCHAR, region_text VARCHAR, industry_code VARCHAR, industry_text VARCHAR, universe VARCHAR, employment BIGINT, revised_from BIGINT)`);
await wh.conn.run(`INSERT INTO acc VALUES ${rows.join(',')}`);
const { listModels, renderModel } = await import('@talent/models');
const m = listModels().find((x) => x.name === 'core.employment')!;
await wh.conn.run(`DELETE FROM core.employment`);
await wh.conn.run(`INSERT INTO core.employment BY NAME ${renderModel(m, { accepted: 'acc', load_id: 'a.load_id', source: "'dev'" })}`);
console.log((await wh.conn.runAndReadAll(`SELECT universe, industry_level, region_matched, industry_matched, count(*) n FROM core.employment GROUP BY ALL ORDER BY ALL`)).getRowObjectsJson());
wh.close();

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCoders, readCoderReference } from '@talent/ingest';
import { resolveConfig } from '@talent/models';
import { parse } from 'csv-parse/sync';
import { codeTitles } from './code-titles.js';

const config = resolveConfig({}, {});
const dir = mkdtempSync(join(tmpdir(), 'code-titles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Real titles: the coder corpus's train split (packages/ingest/test/fixtures/coder-corpus/train.csv),
// with its industry and description cells, and a title that looks like a spreadsheet formula.
const INPUT = [
  'id,title,industry,description',
  '1,链家总部招聘置业顾问,房地产 中介服务,',
  '2,普工（包吃住）,,',
  '3,注塑成型技术员,,',
  '4,"电销团队经理",金融/投资/证券,',
  '5,储备干部,,',
  '6,Python,计算机软件,负责深度学习模型的训练与部署',
  '7,"=HYPERLINK(""http://x"",""销售"")",,',
  '',
].join('\n');

describe('talent code-titles', () => {
  it('writes every row back with the nightly coder’s code, name, level and confidence', async () => {
    const input = join(dir, 'in.csv');
    const out = join(dir, 'out.csv');
    writeFileSync(input, INPUT);
    const result = await codeTitles(config, input, out);
    const rows = parse(readFileSync(out), { columns: true, bom: true }) as Record<string, string>[];
    expect(result).toMatchObject({ rows: 7 });
    expect(Object.keys(rows[0]!)).toEqual([
      'id',
      'title',
      'industry',
      'description',
      'occupation_code',
      'occupation_name',
      'occupation_level',
      'occupation_confidence',
    ]);
    expect(rows.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);

    // Exactly what the nightly run's coder says, built the same way.
    const nightly = buildCoders(await readCoderReference(config)).occupation;
    for (const r of rows.slice(0, 6)) {
      const m = nightly(r.title!, [r.industry, r.description].filter(Boolean).join(' '));
      expect(r.occupation_code, r.title).toBe(m.code ?? '');
      expect(r.occupation_name).toBe(m.name ?? '');
      expect(r.occupation_level).toBe(m.level ?? '');
      expect(r.occupation_confidence).toBe(m.code ? String(m.confidence) : '');
    }
    expect(rows[0]).toMatchObject({ occupation_code: '4-06-02-01', occupation_level: '细类' });
    expect(rows[1]).toMatchObject({ occupation_code: '6-00-00-00', occupation_level: '大类', occupation_name: '生产制造及有关人员' });
    expect(rows[4]).toMatchObject({ occupation_code: '', occupation_level: '', occupation_confidence: '' });
    // A cell a spreadsheet would run as a formula is written as text.
    expect(rows[6]!.title!.startsWith('=')).toBe(false);
    expect(rows[6]!.title).toContain('HYPERLINK');
    expect(result.coded).toBe(rows.filter((r) => r.occupation_code).length);
  });

  it('names every line it does not write back, with its line and reason, and counts the blank ones', async () => {
    const input = join(dir, 'ragged.csv');
    // Line 3: a comma inside an unquoted title; line 4: blank; line 6: a quote the file's end leaves open.
    writeFileSync(
      input,
      ['title,industry', '注塑成型技术员,制造业', '电工,焊工,机械', '', '急招普工,', '"某某公司招聘木工,建筑'].join('\n') + '\n',
    );
    const result = await codeTitles(config, input);
    expect(result.rows).toBe(2);
    expect(result.blank).toBe(1);
    expect(result.rejected.map((r) => r.line)).toEqual([3, 6]);
    expect(result.rejected[0]!.reason).toBe('3 cells where the header has 2 (column 3 holds "机械"); quote a cell that holds a comma');
    expect(result.rejected[1]!.reason).toMatch(/^unclosed quote opened at line 6 in column 1 \(never closed before the end of the file\)/);
    const rows = parse(result.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.title)).toEqual(['注塑成型技术员', '急招普工']);
  });

  // Four CLI processes, each reading the reference data and building the coder: a longer timeout.
  it('runs from the command line and refuses a CSV without a title column', () => {
    const input = join(dir, 'cli.csv');
    const out = join(dir, 'cli-out.csv');
    writeFileSync(input, 'title\n注塑成型技术员\n急招普工\n');
    const tsx = join(config.repoRoot, 'node_modules/.bin/tsx');
    const bin = join(config.repoRoot, 'packages/cli/src/bin.ts');
    const ok = spawnSync(tsx, ['--conditions=source', bin, 'code-titles', input, '--out', out], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Coded 2 of 2 titles');
    const rows = parse(readFileSync(out), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.occupation_code)).toEqual(['6-14-02-00', '6-00-00-00']);

    // Standard input: one title per line, printed as JSON.
    const piped = spawnSync(tsx, ['--conditions=source', bin, 'code-titles', '--json'], {
      encoding: 'utf8',
      input: '某某公司招聘木工\n急招普工\n',
    });
    expect(piped.status, piped.stderr).toBe(0);
    const json = (JSON.parse(piped.stdout) as { titles: Record<string, unknown>[] }).titles;
    expect(json.map((r) => [r.title, r.occupation_code, r.occupation_level])).toEqual([
      ['某某公司招聘木工', '6-29-01-00', '小类'],
      ['急招普工', '6-00-00-00', '大类'],
    ]);
    expect(json[0]!.occupation_confidence).toEqual(expect.any(Number));

    // Most lines unreadable: each is named on standard error, apart from the CSV, and the exit code says so.
    writeFileSync(input, 'title,industry\n注塑成型技术员,制造业\n电工,焊工,机械\n"木工,建筑\n');
    const mostly = spawnSync(tsx, ['--conditions=source', bin, 'code-titles', input], { encoding: 'utf8' });
    expect(mostly.status, mostly.stderr).toBe(7);
    expect(mostly.stderr).toContain(`${input} line 3 not coded: 3 cells where the header has 2`);
    expect(mostly.stderr).toContain(`${input} line 4 not coded: unclosed quote opened at line 4`);
    expect((parse(mostly.stdout, { columns: true, bom: true }) as Record<string, string>[]).map((r) => r.title)).toEqual([
      '注塑成型技术员',
    ]);

    writeFileSync(input, 'job,industry\n注塑成型技术员,制造业\n');
    const bad = spawnSync(tsx, ['--conditions=source', bin, 'code-titles', input], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    // A log record when stdout is not a terminal: the message is JSON-escaped there.
    expect(bad.stdout + bad.stderr).toMatch(/no \\?"title\\?" column/);
  }, 240_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../warehouse/index.js';
import { isFormulaLike, neutraliseFormula } from './formula.js';

let wh: Warehouse;
beforeAll(async () => {
  wh = await openWarehouse(':memory:');
});
afterAll(() => wh.close());

// Characters that matter to the rule (triggers in both widths, spaces of three kinds, digits, signs,
// the DDE punctuation) and ordinary text, so random strings hit every branch of both statements.
const ALPHABET = [
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  ' ',
  '\u00a0',
  '\u3000',
  '\uff1d',
  '\uff0b',
  '\uff0d',
  '\uff20',
  '0',
  '1',
  '9',
  '.',
  'e',
  'E',
  '%',
  '|',
  "'",
  '!',
  'c',
  'm',
  'd',
  'A',
  '焊',
  '工',
  '（',
  '$',
  '"',
  '\\',
  '\u2003',
];
const FIXED = [
  '',
  '=1+1',
  "=cmd|' /C calc'!A0",
  "+cmd|' /C calc'!A0",
  "-cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "焊工 cmd|' /C calc'!A0",
  '=HYPERLINK("http://x","点击")',
  '-5',
  '+86',
  '-0.5',
  '12%',
  '1e5',
  '-.5',
  '焊工',
  '5000-7000元/月',
  'a=b',
  ' =1+1',
  '\u3000＝1',
  '\t=1',
  '\r=1',
  ' -5',
  '+86 138',
  'x|y',
  "|'a'!",
  "a | 'b' ! c",
];

/** mulberry32: a seeded generator, so a failure names inputs that reproduce. */
function rng(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

describe('formula neutralisation: the SQL macro and the TypeScript function state one rule', () => {
  it('agree on 20,000 inputs (fixed cases and seeded random strings over the characters the rule reads)', async () => {
    const r = rng(11);
    const inputs = [...FIXED];
    while (inputs.length < 20_000) {
      const len = 1 + r(8);
      let s = '';
      for (let i = 0; i < len; i++) s += ALPHABET[r(ALPHABET.length)]!;
      inputs.push(s);
    }
    await wh.conn.run('CREATE TEMP TABLE f (i INTEGER, t VARCHAR)');
    const app = await wh.conn.createAppender('f', 'main', 'temp');
    inputs.forEach((t, i) => {
      app.appendInteger(i);
      app.appendVarchar(t);
      app.endRow();
    });
    app.closeSync();
    const rows = (await wh.conn.runAndReadAll('SELECT i, core.neutralise_formula(t) AS n FROM f ORDER BY i')).getRows();
    const differ = rows.filter(([i, n]) => n !== neutraliseFormula(inputs[Number(i)]!)).map(([i]) => JSON.stringify(inputs[Number(i)]));
    expect(differ).toEqual([]);
    // Both branches are exercised: the random set is not all text or all formulas.
    const flagged = inputs.filter(isFormulaLike).length;
    expect(flagged).toBeGreaterThan(2000);
    expect(flagged).toBeLessThan(18_000);
    expect((await wh.conn.runAndReadAll('SELECT core.neutralise_formula(NULL) AS n')).getRows()[0]![0]).toBeNull();
  });
});

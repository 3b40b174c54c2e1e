/**
 * The occupation model's cross-validated errors on the train split (never the hold-out): each train
 * title coded by a model trained on the other folds, with the dictionaries as the other folds' titles
 * could have written them (as the coder meets new titles), with the stored back-off thresholds and
 * calibration. Prints the accuracy, the reliability of the stored calibration on these predictions,
 * the 大类 confusion and the titles wrong at 大类 between two given 大类 (default 2 and 4), for
 * reading what kinds of error remain.
 *
 *   tsx --conditions=source packages/ingest/scripts/occupation-cv-errors.ts [--majors 2,4] [--all]
 *
 * `--all` lists every title wrong at 大类 (or uncoded with a label).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '@talent/models';
import { reliability, rightAt, rightAtStatedLevel } from '../src/normalize/occupation/evaluate.js';
import { calibrate, decide, type OccupationCalibration, type OccupationModelData } from '../src/normalize/occupation/model.js';
import { DEFAULT_TRAIN_OPTIONS, crossValidate } from '../src/normalize/occupation/train.js';
import { readTrainingSet } from '../src/normalize/occupation/training-set.js';

const FOLDS = 5;
const config = resolveConfig();
const args = process.argv.slice(2);
const majorsArg = args.indexOf('--majors');
const majors = (majorsArg >= 0 ? args[majorsArg + 1]! : '2,4').split(',');
const all = args.includes('--all');
const model = JSON.parse(readFileSync(join(config.dictionariesDir, 'occupation_model.json'), 'utf8')) as OccupationModelData;
const calibration = JSON.parse(readFileSync(join(config.dictionariesDir, 'occupation_calibration.json'), 'utf8')) as OccupationCalibration;
const { titles, foldExamples, tree } = await readTrainingSet(config);
const held = crossValidate(titles, foldExamples, tree, FOLDS, DEFAULT_TRAIN_OPTIONS);

const confusion = new Map<string, number>();
const right = [0, 0, 0, 0];
const rows: string[] = [];
const points: { confidence: number; right: boolean }[] = [];
held.forEach((h, i) => {
  const d = decide(h.codes, h.probs, tree, model.decision);
  if (d.code !== null)
    points.push({ confidence: calibrate(calibration, d.level!, d.probability), right: rightAtStatedLevel(h.label, d, tree) });
  for (let depth = 1; depth <= 4; depth++) if (rightAt(h.label, d, depth, tree)) right[depth - 1]!++;
  const truth = h.label ? h.label[0]! : 'none';
  const said = d.code ? d.code[0]! : 'none';
  confusion.set(`${truth}→${said}`, (confusion.get(`${truth}→${said}`) ?? 0) + 1);
  if (truth === said) return;
  if (!all && !(majors.includes(truth) && majors.includes(said))) return;
  const t = titles[i]!;
  const name = (c: string | null) => (c ? `${c} ${tree.name(c) ?? ''}` : 'none');
  rows.push(
    `${truth}→${said}\t${t.title}\t${t.context.slice(0, 30)}\t${name(h.label)}\t${name(d.code)} (${d.level}, p=${d.probability.toFixed(2)})`,
  );
});
const pct = (x: number) => ((100 * x) / held.length).toFixed(1);
console.log(
  `cross-validated on ${held.length} train titles: 大类 ${pct(right[0]!)} 中类 ${pct(right[1]!)} 小类 ${pct(right[2]!)} 细类 ${pct(right[3]!)}`,
);
const stored = reliability(points);
console.log(`coverage ${pct(points.length)}; stored calibration on these predictions: ECE ${stored.ece.toFixed(3)}`);
for (const b of stored.bins)
  if (b.count)
    console.log(`  ${b.from.toFixed(1)}: ${b.count} titles, stated ${b.meanConfidence.toFixed(3)}, right ${b.accuracy.toFixed(3)}`);
console.log('大类 confusion (true→stated, off-diagonal):');
for (const [k, n] of [...confusion].sort((a, b) => b[1] - a[1])) {
  const [truth, said] = k.split('→');
  if (truth !== said) console.log(`  ${k} ${n}`);
}
console.log(rows.sort().join('\n'));

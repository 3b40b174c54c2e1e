import type { Rng } from '../prng.js';
import { csvLine } from '../io/csv-line.js';
import { TextSink } from '../io/text-sink.js';
import type { World } from '../world/build-world.js';
import { ENROLLMENT_HEADER, enrollmentFile } from './layout.js';

/** One deliberate defect written into an observed file, for ingest benchmarks. */
export interface QuirkRecord {
  file: string;
  line: number;
  quirk: string;
  column: string;
  writtenValue: string;
  trueValue: string;
}

/**
 * A misspelling a clerk could make: two neighbouring characters swapped, or one dropped. Drawn again (up to
 * a few times) where it spells another major's name (中药学 less 中 is 药学): no reader could tell that one.
 */
function misspell(rng: Rng, name: string, majorNames: ReadonlySet<string>): string {
  if (name.length < 3) return `${name}专业`;
  let wrong = name;
  for (let attempt = 0; attempt < 8 && (wrong === name || majorNames.has(wrong)); attempt++) {
    const i = rng.int(0, name.length - 2);
    wrong = rng.chance(0.5) ? name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2) : name.slice(0, i) + name.slice(i + 1);
  }
  return wrong;
}

/**
 * Writes one CSV per school (UTF-8 with BOM, CRLF, as Excel saves it) and returns the quirks put in:
 * majors given by name only, misspelt names with no code, and impossible counts.
 */
export function writeEnrollment(world: World, rng: Rng, out: string): { files: number; rows: number; quirks: QuirkRecord[] } {
  const { axis, schools, series } = world;
  const q = world.a.enrollmentQuirks;
  const bySchool = new Map<number, number[]>();
  series.forEach((s, i) => bySchool.set(s.school, [...(bySchool.get(s.school) ?? []), i]));
  const majorNames = new Set(world.ref.majors.map((m) => m.name));
  const quirks: QuirkRecord[] = [];
  let rows = 0;
  let files = 0;
  schools.forEach((school, si) => {
    const list = bySchool.get(si);
    if (!list) return;
    const path = enrollmentFile(out, school.code);
    const rel = `enrollment/school_${school.code}.csv`;
    const sink = new TextSink(path, { encoding: 'utf8', bom: true, eol: '\r\n' });
    sink.line(csvLine(ENROLLMENT_HEADER));
    for (const idx of list) {
      const s = series[idx]!;
      for (let year = axis.first; year <= axis.latest; year++) {
        const t = year - axis.y0;
        let intake = s.intake[t]!;
        let enrolled = s.enrolled[t]!;
        let grads = s.graduates[t]!;
        if (intake + enrolled + grads === 0) continue;
        let code = s.link.major.code;
        let name = s.link.major.name;
        const line = sink.lines + 1;
        const r = rng.next();
        if (r < q.nameOnly) {
          quirks.push({ file: rel, line, quirk: 'major_name_only', column: '专业代码', writtenValue: '', trueValue: code });
          code = '';
        } else if (r < q.nameOnly + q.misspelt) {
          const wrong = misspell(rng, name, majorNames);
          quirks.push({
            file: rel,
            line,
            quirk: 'major_misspelt_no_code',
            column: '专业名称',
            writtenValue: wrong,
            trueValue: `${code} ${name}`,
          });
          code = '';
          name = wrong;
        } else if (r < q.nameOnly + q.misspelt + q.impossible) {
          const kind = rng.int(0, 2);
          if (kind === 0 && intake > 0) {
            quirks.push({
              file: rel,
              line,
              quirk: 'negative_count',
              column: '招生数',
              writtenValue: String(-intake),
              trueValue: String(intake),
            });
            intake = -intake;
          } else if (kind === 1) {
            const wrong = enrolled * 10 + rng.int(1, 9);
            quirks.push({
              file: rel,
              line,
              quirk: 'extra_digit',
              column: '在校生数',
              writtenValue: String(wrong),
              trueValue: String(enrolled),
            });
            enrolled = wrong;
          } else {
            const wrong = enrolled * 3 + intake + 7;
            quirks.push({
              file: rel,
              line,
              quirk: 'graduates_exceed_enrolled',
              column: '毕业生数',
              writtenValue: String(wrong),
              trueValue: String(grads),
            });
            grads = wrong;
          }
        }
        sink.line(csvLine([school.name, school.code, school.catalog, code, name, year, intake, enrolled, grads]));
        rows++;
      }
    }
    sink.close();
    files++;
  });
  return { files, rows, quirks };
}

import type { MappingTransform } from '@talent/models';

/** Mapped fields of one row while transforms run; '' means empty. */
export type FieldBag = Record<string, string>;

/** Compiles the mapping's transforms once per file into a function applied to each row. */
export function compileTransforms(transforms: readonly MappingTransform[]): (row: FieldBag) => void {
  const steps = transforms.map((t): ((row: FieldBag) => void) => {
    switch (t.op) {
      case 'split': {
        const re = new RegExp(t.pattern, 'u');
        return (row) => {
          const m = re.exec(row[t.field] ?? '');
          if (!m?.groups) return;
          for (const [k, v] of Object.entries(m.groups)) if (v !== undefined && v !== '') row[k] = v;
          if (!(t.field in m.groups)) row[t.field] = row[t.field] ?? '';
        };
      }
      case 'move-if': {
        const keep = new RegExp(t.unless, 'u');
        const toEmpty = t.toEmpty ? new RegExp(t.toEmpty, 'u') : null;
        return (row) => {
          const v = row[t.from] ?? '';
          const target = row[t.to] ?? '';
          if (v === '' || keep.test(v)) return;
          if (target === '' || toEmpty?.test(target)) {
            row[t.to] = v;
            row[t.from] = '';
          }
        };
      }
      case 'strip': {
        const re = new RegExp(t.pattern, 'gu');
        return (row) => {
          if (row[t.field]) row[t.field] = row[t.field]!.replace(re, '').trim();
        };
      }
      case 'map': {
        const into = t.into ?? t.field;
        return (row) => {
          const v = row[t.field];
          if (v !== undefined && Object.hasOwn(t.values, v)) row[into] = t.values[v]!;
        };
      }
      case 'replace': {
        const re = new RegExp(t.pattern, 'gu');
        return (row) => {
          const v = row[t.field];
          if (v) row[t.field] = v.replace(re, t.with).trim();
        };
      }
      case 'template':
        return (row) => {
          const ok = t.requires.every((f) => (row[f] ?? '') !== '');
          const tpl = ok ? t.template : t.otherwise;
          if (tpl === undefined) return;
          const out = tpl.replace(/\{([a-z0-9_]+)\}/g, (_, f: string) => row[f] ?? '');
          if (out.trim() !== '') row[t.into] = out.trim();
        };
    }
  });
  return (row) => {
    for (const s of steps) s(row);
  };
}

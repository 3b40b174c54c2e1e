const STOP = new Set(['人员', '技术', '工程', '服务', '管理', '其他', '专业', '制造', '生产', '设备', '相关', '应用', '和其', '及其']);

/** Character bigrams of a Chinese name, without the generic ones that would link everything. */
export function bigrams(name: string): Set<string> {
  const clean = name.replace(/[（(].*?[）)]|[、，,\s]/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < clean.length; i++) {
    const b = clean.slice(i, i + 2);
    if (!STOP.has(b)) out.add(b);
  }
  return out;
}

/** Overlap of two bigram sets (Dice coefficient); 0 when they share nothing. */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

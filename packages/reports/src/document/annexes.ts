import type { Publication } from './types.js';

/** The publications and their annexes, each once (an annex may belong to several publications, e.g. the province's and its city's). */
export function everyPublication(publications: readonly Publication[]): Publication[] {
  const seen = new Map<string, Publication>();
  const visit = (p: Publication) => {
    if (seen.has(p.id)) return;
    seen.set(p.id, p);
    for (const a of p.annexes?.publications ?? []) visit(a);
  };
  for (const p of publications) visit(p);
  return [...seen.values()];
}

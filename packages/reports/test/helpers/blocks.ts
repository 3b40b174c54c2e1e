import type { Block, Publication, Section, TableBlock } from '../../src/index.js';

/** Every block of a publication, its sections' and their subsections', in reading order. */
export function blocksOf(pub: Publication): Block[] {
  const out: Block[] = [];
  const walk = (sections: readonly Section[]) => {
    for (const s of sections) {
      out.push(...s.blocks);
      walk(s.sections ?? []);
    }
  };
  walk(pub.sections);
  return out;
}

/** Every table of a publication, in reading order. */
export const tablesOf = (pub: Publication): TableBlock[] => blocksOf(pub).filter((b): b is TableBlock => b.kind === 'table');

/** The table of a publication with this id; a test fails on its absence rather than on an undefined. */
export function tableOf(pub: Publication, id: string): TableBlock {
  const t = tablesOf(pub).find((b) => b.id === id);
  if (!t) throw new Error(`${pub.id} has no table ${id}`);
  return t;
}

/** The text of every paragraph of a publication, in reading order. */
export const paragraphsOf = (pub: Publication): string[] => blocksOf(pub).flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The page (1-based, the cover being page 1 as in the printed `第 N 页`) on which each of `ids`
 * starts in a PDF printed by Chromium. Chromium writes a named destination, called after the
 * element's id, for every element an internal link (`<a href="#id">`) points at, so the contents'
 * own links locate their targets. Throws when an id has no destination.
 */
export async function pagesOfTargets(pdf: Uint8Array, ids: Iterable<string>): Promise<Map<string, number>> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    const destinations = await doc.getDestinations();
    const pages = new Map<string, number>();
    for (const id of ids) {
      const destination = destinations[id] as unknown[] | undefined;
      const ref = destination?.[0];
      if (!ref || typeof ref !== 'object') throw new Error(`the printed PDF has no destination for #${id}`);
      pages.set(id, (await doc.getPageIndex(ref as Parameters<typeof doc.getPageIndex>[0])) + 1);
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

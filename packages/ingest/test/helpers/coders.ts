import { resolveConfig } from '@talent/models';
import { buildCoders, readCoderReference } from '../../src/normalize/index.js';
import { postingNormalizers } from '../../src/postings/default-normalizers.js';

/** The repository's configuration with no environment: tests never depend on the caller's shell. */
export const config = resolveConfig({}, {});

/** The code lists and dictionaries of the repository, as a run reads them. */
export const reference = await readCoderReference(config);

/** The coders a run over the repository's datasets builds (each indexes its list on first use). */
export const coders = buildCoders(reference);

/** The posting normalisers of such a run. */
export const normalizers = postingNormalizers(coders);

/** The public samples beside the repository; their absence fails the tests that read them. */
export function sharedReference(): string {
  if (!config.sharedReferenceDir) throw new Error('../shared/reference is missing beside the repository (the tests read its real samples)');
  return config.sharedReferenceDir;
}

import * as cli from '@talent/cli';

/** Why the benchmark cannot run while @talent/cli has no projection stage. */
export const NO_PROJECTION_STAGE =
  'bench:talent: @talent/cli exports no projectionStage, so there are no projections to grade. ' +
  'The benchmark runs once the projection stage (issue 12) is exported from packages/cli/src/index.ts.';

/** The projection stage as @talent/cli exports it (a stage, or a function that makes one), or undefined while it has none. */
export function findProjectionStage(): cli.Stage | undefined {
  const exported = (cli as Record<string, unknown>).projectionStage;
  if (exported === undefined) return undefined;
  return typeof exported === 'function' ? (exported as () => cli.Stage)() : (exported as cli.Stage);
}

/** The stages of the nightly pipeline that run before the projection stage (all of them while it is not listed). */
export function stagesBefore(projection: cli.Stage): readonly cli.Stage[] {
  const at = cli.STAGES.findIndex((s) => s.name === projection.name);
  return at >= 0 ? cli.STAGES.slice(0, at) : cli.STAGES;
}

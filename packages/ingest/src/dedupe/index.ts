// The duplicate rule of job postings: key (the core.duplicate_key macro), clustering, marking a load.
export { clusterSql, clusterDuplicates, DUPLICATE_WINDOW_DAYS } from './cluster.js';
export type { ClusterColumns, ClusterResult } from './cluster.js';
export { markLoadDuplicates } from './mark-load.js';

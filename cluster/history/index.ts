/** Cluster history (runtime-neutral role changes and fencing) and split-brain detection. */
export * from './store';
export * from './record';
export * from './splitBrain';
export * from './guard';
export * from './dataIdentity';

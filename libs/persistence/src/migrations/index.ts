import { Foundation1763800000000 } from './1763800000000-foundation';

/** Every migration, in order; TypeORM runs the ones not yet applied. */
export const MIGRATIONS = [Foundation1763800000000];

import { Foundation1763800000000 } from './1763800000000-Foundation';

/** Every migration, in order. Listed explicitly so bundling and jest need no glob loading. */
export const MIGRATIONS = [Foundation1763800000000];

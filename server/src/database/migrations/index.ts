import { Foundation1763800000000 } from './1763800000000-Foundation';
import { FeeScheduleAndAudit1763900000000 } from './1763900000000-FeeScheduleAndAudit';

/** Every migration, in order. Listed explicitly so bundling and jest need no glob loading. */
export const MIGRATIONS = [Foundation1763800000000, FeeScheduleAndAudit1763900000000];

import type { ITechnicianProfile, IUpdateTechnicianRequest } from '@app/shared';

type Patch = IUpdateTechnicianRequest;
type Key = keyof Patch;

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function applyPatch(list: readonly ITechnicianProfile[], userId: number, patch: Patch): ITechnicianProfile[] {
  return list.map((t) => (t.userId === userId ? { ...t, ...patch } : t));
}

/** The server's answer wins once it arrives. */
export function replaceProfile(list: readonly ITechnicianProfile[], profile: ITechnicianProfile): ITechnicianProfile[] {
  return list.map((t) => (t.userId === profile.userId ? profile : t));
}

/**
 * Undo a failed optimistic patch field by field, but only where the row still shows what that patch
 * set: a later edit of the same field (still in flight or already saved) must not be overwritten.
 */
export function rollbackPatch(
  list: readonly ITechnicianProfile[],
  previous: ITechnicianProfile,
  patch: Patch,
): ITechnicianProfile[] {
  return list.map((t) => {
    if (t.userId !== previous.userId) return t;
    const next = { ...t };
    for (const key of Object.keys(patch) as Key[]) {
      if (sameValue(t[key], patch[key])) (next as Record<Key, unknown>)[key] = previous[key];
    }
    return next;
  });
}

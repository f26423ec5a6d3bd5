/** The server's clock; tests may swap it (see `useClockForTests`). */
let source: () => Date = () => new Date();

/** One clock for the whole server so tests can reason about instants. */
export const now = (): Date => source();

/**
 * Moves the whole server's clock (ticket events, SLA sweeps, outbox rows) in e2e tests; null restores the
 * real one. The test build compiles exports to non-configurable getters, so `jest.spyOn(time, 'now')` cannot.
 */
export const useClockForTests = (clock: (() => Date) | null): void => {
  source = clock ?? (() => new Date());
};

export const addMinutes = (date: Date, minutes: number): Date => new Date(date.getTime() + minutes * 60_000);
export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * 86_400_000);

/** One clock for the whole server so tests can reason about instants. */
export const now = (): Date => new Date();

export const addMinutes = (date: Date, minutes: number): Date => new Date(date.getTime() + minutes * 60_000);
export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * 86_400_000);

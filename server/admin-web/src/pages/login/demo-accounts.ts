import { Role, UserKind, type IDemoAccount } from '@app/shared';

/**
 * Staff demo accounts worth offering on the console: they can sign in with a password, and are not
 * technician-only (technicians work in the mini-program). Office roles first, then by username.
 */
export function consoleDemoAccounts(accounts: readonly IDemoAccount[]): IDemoAccount[] {
  return accounts
    .filter((a) => a.kind === UserKind.Staff && a.username)
    .filter((a) => a.roles.some((role) => role !== Role.Technician))
    .sort((a, b) => (a.username ?? '').localeCompare(b.username ?? '', 'en', { numeric: true }));
}

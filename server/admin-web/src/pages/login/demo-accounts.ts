import { Role, UserKind, type IDemoAccount } from '@app/shared';

// The order a visitor meets the roles in the product story: front desk first, back office last.
const ROLE_ORDER: readonly Role[] = [
  Role.CustomerManager,
  Role.Supervisor,
  Role.ProjectManager,
  Role.Cashier,
  Role.Finance,
  Role.Quality,
  Role.Admin,
];

function rank(account: IDemoAccount): number {
  const ranks = account.roles.map((r) => ROLE_ORDER.indexOf(r)).filter((i) => i >= 0);
  return ranks.length ? Math.min(...ranks) : ROLE_ORDER.length;
}

/**
 * Staff demo accounts worth offering on the console: they can sign in with a password, and are not
 * technician-only (technicians work in the mini-program). Ordered by role, then by username.
 */
export function consoleDemoAccounts(accounts: readonly IDemoAccount[]): IDemoAccount[] {
  return accounts
    .filter((a) => a.kind === UserKind.Staff && a.username)
    .filter((a) => a.roles.some((role) => role !== Role.Technician))
    .sort(
      (a, b) => rank(a) - rank(b) || (a.username ?? '').localeCompare(b.username ?? '', 'en', { numeric: true }),
    );
}

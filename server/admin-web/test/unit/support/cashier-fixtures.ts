import type { IPayableItem } from '@app/shared';

/** The cashier desk's open items (cashier-logic and cashier-pages tests). */
export const item = (over: Partial<IPayableItem>): IPayableItem => ({
  kind: 'bill',
  id: 1,
  projectId: 1,
  houseId: 7,
  title: '2026-10 物业账单',
  period: '2026-10',
  ticketSerial: null,
  totalFen: 30_000,
  paidFen: 0,
  balanceFen: 30_000,
  dueSince: '2026-10-01T00:00:00Z',
  ...over,
});
// Deliberately out of order: the desk shows and allocates oldest first.
export const items = [
  item({
    id: 12,
    title: '2026-11 物业账单',
    period: '2026-11',
    dueSince: '2026-11-01T00:00:00Z',
    totalFen: 32_000,
    balanceFen: 32_000,
  }),
  item({ id: 11, paidFen: 10_000, balanceFen: 20_000 }),
  item({
    kind: 'charge',
    id: 40,
    title: '特约服务 YGHY-261105-002',
    period: null,
    ticketSerial: 'YGHY-261105-002',
    totalFen: 4_500,
    balanceFen: 4_500,
    dueSince: '2026-11-05T02:00:00Z',
  }),
];

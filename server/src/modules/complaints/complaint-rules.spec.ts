import { reachedStages, runningClocks } from './complaint-rules';

const MIN = 60_000;
const created = new Date('2026-11-22T02:00:00.000Z');
const base = {
  createdAt: created,
  contactDueAt: new Date(created.getTime() + 120 * MIN),
  contactedAt: null,
  resolveDueAt: new Date(created.getTime() + 2880 * MIN),
  resolvedAt: null,
  status: 'open' as const,
};
const at = (minutes: number) => new Date(created.getTime() + minutes * MIN);

describe('complaint clocks', () => {
  it('contact and resolve run until met; resolved and closed complaints have none', () => {
    expect(runningClocks(base, at(10)).map((c) => c.kind)).toEqual(['contact', 'resolve']);
    expect(runningClocks({ ...base, status: 'contacted', contactedAt: at(30) }, at(40)).map((c) => c.kind)).toEqual([
      'resolve',
    ]);
    expect(runningClocks({ ...base, status: 'resolved', contactedAt: at(30), resolvedAt: at(50) }, at(60))).toEqual([]);
    expect(runningClocks({ ...base, status: 'closed' }, at(60))).toEqual([]);
    // A dispute clears resolvedAt: the original deadline runs on.
    expect(runningClocks({ ...base, status: 'disputed', contactedAt: at(30) }, at(3000)).map((c) => c.kind)).toEqual([
      'resolve',
    ]);
  });

  it('warn at 75 %, breach at the deadline, second breach at twice the time', () => {
    const contact = (minutes: number) => runningClocks(base, at(minutes)).find((c) => c.kind === 'contact')!;
    expect(reachedStages(contact(89))).toEqual([]);
    expect(reachedStages(contact(90))).toEqual(['warn']);
    expect(reachedStages(contact(120))).toEqual(['warn', 'breach_1']);
    expect(reachedStages(contact(240))).toEqual(['warn', 'breach_1', 'breach_2']);
  });
});

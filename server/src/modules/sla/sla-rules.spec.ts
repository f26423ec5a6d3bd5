import { SLA_DEFAULTS, heldMs, reachedStages, slaClocks, type ClockFacts } from './sla-rules';

const T0 = new Date('2026-11-30T02:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const facts = (over: Partial<ClockFacts> = {}): ClockFacts => ({
  createdAt: T0,
  acceptedAt: null,
  onSiteAt: null,
  doneAt: null,
  verifiedAt: null,
  visitedAt: null,
  visitAt: null,
  holds: [],
  ...over,
});

describe('SLA rules', () => {
  it('an emergency starts respond and resolve at the report; on site starts when the technician accepts', () => {
    const before = slaClocks(facts(), SLA_DEFAULTS.emergency, at(5));
    expect(before.map((c) => [c.kind, c.dueAt.toISOString()])).toEqual([
      ['respond', at(30).toISOString()],
      ['resolve', at(120).toISOString()],
    ]);
    const accepted = slaClocks(facts({ acceptedAt: at(12) }), SLA_DEFAULTS.emergency, at(20));
    expect(accepted.find((c) => c.kind === 'respond')).toMatchObject({ metAt: at(12), activeMs: 12 * 60_000 });
    expect(accepted.find((c) => c.kind === 'on_site')!.dueAt).toEqual(at(42));
  });

  it('a normal job is on site by the agreed visit time and has no resolve clock by default', () => {
    const clocks = slaClocks(facts({ acceptedAt: at(30), visitAt: at(240) }), SLA_DEFAULTS.normal, at(60));
    expect(clocks.map((c) => c.kind)).toEqual(['respond', 'on_site']);
    expect(clocks[1]!.dueAt).toEqual(at(240));
  });

  it('hold time inside the clock moves the deadline; an open hold pauses it', () => {
    const holds = [
      { from: at(-30), to: at(5) },
      { from: at(10), to: at(25) },
      { from: at(40), to: null },
    ];
    expect(heldMs(holds, T0, at(50))).toBe((5 + 15 + 10) * 60_000);
    const [respond] = slaClocks(facts({ holds }), SLA_DEFAULTS.emergency, at(50));
    expect(respond).toMatchObject({ paused: true, activeMs: 20 * 60_000, dueAt: at(60) });
  });

  it('stages: warn at 75 %, then one escalation level per limit elapsed, three at most, none once met', () => {
    const stagesAt = (m: number) => reachedStages(slaClocks(facts(), SLA_DEFAULTS.emergency, at(m))[0]!);
    expect(stagesAt(22)).toEqual([]);
    expect(stagesAt(22.5)).toEqual(['warn']);
    expect(stagesAt(30)).toEqual(['warn', 'breach_1']);
    expect(stagesAt(60)).toEqual(['warn', 'breach_1', 'breach_2']);
    expect(stagesAt(500)).toEqual(['warn', 'breach_1', 'breach_2', 'breach_3']);
    expect(reachedStages(slaClocks(facts({ acceptedAt: at(40) }), SLA_DEFAULTS.emergency, at(500))[0]!)).toEqual([]);
  });

  it('a return visit is due 24 hours after verification', () => {
    const clocks = slaClocks(
      facts({ acceptedAt: at(1), onSiteAt: at(2), doneAt: at(3), verifiedAt: at(60) }),
      SLA_DEFAULTS.normal,
      at(61),
    );
    expect(clocks.find((c) => c.kind === 'return_visit')!.dueAt).toEqual(at(60 + 1440));
  });
});

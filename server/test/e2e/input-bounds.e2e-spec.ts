import { LIMITS } from '@app/shared';
import { bearer } from '../support/test-app';
import { administrationScenarios } from './input-bounds-admin';
import { announcementScenarios } from './input-bounds-announcements';
import { billingInputScenarios } from './input-bounds-billing-inputs';
import { billingListScenarios } from './input-bounds-billing-lists';
import { billingReportScenarios } from './input-bounds-billing-reports';
import { billingScenarios } from './input-bounds-billing';
import { complaintScenarios } from './input-bounds-complaints';
import { cashierScenarios } from './input-bounds-cashier';
import { paymentScenarios } from './input-bounds-payments';
import { prepayInvoiceScenarios } from './input-bounds-prepay-invoices';
import { chargeScenarios } from './input-bounds-charges';
import { identityCatalogScenarios } from './input-bounds-identity-catalog';
import {
  boundsOf,
  type Bound,
  type Call,
  dtoErrors,
  fieldsOf,
  ID_MAX,
  idNamesNothing,
  inBatches,
  Loose,
  routeDtos,
  type Scenario,
  setPath,
  unboundedFields,
  valueAt,
  type Verb,
} from './input-bounds-routes';
import { ticketScenarios } from './input-bounds-tickets';
import { makeBoundsWorld, ticketSteps, type BoundsWorld } from './input-bounds-world';

/**
 * R14, generated: every bounded field of every route's body or query DTO, at its bound and one past it,
 * through the real HTTP routes on this run's engine (MariaDB or SQLite). The bounds are read from
 * class-validator's metadata of the classes the controllers declare for @Body()/@Query() (nested
 * @ValidateNested classes included), so a new bounded field or route fails the coverage test until a
 * scenario (below or in an input-bounds-*.ts file) builds a valid request for it.
 *
 * At the bound: 2xx (the value reaches its column), except where a field is `lenient` (an id that
 * names nothing, a code that must exist) — then at least not 5xx and not refused for that field's bound.
 * One past: 422 naming the field. Never 5xx.
 *
 * The route metadata reading: input-bounds-routes.ts; the world and ticket states: input-bounds-world.ts; the
 * defects found, one test each: input-bounds-defects.e2e-spec.ts.
 */

describe(`R14 input bounds on ${process.env.E2E_DB ?? 'the default database'}`, () => {
  // Filled in by beforeAll; the scenarios read it only when they prepare a request.
  const b = {} as BoundsWorld;
  const s = ticketSteps(b);

  beforeAll(async () => {
    Object.assign(b, await makeBoundsWorld());
  }, 60_000);
  afterAll(() => b.t?.close());

  const SCENARIOS: Record<string, Scenario> = {
    ...identityCatalogScenarios(b),
    ...chargeScenarios(b, s),
    ...ticketScenarios(b, s),

    // ---- administration ----
    ...administrationScenarios(
      () => b.t,
      () => b.w.tenant,
      () => b.admin,
    ),
    ...billingInputScenarios(
      () => b.t,
      () => b.w.tenant,
      () => ({ finance: b.finance, cm: b.w.cm, pm: b.w.pm, resident: b.w.residentA.accessToken }),
    ),
    ...billingReportScenarios(
      () => b.t,
      () => b.w.tenant,
      () => ({ cm: b.w.cm, pm: b.w.pm }),
    ),
    ...billingListScenarios(
      () => b.t,
      () => b.w.tenant,
      () => ({ finance: b.finance }),
    ),
    ...announcementScenarios(
      () => b.t,
      () => b.w.tenant,
      () => b.w.cm,
    ),

    // ---- monthly bills and their inputs ----
    ...billingScenarios(
      () => b.t,
      () => b.w,
      () => b.finance,
    ),
    ...complaintScenarios(
      () => b.t,
      () => b.w,
    ),

    // ---- the cashier desk ----
    ...cashierScenarios(() => b.t),
    ...paymentScenarios(() => b.t),
    ...prepayInvoiceScenarios(() => b.t),
  };

  const send = async (c: Call, verb: Verb) => {
    let req = b.t.http()[verb](c.url);
    if (c.token) req = req.set(bearer(c.token));
    if (c.query) req = req.query(c.query);
    return c.body !== undefined ? req.send(c.body) : req;
  };

  const pristine = new Map<string, Call>();
  const refused = async (key: string, scenario: Scenario): Promise<Call> => {
    if (!pristine.has(key)) pristine.set(key, await scenario.prepare());
    return structuredClone(pristine.get(key)!);
  };

  it('every bounded DTO field of every route has a scenario (a new bound without one fails here)', async () => {
    const routes = routeDtos(b.t);
    expect(routes.length).toBeGreaterThan(30);
    const quote = routes.find((r) => r.key === 'POST /api/tickets/:id/quote')!;
    expect(boundsOf(quote.cls).map((b) => `${b.path}:${b.kind}`)).toEqual(
      expect.arrayContaining(['items.0.quantityMilli:max', 'materials.0.quantityMilli:min']),
    );
    // The local check used at the bounds sees nested fields the way the pipe does.
    expect(
      await dtoErrors(quote.cls, { items: [{ code: 'GS-001', quantityMilli: LIMITS.lineQuantityMilli + 1 }] }),
    ).toEqual(['items.0.quantityMilli']);
    expect(
      await dtoErrors(quote.cls, { items: [{ code: 'GS-001', quantityMilli: LIMITS.lineQuantityMilli }] }),
    ).toEqual([]);
    const missing = routes
      .filter((r) => boundsOf(r.cls).length && !SCENARIOS[r.key])
      .map((r) => `${r.key} (${r.cls.name})`);
    expect(missing).toEqual([]);
    // Every number and every text has an upper bound (else nothing stops "Out of range" / "Data too long").
    const unbounded = routes.flatMap((r) => unboundedFields(r.cls).map((f) => `${r.key} ${r.source}.${f}`));
    expect([...new Set(unbounded)]).toEqual([]);
    expect(unboundedFields(Loose)).toEqual(['count', 'text']);
    const stale = Object.keys(SCENARIOS).filter((k) => !routes.some((r) => r.key === k));
    expect(stale).toEqual([]);
  });

  it('each field at its bound is accepted and one past it is refused with 422 naming the field; never 5xx', async () => {
    expect(b.materialsPublished).toBe(true);
    const failures: string[] = [];
    let cases = 0;
    for (const route of routeDtos(b.t)) {
      const scenario = SCENARIOS[route.key];
      const bounds = boundsOf(route.cls);
      if (!scenario || !bounds.length) continue;
      const verb = route.key.split(' ')[0].toLowerCase() as Verb;
      // Fresh state for every request at a bound (it may succeed and consume it), built a few at a time.
      // An id at the INT maximum names nothing and is refused by the service, so it shares the refused state too.
      const isId = (b: Bound) => b.kind === 'max' && b.limit === ID_MAX;
      const fresh = await inBatches(
        bounds.map((b) => () => (isId(b) ? refused(route.key, scenario) : scenario.prepare())),
        4,
      );
      for (const [i, b] of bounds.entries()) {
        for (const offset of [1, 0] as const) {
          cases++;
          // One past the bound is refused before the service runs, so those requests share one prepared state.
          const call = offset === 1 ? await refused(route.key, scenario) : fresh[i];
          const target = route.source === 'body' ? (call.body ??= {}) : (call.query ??= {});
          setPath(target, b.path, route.source === 'query' ? String(valueAt(b, offset)) : valueAt(b, offset));
          const res = await send(call, verb);
          const named = fieldsOf(res.body).includes(b.path);
          const label = `${route.key} ${route.source}.${b.path} ${b.kind}=${b.limit} ${offset ? 'past' : 'at'} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`;
          if (res.status >= 500) failures.push(label);
          else if (offset === 1 && !(res.status === 422 && named)) failures.push(label);
          else if (offset === 0) {
            // The DTO itself accepts the value at its bound (whatever the service then says about it) …
            if ((await dtoErrors(route.cls, target)).includes(b.path))
              failures.push(`${label} (the DTO refuses its own bound)`);
            // … and the request succeeds, unless the value must also name something that exists.
            const lenient =
              scenario.anyStatus ??
              scenario.lenient?.[b.path] ??
              (b.kind === 'max' && b.limit === ID_MAX ? idNamesNothing : undefined);
            if (!lenient && res.status >= 300) failures.push(label);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThan(200);
  }, 420_000);

  it('whitespace-only required texts are refused with 422 naming the field', async () => {
    const failures: string[] = [];
    for (const route of routeDtos(b.t)) {
      const scenario = SCENARIOS[route.key];
      // Sign-in codes and passwords are not texts people write (a password may be blanks): not checked here.
      if (!scenario || route.source !== 'body' || scenario.anyStatus) continue;
      for (const b of boundsOf(route.cls).filter(
        (x) => x.kind === 'maxLength' && x.nonBlank && !x.path.includes('.0.'),
      )) {
        const call = await refused(route.key, scenario);
        (call.body ??= {})[b.path] = '  \t ';
        const res = await send(call, route.key.split(' ')[0].toLowerCase() as Verb);
        if (!(res.status === 422 && fieldsOf(res.body).includes(b.path)))
          failures.push(`${route.key} ${b.path} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

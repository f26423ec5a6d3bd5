import {
  ApiError,
  ClientErrorCode,
  ErrorCode,
  ROUTES,
  TICKET_ACTION_ROUTES,
  TicketAction,
  TRANSITIONS,
  buildPath,
  buildUrl,
  createApiCaller,
  prepareCall,
  readResult,
  ticketActionSegment,
  ticketCommandOfSegment,
  toApiError,
  type AnyRoute,
  type ITicket,
  type PreparedCall,
  type RawResponse,
  type TicketActionBody,
} from '../index';

function allRoutes(tree: object = ROUTES, out: AnyRoute[] = []): AnyRoute[] {
  for (const value of Object.values(tree)) {
    if (value && typeof value === 'object' && 'method' in value && 'path' in value) out.push(value as AnyRoute);
    else if (value && typeof value === 'object') allRoutes(value, out);
  }
  return out;
}

describe('route table', () => {
  it('is plain data: method, /api path and auth flag only, and JSON round-trips unchanged', () => {
    const routes = allRoutes();
    expect(routes.length).toBeGreaterThan(80);
    for (const r of routes) {
      expect(Object.keys(r).sort()).toEqual(['auth', 'method', 'path']);
      expect(r.path).toMatch(/^\/api\/[a-z0-9\-/:.A-Z]*$/);
    }
    expect(JSON.parse(JSON.stringify(ROUTES))).toEqual(ROUTES);
  });

  it('has no two routes with the same method and path shape', () => {
    const seen = allRoutes().map((r) => `${r.method} ${r.path.replace(/:\w+/g, ':')}`);
    expect(seen.filter((key, i) => seen.indexOf(key) !== i)).toEqual([]);
  });

  it('names a route for every lifecycle action, and only the five known ones differ from the action name', () => {
    for (const action of Object.values(TicketAction)) expect(TICKET_ACTION_ROUTES[action].method).toBe('POST');
    expect(Object.keys(TRANSITIONS).every((a) => a in TICKET_ACTION_ROUTES)).toBe(true);
    const renamed = Object.values(TicketAction).filter((a) => ticketActionSegment(a) !== a);
    expect(Object.fromEntries(renamed.map((a) => [a, ticketActionSegment(a)]))).toEqual({
      check_in: 'check-in',
      agree_quote: 'agree',
      decline_quote: 'decline-quote',
      request_rework: 'rework',
      return_visit: 'return-visit',
    });
    expect(ticketCommandOfSegment('rework')).toBe('request_rework');
    expect(ticketCommandOfSegment('hold')).toBe('hold');
  });

  it('marks exactly the sign-in, meta, health and published-schedule routes public', () => {
    const open = allRoutes()
      .filter((r) => !r.auth)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(open).toEqual([
      'GET /api/auth/demo/accounts',
      'GET /api/health/live',
      'GET /api/health/ready',
      // The console's event stream: EventSource cannot send a header, so a short-lived signed token in the query stands in.
      'GET /api/live/tickets',
      'GET /api/meta',
      'GET /api/property/houses/import-template.csv',
      'GET /api/public/fee-schedule',
      'GET /api/public/fee-schedule/items/:itemId',
      'GET /api/public/fee-schedule/poster',
      'POST /api/auth/demo/login',
      'POST /api/auth/logout',
      'POST /api/auth/password/login',
      'POST /api/auth/refresh',
      'POST /api/auth/wechat/login',
    ]);
  });
});

describe('client core', () => {
  it('fills and encodes path parameters, refuses a missing one', () => {
    expect(buildPath('/api/price-lists/:id/entries/:code', { id: 3, code: 'A/1 b' })).toBe(
      '/api/price-lists/3/entries/A%2F1%20b',
    );
    expect(() => buildPath('/api/tickets/:id', {})).toThrow(/:id/);
  });

  it('drops empty query values and encodes the rest', () => {
    expect(
      buildUrl('https://x.test', '/api/houses', {
        q: '3栋 1201',
        page: 2,
        buildingId: undefined,
        unitId: null,
        x: '',
        dryRun: false,
      }),
    ).toBe('https://x.test/api/houses?q=3%E6%A0%8B%201201&page=2&dryRun=false');
  });

  it('prepares a write with its JSON body and a bodiless write with {}', () => {
    const call = prepareCall('', ROUTES.tickets.actions.cancel, { params: { id: 7 }, body: { reason: '不修了' } });
    expect(call).toEqual({
      method: 'POST',
      url: '/api/tickets/7/cancel',
      body: { reason: '不修了' },
      json: '{"reason":"不修了"}',
      auth: true,
    });
    expect(prepareCall('', ROUTES.bindings.approve, { params: { id: 2 } })).toMatchObject({ body: {}, json: '{}' });
    expect(prepareCall('/base', ROUTES.tickets.mine, { query: { pageSize: 50 } })).toMatchObject({
      url: '/base/api/tickets/mine?pageSize=50',
      body: undefined,
      json: undefined,
    });
    expect(prepareCall('', ROUTES.auth.meta).auth).toBe(false);
  });

  it('maps the error envelope into one ApiError (code, message, status, details, requestId)', () => {
    const fields = [{ field: 'reason', message: '请填写原因' }, { bogus: true }];
    const error = toApiError({
      status: 422,
      body: { code: 'VALIDATION_FAILED', message: '参数有误', details: { fields }, requestId: 'req-9' },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: '参数有误', status: 422, requestId: 'req-9' });
    expect(error.fieldErrors).toEqual([{ field: 'reason', message: '请填写原因' }]);
    expect(toApiError({ status: 409, body: '{"code":"STATE_CONFLICT","message":"已变化","requestId":"r"}' }).code).toBe(
      ErrorCode.StateConflict,
    );
    expect(new ApiError(ErrorCode.TokenExpired, 'x', 401).isUnauthenticated).toBe(true);
    expect(new ApiError(ErrorCode.Forbidden, 'x', 403).isUnauthenticated).toBe(false);
  });

  it('turns a gateway page into BAD_RESPONSE carrying the status and the header request id', () => {
    const error = toApiError({ status: 502, body: '<html>Bad Gateway</html>', requestId: 'gw' });
    expect(error).toMatchObject({ code: ClientErrorCode.BadResponse, status: 502, requestId: 'gw' });
    expect(error.message).toContain('502');
    expect(toApiError({ status: 404, body: 'Not Found' }).message).toBe('请求失败（404）');
  });

  it('reads 2xx bodies (204 → undefined, text → parsed)', () => {
    expect(readResult({ status: 200, body: '{"id":9}' })).toEqual({ id: 9 });
    expect(readResult({ status: 204, body: '' })).toBeUndefined();
    expect(() => readResult({ status: 403, body: { code: 'FORBIDDEN', message: '无权', requestId: 'r' } })).toThrow(
      ApiError,
    );
  });

  it('a caller hands the prepared call and per-call options to the app transport and types the answer', async () => {
    const seen: [PreparedCall, { idempotencyKey?: string }][] = [];
    const api = createApiCaller<{ idempotencyKey?: string }>(
      'https://x.test',
      async (call, options): Promise<RawResponse> => {
        seen.push([call, options]);
        return { status: 201, body: { id: 1, status: 'submitted' } };
      },
    );
    const body = {
      houseId: 1,
      kind: 'repair' as const,
      category: 'GS',
      urgency: 'normal' as const,
      description: '漏水',
    };
    const created: ITicket = await api(ROUTES.tickets.create, { body, idempotencyKey: 'k-1' });
    expect(created).toEqual({ id: 1, status: 'submitted' });
    expect(seen[0][0]).toMatchObject({ method: 'POST', url: 'https://x.test/api/tickets', body });
    expect(seen[0][1].idempotencyKey).toBe('k-1');
  });
});

/**
 * Type-level: these lines compile only while the table and the contracts agree with how the clients call them.
 * `tsc -p shared` (the typecheck stage) fails when an expected error disappears or an unexpected one appears.
 */
export function typeLevelCases(api: ReturnType<typeof createApiCaller>): void {
  void api(ROUTES.tickets.one, { params: { id: 1 } }).then((t: ITicket) => t.serial);
  void api(ROUTES.auth.me);
  // @ts-expect-error a path parameter is required
  void api(ROUTES.tickets.one);
  // @ts-expect-error the parameter is named by the path template (:id)
  void api(ROUTES.tickets.one, { params: { ticketId: 1 } });
  // @ts-expect-error a body field that the contract does not have
  void api(ROUTES.tickets.actions.cancel, { params: { id: 1 }, body: { cause: 'x' } });
  // @ts-expect-error a route without a body refuses one
  void api(ROUTES.tickets.actions.grab, { params: { id: 1 }, body: { reason: 'x' } });
  // @ts-expect-error the answer is an ITicketEvent[], not a page
  void api(ROUTES.tickets.timeline, { params: { id: 1 } }).then((page: { items: unknown[] }) => page.items);
  // @ts-expect-error an unknown query filter
  void api(ROUTES.tickets.mine, { query: { pageSize: 50, owner: 1 } });
  // @ts-expect-error the dispatch queue is per project: its query is required
  void api(ROUTES.tickets.dispatchQueue);
  void api(ROUTES.tickets.dispatchQueue, { query: { projectId: 1 } });
  // @ts-expect-error a route key that does not exist
  void ROUTES.tickets.details;
  const reason: TicketActionBody<'request_rework'> = { reason: '漏水' };
  // @ts-expect-error request_rework takes a reason
  const wrong: TicketActionBody<'request_rework'> = { note: '漏水' };
  void reason;
  void wrong;
}

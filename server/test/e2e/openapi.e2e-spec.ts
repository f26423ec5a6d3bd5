import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnyRoute, ROUTES } from '@app/shared';
import { operations } from '../../src/metadata';
import { HTTP_METHODS } from '../../src/openapi';
import { bootTestApp, TestApp } from '../support/test-app';

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, unknown>;
  allOf?: unknown[];
  items?: unknown;
};
type Op = {
  operationId: string;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: Record<string, string[]>[];
};
type Doc = {
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
};

/** A schema says something: a reference to a known component, an object with properties, an array of something, a scalar. */
function describes(schema: Schema | undefined, doc: Doc): boolean {
  if (!schema) return false;
  if (schema.$ref) {
    const target = doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
    return !!target && describes(target, doc);
  }
  if (schema.allOf) return schema.allOf.every((s) => describes(s as Schema, doc));
  if (schema.type === 'array') return describes(schema.items as Schema, doc);
  if (schema.type === 'object') return Object.keys(schema.properties ?? {}).length > 0;
  return typeof schema.type === 'string';
}

/**
 * Issue 7 item 18: /api/docs describes every route — request body, response schema and bearer security —
 * so an integrator can use the API from the document alone. Routes added later fail here until described.
 */
describe('OpenAPI document (/api/docs/openapi.json)', () => {
  let t: TestApp;
  let doc: Doc;

  beforeAll(async () => {
    t = await bootTestApp();
    doc = (await t.http().get('/api/docs/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  const allOps = (): [string, string, Op][] =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((m) => item[m]).map((m) => [path, m, item[m]] as [string, string, Op]),
    );

  it('every route is generated from the current source (src/metadata.ts knows each operation)', () => {
    const missing = allOps()
      .filter(([, , op]) => !operations[op.operationId])
      .map(([p, m]) => `${m.toUpperCase()} ${p}`);
    expect(missing).toEqual([]);
    expect(allOps().length).toBeGreaterThan(90);
  });

  it("every route of the clients' shared table (ROUTES) is served with the same method, path and sign-in rule", () => {
    const flatten = (tree: object): AnyRoute[] =>
      Object.values(tree).flatMap((v: unknown) =>
        v && typeof v === 'object' ? ('method' in v && 'path' in v ? [v as AnyRoute] : flatten(v)) : [],
      );
    const routes = flatten(ROUTES);
    expect(routes.length).toBeGreaterThan(80);
    const mismatches = routes.flatMap((r) => {
      const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      if (!op) return [`${r.method} ${r.path}: not served`];
      const isPublic = !!operations[op.operationId]?.public;
      return isPublic === !r.auth
        ? []
        : [
            `${r.method} ${r.path}: table says ${r.auth ? 'bearer' : 'public'}, server says ${isPublic ? 'public' : 'bearer'}`,
          ];
    });
    expect(mismatches).toEqual([]);
  });

  it('every route that takes a body documents it with a schema', () => {
    const gaps = allOps()
      .filter(([, , op]) => operations[op.operationId]?.body)
      .filter(([, , op]) => !Object.values(op.requestBody?.content ?? {}).some((c) => describes(c.schema, doc)))
      .map(([p, m]) => `${m.toUpperCase()} ${p}`);
    expect(gaps).toEqual([]);
  });

  it('every route documents its success response with a schema (or answers 204 with no content)', () => {
    const gaps = allOps()
      .filter(([, , op]) => {
        const [status, ok] = Object.entries(op.responses).find(([s]) => /^2\d\d$/.test(s)) ?? [];
        if (!status || !ok) return true;
        if (status === '204') return false;
        return !Object.values(ok.content ?? {}).some((c) => describes(c.schema, doc));
      })
      .map(([p, m]) => `${m.toUpperCase()} ${p}`);
    expect(gaps).toEqual([]);
  });

  it('every non-public route requires the bearer token; Swagger UI can send it', () => {
    expect(doc.components.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const gaps = allOps()
      .filter(([, , op]) => !operations[op.operationId]?.public)
      .filter(([, , op]) => !op.security?.some((s) => 'bearer' in s))
      .map(([p, m]) => `${m.toUpperCase()} ${p}`);
    expect(gaps).toEqual([]);
    expect(doc.paths['/api/auth/password/login'].post.security).toEqual([]);
  });

  it('every error answers the one envelope, described as ErrorResponse', () => {
    expect(doc.components.schemas.ErrorResponse).toMatchObject({ required: ['code', 'message', 'requestId'] });
    const gaps = allOps()
      .filter(([, , op]) => !op.responses['422'])
      .map(([p, m]) => `${m.toUpperCase()} ${p}`);
    expect(gaps).toEqual([]);
  });

  it('request bodies, query and path parameters come from the DTOs; Idempotency-Key is optional', () => {
    const create = doc.paths['/api/tickets'].post;
    const body = create.requestBody!.content!['application/json'].schema!;
    const createDto = doc.components.schemas[body.$ref!.replace('#/components/schemas/', '')] as Schema & {
      required?: string[];
    };
    expect(createDto.properties).toHaveProperty('category');
    expect(createDto.required).toEqual(expect.arrayContaining(['kind', 'category', 'urgency', 'description']));
    expect(create.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]),
    );

    const list = doc.paths['/api/tickets'].get;
    expect(list.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['query:projectId', 'query:status', 'query:page', 'query:pageSize']),
    );
    const page = list.responses['200'].content!['application/json'].schema!;
    expect(doc.components.schemas[page.$ref!.split('/').pop()!].properties).toEqual(
      expect.objectContaining({
        items: expect.anything(),
        total: expect.anything(),
        page: expect.anything(),
        pageSize: expect.anything(),
      }),
    );
    expect(doc.paths['/api/tickets/{id}/agree'].post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path', required: true })]),
    );
    // inherited fields are documented too (DeclineQuoteDto extends ReasonDto)
    const declineQuote =
      doc.paths['/api/tickets/{id}/decline-quote'].post.requestBody!.content!['application/json'].schema!;
    expect(doc.components.schemas[declineQuote.$ref!.split('/').pop()!].properties).toHaveProperty('reason');
    const agree = doc.paths['/api/tickets/{id}/agree'].post.requestBody!.content!['application/json'].schema!;
    expect(doc.components.schemas[agree.$ref!.split('/').pop()!].properties).toHaveProperty('snapshotHash');
  });

  it('lists answer one page shape { items, total, page, pageSize }; only small bounded lists (documented in docs/api.md) are plain arrays', () => {
    const BOUNDED = new Set([
      'GET /api/property/projects',
      'GET /api/property/projects/{projectId}/buildings',
      'GET /api/property/projects/{projectId}/staff',
      'GET /api/property/projects/{projectId}/technicians',
      'GET /api/directory/projects',
      'GET /api/directory/projects/{projectId}/buildings',
      'GET /api/directory/units/{unitId}/houses',
      'GET /api/bindings/mine',
      'GET /api/bindings/family-requests',
      'GET /api/price-lists',
      'GET /api/tickets/{id}/timeline',
      'GET /api/projects/{projectId}/dispatch-policies',
      'GET /api/projects/{projectId}/sla-policies',
      'GET /api/tickets/technician-workload',
      'GET /api/admin/projects/{projectId}/departments',
      'GET /api/billing/items',
      'GET /api/billing/runs',
      'GET /api/bills/mine',
      'GET /api/billing/vacancies',
      'GET /api/bills/mine/vacancies',
      'GET /api/announcements/mine',
      'GET /api/ticket-urges',
      'GET /api/prepay/offers',
      'GET /api/prepay/mine/offers',
      'GET /api/invoices/mine/titles',
      'GET /api/invoices/mine',
      'GET /api/reconciliation/runs',
      'GET /api/reconciliation/runs/{id}/discrepancies',
      'GET /api/cashier/approvals',
      'GET /api/tickets/{id}/merge-candidates',
      'GET /api/tickets/{id}/merged',
    ]);
    const arrays = allOps()
      .filter(([, m]) => m === 'get')
      .filter(
        ([, , op]) =>
          (op.responses['200']?.content?.['application/json']?.schema as Schema | undefined)?.type === 'array',
      )
      .map(([p, m]) => `${m.toUpperCase()} ${p}`);
    expect(arrays.filter((r) => !BOUNDED.has(r))).toEqual([]);
    for (const path of [
      '/api/charges/mine',
      '/api/inbox',
      '/api/rectifications',
      '/api/tickets/dispatch-queue',
      '/api/tickets/escalated',
      '/api/tickets/jobs/pool',
    ]) {
      const op = doc.paths[path].get;
      expect(op.responses['200'].content!['application/json'].schema!.$ref).toMatch(/IPage_/);
      expect(op.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['page', 'pageSize']));
    }
    const text = readFileSync(join(__dirname, '../../../docs/api.md'), 'utf8');
    for (const route of BOUNDED) expect(text).toContain(`\`${route.replace(/\{(\w+)\}/g, ':$1')}\``);
  });

  it('every route named in the prose of docs/api.md exists (no stale names)', () => {
    const text =
      readFileSync(join(__dirname, '../../../docs/api.md'), 'utf8').split('<!-- routes:begin')[0] +
      readFileSync(join(__dirname, '../../../docs/api.md'), 'utf8').split('<!-- routes:end -->')[1];
    // parameter names do not matter ({id} vs {chargeId})
    const shape = (path: string) => path.replace(/\{[^}]*\}/g, '{}');
    const known = new Set(allOps().map(([p, m]) => `${m.toUpperCase()} ${shape(p)}`));
    const named = [...text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\s+(\/api\/[A-Za-z0-9_\-/.:{}]*)/g)].map(
      ([, m, p]) => {
        const path = p
          .replace(/[.,]$/, '')
          .replace(/:(\w+)/g, '{$1}')
          .replace(/\{[^}]*…[^}]*\}/g, '');
        return `${m} ${shape(path)}`;
      },
    );
    expect(named.length).toBeGreaterThan(50);
    // "POST /api/tickets/:id/<action>" templates end at the "<"; the actions are in the generated table.
    expect(named.filter((r) => !r.endsWith('/') && !known.has(r))).toEqual([]);
    const actionTable = text.split('| action | who | body |')[1]?.split('\n\n')[0] ?? '';
    const actions = [...actionTable.matchAll(/^\| ([a-z-]+(?: \/ [a-z-]+)*) \|/gm)].flatMap(([, names]) =>
      names.split(' / '),
    );
    expect(actions.length).toBeGreaterThan(15);
    expect(actions.filter((a) => !known.has(`POST /api/tickets/{}/${a}`))).toEqual([]);
  });

  it('the route table in docs/api.md is generated from this document and current (UPDATE_API_DOCS=1 rewrites it)', () => {
    const file = join(__dirname, '../../../docs/api.md');
    const text = readFileSync(file, 'utf8');
    const begin =
      '<!-- routes:begin (generated from /api/docs/openapi.json by `pnpm --filter @app/server docs:api`; do not edit) -->';
    const end = '<!-- routes:end -->';
    const table = routeTable(doc);
    const at = text.indexOf(begin);
    const stop = text.indexOf(end);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(stop).toBeGreaterThan(at);
    const updated = `${text.slice(0, at)}${begin}\n${table}${end}${text.slice(stop + end.length)}`;
    if (process.env.UPDATE_API_DOCS === '1') writeFileSync(file, updated);
    else expect(text).toBe(updated);
  });
});

function schemaLabel(schema: Schema | undefined): string {
  if (!schema) return '—';
  if (schema.$ref)
    return schema.$ref
      .split('/')
      .pop()!
      .replace(/_(\w+)$/, '<$1>')
      .replace(/Dto$/, 'Dto');
  if (schema.allOf) return schemaLabel(schema.allOf[0] as Schema);
  if (schema.type === 'array') return `${schemaLabel(schema.items as Schema)}[]`;
  if (schema.type === 'string' && (schema as { format?: string }).format === 'binary') return 'bytes';
  return schema.type ?? 'object';
}

function routeTable(doc: Doc): string {
  const rows = Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((m) => {
      const op = item[m];
      const gen = operations[op.operationId];
      const body = op.requestBody?.content
        ? Object.entries(op.requestBody.content)
            .map(([type, c]) => (type === 'application/json' ? schemaLabel(c.schema) : `${type}`))
            .join(', ')
        : '—';
      const [status, ok] = Object.entries(op.responses).find(([s]) => /^2\d\d$/.test(s)) ?? ['', undefined];
      const content = ok?.content ? Object.entries(ok.content)[0] : undefined;
      const response = content
        ? content[0] === 'application/json'
          ? schemaLabel(content[1].schema)
          : content[0]
        : '—';
      // required parameters as name=, optional ones in brackets
      const query = (op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => (p.required ? `${p.name}=` : `[${p.name}=]`))
        .join('&');
      return `| ${m.toUpperCase()} | \`${path}${query ? `?${query}` : ''}\` | ${gen?.public ? 'public' : 'bearer'} | ${body} | ${status} ${response} |`;
    }),
  );
  return ['| Method | Path (?query) | Auth | Body | Success |', '|---|---|---|---|---|', ...rows, ''].join('\n');
}

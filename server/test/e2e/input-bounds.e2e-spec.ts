import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, IsInt, IsString, Max, validate, ValidationError } from 'class-validator';
import { BindingStatus, IQuoteLine, ITicket, LIMITS, lineAmountFen, Role, ScopeType } from '@app/shared';
import { MAX_JSON_DEPTH } from '../../src/common/json-body';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { fitReason } from '../../src/modules/audit/audit.service';
import { FeeCategory, MaterialPrice, PriceListVersion } from '../../src/modules/catalog/price-list.entity';
import { Charge } from '../../src/modules/charges/charge.entity';
import { ChargesService } from '../../src/modules/charges/charges.service';
import { TechnicianProfile } from '../../src/modules/property/technician.entity';
import { RectificationTask } from '../../src/modules/tickets/ticket-support.entity';
import { Ticket } from '../../src/modules/tickets/ticket.entity';
import {
  bindResident,
  makeStaff,
  makeVerifiedTicket,
  newOpenId,
  publishSchedule,
  STAFF_PASSWORD,
} from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp, wechatLogin } from '../support/test-app';
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
import { act, makeTicketWorld, sign, TicketWorld, uploadPhoto } from './ticket-helpers';

/**
 * R14, generated: every bounded field of every route's body or query DTO, at its bound and one past it,
 * through the real HTTP routes on this run's engine (MariaDB or SQLite). The bounds are read from
 * class-validator's metadata of the classes the controllers declare for @Body()/@Query() (nested
 * @ValidateNested classes included), so a new bounded field or route fails the coverage test until a
 * scenario below builds a valid request for it.
 *
 * At the bound: 2xx (the value reaches its column), except where a field is `lenient` (an id that
 * names nothing, a code that must exist) — then at least not 5xx and not refused for that field's bound.
 * One past: 422 naming the field. Never 5xx.
 */

// class-transformer keeps @Type() metadata in a storage it does not export from its root; its own types describe it.
const { defaultMetadataStorage } =
  require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Bound {
  path: string;
  kind: 'maxLength' | 'max' | 'min';
  limit: number;
  nonBlank: boolean;
  email?: boolean;
}
interface RouteDto {
  key: string;
  source: 'body' | 'query';
  cls: new () => object;
}
interface Call {
  token: string;
  url: string;
  body?: Record<string, unknown>;
  query?: Record<string, unknown>;
}
interface Scenario {
  /** Builds a fresh valid request (fresh entities in the right state when the route consumes them). */
  prepare(): Promise<Call>;
  /** Fields whose value must also exist or match something: at the bound only "not 5xx, not a bound error". */
  lenient?: Record<string, string>;
  /** The whole route answers a business refusal for any made-up value (sign-in): "not 5xx" at the bound. */
  anyStatus?: string;
}

const ID_MAX = LIMITS.entityId;
const storage = getMetadataStorage();

function constraintName(meta: { type: string; constraintCls?: unknown; name?: string }): string {
  if (meta.constraintCls)
    return storage.getTargetValidatorConstraints(meta.constraintCls as never)[0]?.name ?? meta.type;
  return meta.name ?? meta.type;
}

/** Bounded fields of a DTO class, nested arrays of DTOs as `items.0.quantityMilli`. */
function boundsOf(cls: new () => object, prefix = ''): Bound[] {
  const metas = storage.getTargetValidationMetadatas(cls, '', true, false);
  const byProp = new Map<string, typeof metas>();
  for (const m of metas) byProp.set(m.propertyName, [...(byProp.get(m.propertyName) ?? []), m]);
  const out: Bound[] = [];
  for (const [prop, list] of byProp) {
    // A text that must say something: required and @IsNotEmpty (or a non-blank @Matches).
    const nonBlank =
      !list.some((m) => m.type === 'conditionalValidation') &&
      list.some((m) => ['isNotEmpty', 'matches'].includes(constraintName(m)));
    const email = list.some((m) => constraintName(m) === 'isEmail');
    for (const m of list) {
      const name = constraintName(m);
      if (m.type === 'nestedValidation') {
        const nested = defaultMetadataStorage.findTypeMetadata(cls, prop)?.typeFunction() as
          (new () => object) | undefined;
        if (nested) out.push(...boundsOf(nested, m.each ? `${prefix}${prop}.0.` : `${prefix}${prop}.`));
        continue;
      }
      if (m.each) continue; // element bounds of id arrays: INT range, checked by their own decorators
      if (name === 'maxLength' || name === 'max' || name === 'min') {
        out.push({ path: `${prefix}${prop}`, kind: name, limit: Number(m.constraints[0]), nonBlank, email });
      }
    }
  }
  return out;
}

/** Numbers without @Max and strings without @MaxLength (or a pattern / a fixed list / an ISO date, which bound them). */
function unboundedFields(cls: new () => object, prefix = ''): string[] {
  const metas = storage.getTargetValidationMetadatas(cls, '', true, false);
  const out: string[] = [];
  for (const prop of new Set(metas.map((m) => m.propertyName))) {
    const list = metas.filter((m) => m.propertyName === prop);
    const names = list.map((m) => `${m.each ? 'each:' : ''}${constraintName(m)}`);
    const nested = list.find((m) => m.type === 'nestedValidation');
    if (nested) {
      const type = defaultMetadataStorage.findTypeMetadata(cls, prop)?.typeFunction() as (new () => object) | undefined;
      if (type) out.push(...unboundedFields(type, `${prefix}${prop}.0.`));
      continue;
    }
    for (const each of ['', 'each:']) {
      const has = (n: string) => names.includes(`${each}${n}`);
      const bounded = ['isIn', 'matches', 'isIso8601', 'isBoolean'].some(has);
      if ((has('isInt') || has('isNumber')) && !has('max') && !bounded) out.push(`${prefix}${prop}${each ? '[]' : ''}`);
      if (has('isString') && !has('maxLength') && !bounded) out.push(`${prefix}${prop}${each ? '[]' : ''}`);
    }
  }
  return out;
}

/** What the unbounded-field check must catch. */
class Loose {
  @IsInt() count: number;
  @IsString() text: string;
  @IsInt() @Max(5) fine: number;
}

/** Every route's @Body()/@Query() DTO class, from Nest's own route metadata. */
function routeDtos(t: TestApp): RouteDto[] {
  const out: RouteDto[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctrl = wrapper.metatype as (new () => object) | null;
      if (!ctrl) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const handler = (ctrl.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const url = `/api/${[base, String(path)]
          .map((p) => p.replace(/^\/+|\/+$/g, ''))
          .filter(Boolean)
          .join('/')}`;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, ctrl, name) ?? {}) as Record<string, { index: number }>;
        const types = (Reflect.getMetadata('design:paramtypes', ctrl.prototype, name) ?? []) as unknown[];
        for (const [k, v] of Object.entries(args)) {
          const paramtype = Number(k.split(':')[0]);
          const source =
            paramtype === RouteParamtypes.BODY ? 'body' : paramtype === RouteParamtypes.QUERY ? 'query' : null;
          const cls = types[v.index] as (new () => object) | undefined;
          if (
            source &&
            typeof cls === 'function' &&
            storage.getTargetValidationMetadatas(cls, '', true, false).length
          ) {
            out.push({ key: `${verb} ${url}`, source, cls });
          }
        }
      }
    }
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    if (at[part] === undefined) throw new Error(`the scenario's valid request has no ${path}: give it one`);
    at = at[part] as Record<string, unknown>;
  }
  at[parts.at(-1)!] = value;
}

const fieldsOf = (body: { details?: { fields?: { field: string }[] } }): string[] =>
  (body.details?.fields ?? []).map((f) => f.field.replace(/\[(\d+)\]/g, '.$1'));

describe(`R14 input bounds on ${process.env.E2E_DB ?? 'the default database'}`, () => {
  let t: TestApp;
  let w: TicketWorld;
  let admin: string;
  let finance: string;
  let scheduleDraftId: number;
  let materialsDraftId: number;
  let spareTech: number;
  let gardener: number;
  let materialsPublished = false;
  const tech = () => w.techs[0];

  beforeAll(async () => {
    // WeChat Pay through the stand-in, so a resident's pay order can be created at its bounds.
    t = await bootTestApp({ WECHATPAY_MODE: 'stand-in', WECHATPAY_STANDIN_HOST: '127.0.0.1' });
    w = await makeTicketWorld(t, 2);
    // Every ticket here goes to the first technician; most stay open, so lift the open-job cap for this world.
    await t.db.getRepository(TechnicianProfile).update({ userId: w.techs[0].id }, { maxOpenJobs: 10_000 });
    const { companyId, projectId } = w.tenant;
    // The schedule in force: the ticket world's items, a cheap item (so the largest quantity stays under the
    // quote ceiling) and 打字复印 desk items for counter sales.
    const versionId = await publishSchedule(t.db, companyId, [
      { code: 'GS-001', categoryCode: 'GS', name: '水龙头更换', unit: '个', labourPriceFen: 2000 },
      { code: 'GS-005', categoryCode: 'GS', name: '马桶疏通', unit: '次', labourPriceFen: 5000, callOutFeeFen: 1000 },
      { code: 'GD-003', categoryCode: 'GD', name: '开关更换', unit: '个', labourPriceFen: 1500 },
      { code: 'GS-101', categoryCode: 'GS', name: '密封胶条', unit: '米', labourPriceFen: 100 },
      { code: 'DY-001', categoryCode: 'DY', name: '复印', unit: '张', labourPriceFen: 100 },
      { code: 'DY-120', categoryCode: 'DY', name: '装订', unit: '本', labourPriceFen: 12_000 },
    ]);
    await t.db.getRepository(FeeCategory).update({ versionId, code: 'DY' }, { name: '打字复印' });
    const at = new Date(Date.now() - 60_000);
    const materials = await t.db.getRepository(PriceListVersion).insert({
      kind: 'materials',
      companyId,
      regionId: null,
      versionNo: 1,
      title: '材料价格',
      status: 'published',
      effectiveFrom: at,
      publishedKey: `materials:${companyId}:0:${at.toISOString()}`,
      notes: null,
      createdBy: 0,
      approvedBy: 0,
      approvedAt: at,
      publishedBy: 0,
      publishedAt: at,
      createdAt: at,
      updatedAt: at,
    });
    await t.db.getRepository(MaterialPrice).insert({
      versionId: Number(materials.identifiers[0].id),
      code: 'M-001',
      name: '胶带',
      spec: '',
      unit: '个',
      priceFen: 100,
      sortOrder: 0,
    });
    materialsPublished = true;
    const staff = async (role: Role, scopeType: ScopeType, scopeId: number) =>
      (
        await passwordLogin(
          t,
          (await makeStaff(t.db, [{ role, scopeType, scopeId }], { companyId })).username,
          STAFF_PASSWORD,
        )
      ).accessToken;
    admin = await staff(Role.Admin, ScopeType.Company, companyId);
    finance = await staff(Role.Finance, ScopeType.Company, companyId);
    const draft = await t
      .http()
      .post('/api/price-lists')
      .set(bearer(admin))
      .send({ kind: 'fee_schedule', companyId, title: '边界测试草稿' })
      .expect(201);
    scheduleDraftId = draft.body.id;
    materialsDraftId = (
      await t
        .http()
        .post('/api/price-lists')
        .set(bearer(admin))
        .send({ kind: 'materials', companyId, title: '边界测试材料' })
        .expect(201)
    ).body.id;
    // Edited by the technician-profile scenario (its cap goes to 0 and 50), so it takes no jobs here.
    // Lacks the plumbing skill a GS ticket needs: dispatching to them takes an override with a recorded reason.
    gardener = (
      await makeStaff(t.db, [{ role: Role.Technician, scopeType: ScopeType.Project, scopeId: projectId }], {
        technician: true,
        companyId,
        skills: ['绿化'],
        buildingIds: [w.tenant.buildingId],
        maxOpenJobs: 50,
      })
    ).id;
    spareTech = (
      await makeStaff(t.db, [{ role: Role.Technician, scopeType: ScopeType.Project, scopeId: projectId }], {
        technician: true,
        companyId,
      })
    ).id;
    expect(projectId).toBeGreaterThan(0);
  }, 60_000);
  afterAll(() => t?.close());

  // ---- ticket states, driven through HTTP as the product does ----
  const ticketOf = async (token: string, id: number): Promise<ITicket> =>
    (await t.http().get(`/api/tickets/${id}`).set(bearer(token)).expect(200)).body;
  const submitted = async (kind = 'repair'): Promise<number> => {
    const res = await t.http().post('/api/tickets').set(bearer(w.residentA.accessToken)).send({
      houseId: w.tenant.houseIds[0],
      kind,
      scope: 'home',
      category: 'GS',
      urgency: 'normal',
      description: '厨房水龙头漏水',
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const registered = async () => {
    const id = await submitted();
    await act(t, w.cm, id, 'register', { priceExplained: true }).expect(200);
    return id;
  };
  const dispatched = async () => {
    const id = await registered();
    await act(t, w.sup, id, 'dispatch', { technicianId: tech().id }).expect(200);
    return id;
  };
  const accepted = async () => {
    const id = await dispatched();
    await act(t, tech().token, id, 'accept', { visitAt: new Date(Date.now() + 3_600_000).toISOString() }).expect(200);
    return id;
  };
  const onSite = async () => {
    const id = await accepted();
    await act(t, tech().token, id, 'check-in').expect(200);
    return id;
  };
  const quoted = async () => {
    const id = await onSite();
    await act(t, tech().token, id, 'quote', { items: [{ code: 'GS-001', quantityMilli: 1000 }] }).expect(200);
    return id;
  };
  const inProgress = async () => {
    const id = await quoted();
    const hash = (await ticketOf(w.residentA.accessToken, id)).quote!.snapshotHash;
    await act(t, w.residentA.accessToken, id, 'agree', await sign(t, w.residentA.accessToken, hash)).expect(200);
    return id;
  };
  const done = async () => {
    const id = await inProgress();
    await act(t, tech().token, id, 'complete', {
      result: '已更换',
      mediaIds: [await uploadPhoto(t, tech().token)],
    }).expect(200);
    return id;
  };
  const verified = async () => {
    const id = await done();
    const hash = (await ticketOf(w.residentA.accessToken, id)).acceptanceSnapshotHash!;
    await act(t, w.residentA.accessToken, id, 'verify', {
      overall: 5,
      punctuality: 5,
      attitude: 5,
      ...(await sign(t, w.residentA.accessToken, hash)),
    }).expect(200);
    return id;
  };
  const openCharge = async (unconfirmed = false): Promise<number> => {
    const houseId = w.tenant.houseIds[2];
    const ticket = await makeVerifiedTicket(t.db, { projectId: w.tenant.projectId, houseId, technicianId: tech().id });
    const line: IQuoteLine = {
      kind: 'labour',
      code: 'GS-001',
      name: '水龙头更换',
      unit: '个',
      unitPriceFen: 2000,
      quantityMilli: 1000,
      amountFen: lineAmountFen(2000, 1000),
    };
    const charge = await t.app.get(ChargesService).postForTicket({
      ticketId: ticket.id,
      ticketSerial: ticket.serial,
      projectId: w.tenant.projectId,
      houseId,
      agreementRef: `signature:${ticket.id}`,
      lines: [{ ...line, scheduleVersionId: 1, materialsVersionId: null }],
      actorId: tech().id,
      unconfirmed,
    });
    return charge.id;
  };
  const signed = async (id: number, hashOf: (x: ITicket) => string) =>
    sign(t, w.residentA.accessToken, hashOf(await ticketOf(w.residentA.accessToken, id)));

  const codeMustExist =
    'must name an item of the schedule in force; its length bound is the column width (fee_items.code 16)';
  const idNamesNothing = 'an id at the INT maximum names no row: 404/422 from the service is the right answer';

  const SCENARIOS: Record<string, Scenario> = {
    // ---- identity (helper A's routes; bounds only) ----
    'POST /api/auth/wechat/login': {
      anyStatus: 'a made-up code is refused by WeChat',
      prepare: async () => ({ token: '', url: '/api/auth/wechat/login', body: { code: 'abc' } }),
    },
    'POST /api/auth/password/login': {
      anyStatus: 'made-up credentials are refused',
      prepare: async () => ({
        token: '',
        url: '/api/auth/password/login',
        body: { login: 'nobody-here', password: 'x' },
      }),
    },
    'POST /api/auth/refresh': {
      anyStatus: 'a made-up refresh token is refused',
      prepare: async () => ({ token: '', url: '/api/auth/refresh', body: { refreshToken: 'abc' } }),
    },
    'POST /api/auth/logout': {
      anyStatus: 'a made-up refresh token is refused or ignored',
      prepare: async () => ({ token: admin, url: '/api/auth/logout', body: { refreshToken: 'abc' } }),
    },
    'POST /api/me/wechat': {
      anyStatus: 'a made-up code is refused by WeChat',
      prepare: async () => ({ token: w.residentB.accessToken, url: '/api/me/wechat', body: { code: 'abc' } }),
    },
    'POST /api/auth/demo/login': {
      anyStatus: 'demo login is off in tests',
      prepare: async () => ({ token: '', url: '/api/auth/demo/login', body: { userId: 1 } }),
    },

    // ---- catalog ----
    'GET /api/price-lists': {
      lenient: { companyId: idNamesNothing },
      prepare: async () => ({ token: admin, url: '/api/price-lists', query: { companyId: w.tenant.companyId } }),
    },
    'POST /api/price-lists': {
      lenient: { companyId: idNamesNothing, regionId: idNamesNothing, copyFromVersionId: idNamesNothing },
      prepare: async () => ({
        token: admin,
        url: '/api/price-lists',
        body: { kind: 'fee_schedule', companyId: w.tenant.companyId, title: '草稿', notes: '说明' },
      }),
    },
    'GET /api/price-lists/:id/diff': {
      lenient: { against: idNamesNothing },
      prepare: async () => ({
        token: admin,
        url: `/api/price-lists/${scheduleDraftId}/diff`,
        query: { against: scheduleDraftId },
      }),
    },
    'POST /api/price-lists/:id/categories': {
      prepare: async () => ({
        token: admin,
        url: `/api/price-lists/${scheduleDraftId}/categories`,
        body: { code: 'BJ', name: '边界', sortOrder: 1 },
      }),
    },
    'POST /api/price-lists/:id/items': {
      prepare: async () => ({
        token: admin,
        url: `/api/price-lists/${scheduleDraftId}/items`,
        body: {
          categoryCode: 'BJ',
          code: 'BJ-001',
          name: '边界项目',
          unit: '次',
          labourPriceFen: 100,
          callOutFeeFen: 0,
          materialsExtra: false,
          serviceStandard: '标准',
          sortOrder: 1,
        },
      }),
    },
    'POST /api/price-lists/:id/materials': {
      prepare: async () => ({
        token: admin,
        url: `/api/price-lists/${materialsDraftId}/materials`,
        body: { code: 'BJ-M1', name: '材料', spec: '规格', unit: '个', priceFen: 100, sortOrder: 1 },
      }),
    },
    'POST /api/fee-schedule/quote': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: w.cm,
        url: '/api/fee-schedule/quote',
        body: {
          projectId: w.tenant.projectId,
          items: [{ code: 'GS-101', quantityMilli: 1000 }],
          materials: [{ code: 'M-001', quantityMilli: 1000 }],
        },
      }),
    },
    'GET /api/public/fee-schedule': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: '',
        url: '/api/public/fee-schedule',
        query: { projectId: w.tenant.projectId, q: '水' },
      }),
    },
    'GET /api/public/fee-schedule/poster': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: '',
        url: '/api/public/fee-schedule/poster',
        query: { projectId: w.tenant.projectId, q: '水' },
      }),
    },

    // ---- charges, cash, counter, settings ----
    'GET /api/charges': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: w.pm,
        url: '/api/charges',
        query: { projectId: w.tenant.projectId, page: 1, pageSize: 20 },
      }),
    },
    'POST /api/charges/:id/waive': {
      prepare: async () => ({
        token: w.pm,
        url: `/api/charges/${await openCharge()}/waive`,
        body: { reason: '物业原因免收' },
      }),
    },
    'POST /api/charges/:id/phone-confirmation': {
      prepare: async () => ({
        token: w.cm,
        url: `/api/charges/${await openCharge(true)}/phone-confirmation`,
        body: { note: '电话确认' },
      }),
    },
    // ---- notifications ----
    'POST /api/notifications/subscriptions': {
      prepare: async () => ({
        token: w.residentA.accessToken,
        url: '/api/notifications/subscriptions',
        body: { results: [{ templateId: 'tmpl-any', result: 'accept' }] },
      }),
    },
    'POST /api/charges/:id/cash/phone-choice': {
      prepare: async () => ({
        token: w.cm,
        url: `/api/charges/${await openCharge()}/cash/phone-choice`,
        body: { note: '电话选择现金' },
      }),
    },
    'GET /api/charges/mine': {
      prepare: async () => ({
        token: w.residentA.accessToken,
        url: '/api/charges/mine',
        query: { page: 1, pageSize: 20 },
      }),
    },
    'GET /api/cash/outstanding': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: w.cashier,
        url: '/api/cash/outstanding',
        query: { projectId: w.tenant.projectId },
      }),
    },
    'POST /api/cash/handovers': {
      lenient: { technicianId: idNamesNothing },
      anyStatus: 'no cash is outstanding for made-up charge ids; the body is refused by the service after validation',
      prepare: async () => ({
        token: w.cashier,
        url: '/api/cash/handovers',
        body: { technicianId: tech().id, chargeIds: [1] },
      }),
    },
    'POST /api/counter-sales': {
      lenient: { projectId: idNamesNothing, houseId: idNamesNothing, 'items.0.code': codeMustExist },
      prepare: async () => ({
        token: w.cashier,
        url: '/api/counter-sales',
        body: {
          projectId: w.tenant.projectId,
          items: [{ code: 'DY-001', quantityMilli: 1000 }],
          paidBy: 'cash',
          note: '复印',
        },
      }),
    },
    'GET /api/counter-sales': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: w.cashier,
        url: '/api/counter-sales',
        query: { projectId: w.tenant.projectId, date: '2026-12-01' },
      }),
    },
    'PUT /api/companies/:companyId/settings': {
      prepare: async () => ({
        token: finance,
        url: `/api/companies/${w.tenant.companyId}/settings`,
        body: { cashLimitFen: 5000, waiverMonthlyCapFen: 20000 },
      }),
    },

    // ---- property, bindings ----
    'GET /api/property/projects/:projectId/houses': {
      lenient: { buildingId: idNamesNothing, unitId: idNamesNothing },
      prepare: async () => ({
        token: w.cm,
        url: `/api/property/projects/${w.tenant.projectId}/houses`,
        query: { page: 1, pageSize: 20, q: '1' },
      }),
    },
    'PATCH /api/technicians/:userId': {
      prepare: async () => ({ token: w.sup, url: `/api/technicians/${spareTech}`, body: { maxOpenJobs: 5 } }),
    },
    'POST /api/bindings/lookup': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: w.cm,
        url: '/api/bindings/lookup',
        body: { projectId: w.tenant.projectId, phone: '13912345678' },
      }),
    },
    'POST /api/bindings': {
      lenient: { houseId: idNamesNothing },
      prepare: async () => {
        const resident = await wechatLogin(t, newOpenId());
        return {
          token: resident.accessToken,
          url: '/api/bindings',
          body: { houseId: w.tenant.houseIds[3], relation: 'tenant', name: '李四', phone: '13912345678' },
        };
      },
    },
    'POST /api/bindings/:id/reject': {
      prepare: async () => {
        const resident = await wechatLogin(t, newOpenId());
        const id = await bindResident(t.db, resident.user.id, w.tenant.houseIds[4], undefined, BindingStatus.Pending);
        return { token: w.cm, url: `/api/bindings/${id}/reject`, body: { reason: '信息不符' } };
      },
    },
    'GET /api/bindings': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: w.cm,
        url: '/api/bindings',
        query: { projectId: w.tenant.projectId, page: 1, pageSize: 20 },
      }),
    },

    // ---- tickets ----
    'POST /api/tickets': {
      lenient: {
        houseId: idNamesNothing,
        projectId: idNamesNothing,
        category: "must be one of the company's categories; tickets.category is 32 wide like the bound",
      },
      prepare: async () => ({
        token: w.residentA.accessToken,
        url: '/api/tickets',
        body: {
          houseId: w.tenant.houseIds[0],
          kind: 'repair',
          scope: 'home',
          category: 'GS',
          urgency: 'normal',
          description: '漏水',
          contactName: '张伟',
        },
      }),
    },
    'GET /api/tickets': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: w.cm,
        url: '/api/tickets',
        query: { projectId: w.tenant.projectId, page: 1, pageSize: 20 },
      }),
    },
    'GET /api/tickets/mine': {
      prepare: async () => ({
        token: w.residentA.accessToken,
        url: '/api/tickets/mine',
        query: { page: 1, pageSize: 20 },
      }),
    },
    'GET /api/tickets/jobs/mine': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({ token: tech().token, url: '/api/tickets/jobs/mine', query: { page: 1, pageSize: 20 } }),
    },
    'GET /api/tickets/jobs/pool': {
      prepare: async () => ({ token: tech().token, url: '/api/tickets/jobs/pool', query: { page: 1, pageSize: 20 } }),
    },
    'GET /api/inbox': {
      prepare: async () => ({ token: w.residentA.accessToken, url: '/api/inbox', query: { page: 1, pageSize: 20 } }),
    },
    'GET /api/tickets/dispatch-queue': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: w.sup,
        url: '/api/tickets/dispatch-queue',
        query: { projectId: w.tenant.projectId },
      }),
    },
    'GET /api/fee-schedule/materials': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: w.cm,
        url: '/api/fee-schedule/materials',
        query: { projectId: w.tenant.projectId },
      }),
    },
    'GET /api/tickets/technician-workload': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({
        token: w.sup,
        url: '/api/tickets/technician-workload',
        query: { projectId: w.tenant.projectId },
      }),
    },
    'GET /api/tickets/escalated': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({ token: w.pm, url: '/api/tickets/escalated', query: { projectId: w.tenant.projectId } }),
    },
    'GET /api/rectifications': {
      lenient: { projectId: idNamesNothing },
      prepare: async () => ({ token: w.pm, url: '/api/rectifications', query: { projectId: w.tenant.projectId } }),
    },
    'POST /api/tickets/:id/cancel': {
      prepare: async () => ({
        token: w.residentA.accessToken,
        url: `/api/tickets/${await submitted()}/cancel`,
        body: { reason: '不需要了' },
      }),
    },
    'POST /api/tickets/:id/register': {
      lenient: { category: "must be one of the company's categories; tickets.category is 32 wide like the bound" },
      prepare: async () => ({
        token: w.cm,
        url: `/api/tickets/${await submitted()}/register`,
        body: { priceExplained: true, category: 'GS' },
      }),
    },
    // 合并重复报修: a fresh duplicate and a fresh target of the same house each time; the reason is kept with the cancellation.
    'POST /api/tickets/:id/merge': {
      prepare: async () => {
        const [duplicate, target] = [await submitted(), await submitted()];
        return {
          token: w.cm,
          url: `/api/tickets/${duplicate}/merge`,
          body: { targetId: target, reason: '同一处漏水' },
        };
      },
    },
    'GET /api/tickets/:id/merge-candidates': {
      prepare: async () => ({
        token: w.cm,
        url: `/api/tickets/${await submitted()}/merge-candidates`,
        query: { serial: 'P' },
      }),
    },
    'POST /api/tickets/:id/hold': {
      prepare: async () => ({
        token: w.cm,
        url: `/api/tickets/${await registered()}/hold`,
        body: { reason: '等配件' },
      }),
    },
    'POST /api/tickets/:id/reply': {
      prepare: async () => ({
        token: w.cm,
        url: `/api/tickets/${await submitted('consultation')}/reply`,
        body: { reply: '已答复' },
      }),
    },
    'POST /api/tickets/:id/return-visit': {
      prepare: async () => ({
        token: w.cm,
        url: `/api/tickets/${await verified()}/return-visit`,
        body: { result: '满意', satisfied: true },
      }),
    },
    'POST /api/tickets/:id/damage': {
      prepare: async () => ({
        token: w.pm,
        url: `/api/tickets/${await submitted()}/damage`,
        body: { description: '碰坏瓷砖', compensationFen: 100 },
      }),
    },
    // Both outside the skill, so the override reason is stored (event row and audit) at its bound.
    'POST /api/tickets/:id/dispatch': {
      lenient: { technicianId: idNamesNothing },
      prepare: async () => ({
        token: w.sup,
        url: `/api/tickets/${await registered()}/dispatch`,
        body: { technicianId: gardener, override: true, overrideReason: '水电师傅都在忙' },
      }),
    },
    'POST /api/tickets/:id/transfer': {
      lenient: { technicianId: idNamesNothing },
      prepare: async () => ({
        token: w.sup,
        url: `/api/tickets/${await accepted()}/transfer`,
        body: { technicianId: gardener, reason: '改派', override: true, overrideReason: '水电师傅都在忙' },
      }),
    },
    'POST /api/tickets/:id/decline': {
      prepare: async () => ({
        token: tech().token,
        url: `/api/tickets/${await dispatched()}/decline`,
        body: { reason: '不在片区' },
      }),
    },
    'POST /api/tickets/:id/quote': {
      prepare: async () => ({
        token: tech().token,
        url: `/api/tickets/${await onSite()}/quote`,
        body: { items: [{ code: 'GS-101', quantityMilli: 1000 }], materials: [{ code: 'M-001', quantityMilli: 1000 }] },
      }),
    },
    'POST /api/tickets/:id/requote': {
      prepare: async () => ({
        token: tech().token,
        url: `/api/tickets/${await inProgress()}/requote`,
        body: { items: [{ code: 'GS-101', quantityMilli: 1000 }], materials: [{ code: 'M-001', quantityMilli: 1000 }] },
      }),
    },
    'POST /api/tickets/:id/agree': {
      lenient: { signatureMediaId: idNamesNothing },
      prepare: async () => {
        const id = await quoted();
        return {
          token: w.residentA.accessToken,
          url: `/api/tickets/${id}/agree`,
          body: await signed(id, (x) => x.quote!.snapshotHash),
        };
      },
    },
    'POST /api/tickets/:id/decline-quote': {
      lenient: { signatureMediaId: idNamesNothing },
      prepare: async () => {
        const id = await quoted();
        return {
          token: w.residentA.accessToken,
          url: `/api/tickets/${id}/decline-quote`,
          body: { reason: '太贵了', ...(await signed(id, (x) => x.quote!.snapshotHash)) },
        };
      },
    },
    'POST /api/tickets/:id/complete': {
      lenient: {
        'items.0.quantityMilli': 'final lines above the agreed quote need a requote (409), by design',
        'materials.0.quantityMilli': 'final lines above the agreed quote need a requote (409), by design',
      },
      prepare: async () => {
        const id = await inProgress();
        return {
          token: tech().token,
          url: `/api/tickets/${id}/complete`,
          body: {
            result: '已更换',
            mediaIds: [await uploadPhoto(t, tech().token)],
            // ¥1 + ¥1, under the ¥20 agreed: the final lines need no requote.
            items: [{ code: 'GS-101', quantityMilli: 1000 }],
            materials: [{ code: 'M-001', quantityMilli: 1000 }],
          },
        };
      },
    },
    'POST /api/tickets/:id/verify': {
      lenient: { signatureMediaId: idNamesNothing },
      prepare: async () => {
        const id = await done();
        return {
          token: w.residentA.accessToken,
          url: `/api/tickets/${id}/verify`,
          body: {
            overall: 4,
            punctuality: 4,
            attitude: 4,
            comment: '好',
            ...(await signed(id, (x) => x.acceptanceSnapshotHash!)),
          },
        };
      },
    },
    'POST /api/tickets/:id/rework': {
      prepare: async () => ({
        token: w.residentA.accessToken,
        url: `/api/tickets/${await done()}/rework`,
        body: { reason: '还在漏' },
      }),
    },
    'POST /api/rectifications/:id/resolve': {
      prepare: async () => {
        const ticket = await makeVerifiedTicket(t.db, {
          projectId: w.tenant.projectId,
          houseId: w.tenant.houseIds[5],
          technicianId: tech().id,
        });
        const res = await t.db.getRepository(RectificationTask).insert({
          ticketId: ticket.id,
          projectId: w.tenant.projectId,
          reason: '回访不满意',
          status: 'open',
          note: null,
          resolvedBy: null,
          createdAt: new Date(),
          resolvedAt: null,
        });
        return {
          token: w.pm,
          url: `/api/rectifications/${Number(res.identifiers[0].id)}/resolve`,
          body: { note: '已整改' },
        };
      },
    },
    'PUT /api/projects/:projectId/dispatch-policies': {
      lenient: {
        category:
          "must be one of the company's categories (or *); dispatch_policies.category is 32 wide like the bound",
      },
      prepare: async () => ({
        token: w.sup,
        url: `/api/projects/${w.tenant.projectId}/dispatch-policies`,
        body: { category: 'GS', mode: 'pool', poolMinutes: 30 },
      }),
    },
    'PUT /api/projects/:projectId/sla-policies': {
      lenient: {
        category: 'any text up to the bound is a category code (or *); sla_policies.category is 32 wide like the bound',
      },
      prepare: async () => ({
        token: w.sup,
        url: `/api/projects/${w.tenant.projectId}/sla-policies`,
        body: {
          category: 'GS',
          urgency: 'normal',
          respondMinutes: 60,
          onSiteMinutes: null,
          resolveMinutes: 480,
          returnVisitMinutes: 1440,
        },
      }),
    },
    'GET /api/service-categories': {
      lenient: { companyId: idNamesNothing, projectId: idNamesNothing },
      prepare: async () => ({
        token: admin,
        url: '/api/service-categories',
        query: { companyId: w.tenant.companyId, page: 1, pageSize: 20 },
      }),
    },
    'PUT /api/service-categories/:code': {
      lenient: { companyId: idNamesNothing },
      prepare: async () => ({
        token: admin,
        url: '/api/service-categories/GS',
        body: { companyId: w.tenant.companyId, name: '给水', skills: ['水'], openToAll: false, sortOrder: 1 },
      }),
    },

    // ---- administration ----
    ...administrationScenarios(
      () => t,
      () => w.tenant,
      () => admin,
    ),
    ...billingInputScenarios(
      () => t,
      () => w.tenant,
      () => ({ finance, cm: w.cm, pm: w.pm, resident: w.residentA.accessToken }),
    ),
    ...billingReportScenarios(
      () => t,
      () => w.tenant,
      () => ({ cm: w.cm, pm: w.pm }),
    ),
    ...billingListScenarios(
      () => t,
      () => w.tenant,
      () => ({ finance }),
    ),
    ...announcementScenarios(
      () => t,
      () => w.tenant,
      () => w.cm,
    ),

    // ---- monthly bills and their inputs ----
    ...billingScenarios(
      () => t,
      () => w,
      () => finance,
    ),
    ...complaintScenarios(
      () => t,
      () => w,
    ),

    // ---- the cashier desk ----
    ...cashierScenarios(() => t),
    ...paymentScenarios(() => t),
    ...prepayInvoiceScenarios(() => t),
  };

  const valueAt = (b: Bound, offset: 0 | 1): unknown => {
    // An address of exactly that length (a 64-character local part, the rest a domain): text would fail @IsEmail first.
    if (b.kind === 'maxLength' && b.email) return `${'a'.repeat(64)}@${'b'.repeat(b.limit + offset - 64 - 1 - 4)}.com`;
    if (b.kind === 'maxLength') return '测'.repeat(b.limit + offset); // multi-byte: MariaDB counts characters, utf8mb4
    return b.kind === 'max' ? b.limit + offset : b.limit - offset;
  };
  const send = async (c: Call, verb: Verb) => {
    let req = t.http()[verb](c.url);
    if (c.token) req = req.set(bearer(c.token));
    if (c.query) req = req.query(c.query);
    return c.body !== undefined ? req.send(c.body) : req;
  };

  /** What the validation pipe would say about a body or query, as field paths (items.0.quantityMilli). */
  const dtoErrors = async (cls: new () => object, plain: object): Promise<string[]> => {
    const paths = (errors: ValidationError[], parent = ''): string[] =>
      errors.flatMap((e) => [
        ...(e.constraints ? [`${parent}${e.property}`] : []),
        ...paths(e.children ?? [], `${parent}${e.property}.`),
      ]);
    return paths(
      await validate(plainToInstance(cls, structuredClone(plain)), { whitelist: true, forbidNonWhitelisted: true }),
    );
  };
  const inBatches = async <T>(jobs: (() => Promise<T>)[], size: number): Promise<T[]> => {
    const out: T[] = [];
    for (let i = 0; i < jobs.length; i += size)
      out.push(...(await Promise.all(jobs.slice(i, i + size).map((job) => job()))));
    return out;
  };

  const pristine = new Map<string, Call>();
  const refused = async (key: string, scenario: Scenario): Promise<Call> => {
    if (!pristine.has(key)) pristine.set(key, await scenario.prepare());
    return structuredClone(pristine.get(key)!);
  };

  it('every bounded DTO field of every route has a scenario (a new bound without one fails here)', async () => {
    const routes = routeDtos(t);
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
    expect(materialsPublished).toBe(true);
    const failures: string[] = [];
    let cases = 0;
    for (const route of routeDtos(t)) {
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
    for (const route of routeDtos(t)) {
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

  // ---- the defects found, one by one ----

  it('a 200-character decline reason is stored (was "Data too long for column cancel_reason" on MariaDB)', async () => {
    const id = await quoted();
    const reason = '贵'.repeat(200);
    await act(t, w.residentA.accessToken, id, 'decline-quote', { reason }).expect(200);
    const row = await t.db.getRepository(Ticket).findOneByOrFail({ id });
    expect(row.cancelReason).toBe(`业主拒绝报价：${reason}`);
  });

  it('a 500-character damage description is recorded with its audit row (audit reason was 200 wide)', async () => {
    const id = await submitted();
    const description = '损'.repeat(500);
    await act(t, w.pm, id, 'damage', { description, compensationFen: LIMITS.compensationFen }).expect(200);
    const audit = await t.db
      .getRepository(AuditEntry)
      .findOneByOrFail({ action: 'ticket.damage', projectId: w.tenant.projectId, reason: description });
    expect(audit.reason).toBe(description);
    await act(t, w.pm, id, 'damage', { description: '损', compensationFen: LIMITS.compensationFen + 1 }).expect(422);
  });

  it('audit reasons longer than the column are cut, never fail the action', () => {
    expect(fitReason(null)).toBeNull();
    expect(fitReason('短')).toBe('短');
    const long = fitReason('😀'.repeat(600))!;
    expect(Array.from(long)).toHaveLength(500);
    expect(long.endsWith('…')).toBe(true);
  });

  it('counter sales: 1,000,000 × ¥120 is refused by the quantity bound, a large total by the counter ceiling; nothing is stored', async () => {
    const before = await t.db.getRepository(Charge).countBy({ projectId: w.tenant.projectId, source: 'counter' });
    const sale = (code: string, quantityMilli: number) =>
      t
        .http()
        .post('/api/counter-sales')
        .set(bearer(w.cashier))
        .send({ projectId: w.tenant.projectId, items: [{ code, quantityMilli }], paidBy: 'cash' });
    const huge = await sale('DY-120', 1_000_000_000).expect(422);
    expect(fieldsOf(huge.body)).toContain('items.0.quantityMilli');
    // 10,000 × ¥120 = ¥1,200,000: every line valid, the total above the counter ceiling.
    const total = await sale('DY-120', LIMITS.lineQuantityMilli).expect(422);
    expect(fieldsOf(total.body)).toEqual(['items']);
    expect(total.body.message).toContain('超过上限');
    // ¥120,000,000 (the sale SQLite used to accept): refused as well.
    await t
      .http()
      .post('/api/counter-sales')
      .set(bearer(w.cashier))
      .send({
        projectId: w.tenant.projectId,
        items: Array.from({ length: 50 }, () => ({ code: 'DY-120', quantityMilli: LIMITS.lineQuantityMilli })),
        paidBy: 'cash',
      })
      .expect(422);
    expect(await t.db.getRepository(Charge).countBy({ projectId: w.tenant.projectId, source: 'counter' })).toBe(before);
    // At the ceiling exactly: accepted.
    await sale('DY-001', LIMITS.lineQuantityMilli).expect(201);
  });

  it('a 30-line quote at the largest quantities is refused by the quote ceiling (was "Out of range for total_fen")', async () => {
    const id = await onSite();
    const items = Array.from({ length: 30 }, () => ({ code: 'GS-005', quantityMilli: LIMITS.lineQuantityMilli }));
    const res = await act(t, tech().token, id, 'quote', { items }).expect(422);
    expect(fieldsOf(res.body)).toEqual(['items']);
    expect((await ticketOf(tech().token, id)).status).toBe('on_site');
  });

  it('company settings: cash limit ≤ ¥500 and waiver cap ≤ ¥2,000 (¥1,000,000 was accepted)', async () => {
    const path = `/api/companies/${w.tenant.companyId}/settings`;
    const put = (body: object) => t.http().put(path).set(bearer(finance)).send(body);
    for (const [body, field] of [
      [{ cashLimitFen: 100_000_000, waiverMonthlyCapFen: 20_000 }, 'cashLimitFen'],
      [{ cashLimitFen: 50_001, waiverMonthlyCapFen: 20_000 }, 'cashLimitFen'],
      [{ cashLimitFen: 5_000, waiverMonthlyCapFen: 100_000_000 }, 'waiverMonthlyCapFen'],
      [{ cashLimitFen: 5_000, waiverMonthlyCapFen: 200_001 }, 'waiverMonthlyCapFen'],
    ] as const) {
      const res = await put(body).expect(422);
      expect(fieldsOf(res.body)).toEqual([field]);
    }
    expect((await put({ cashLimitFen: 50_000, waiverMonthlyCapFen: 200_000 }).expect(200)).body).toMatchObject({
      cashLimitFen: 50_000,
      waiverMonthlyCapFen: 200_000,
    });
    await put({ cashLimitFen: 5_000, waiverMonthlyCapFen: 20_000 }).expect(200);
  });

  it('a deeply nested JSON body answers 400, not 500; a body over 1 MB answers 413', async () => {
    const post = (text: string) =>
      t
        .http()
        .post('/api/tickets')
        .set(bearer(w.residentA.accessToken))
        .set('content-type', 'application/json')
        .send(text);
    const depth = 170_000; // ~1 MB of nesting
    for (const text of [
      `{"description":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      `{"description":${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}}`,
    ]) {
      const res = await post(text);
      expect(res.status).toBe(text.length > 1024 * 1024 ? 413 : 400);
      expect(res.body.code).toBeDefined();
    }
    // Brackets inside strings are text, not nesting.
    const res = await post(
      JSON.stringify({
        houseId: w.tenant.houseIds[0],
        kind: 'repair',
        scope: 'home',
        category: 'GS',
        urgency: 'normal',
        description: '['.repeat(500),
      }),
    );
    expect(res.status).toBe(201);
    const wide = await post(JSON.stringify({ mediaIds: Array.from({ length: 200_000 }, (_, i) => i + 1) }));
    expect([413, 422]).toContain(wide.status);
  });
});

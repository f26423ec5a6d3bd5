import { ITicket, Role, ScopeType, TicketAction } from '@app/shared';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity';
import { Company } from '../../src/modules/property/company.entity';
import { ServiceCategory } from '../../src/modules/catalog/service-category.entity';
import { TechnicianBuilding, TechnicianProfile } from '../../src/modules/property/technician.entity';
import { DispatchService } from '../../src/modules/dispatch/dispatch.service';
import { TicketEvent } from '../../src/modules/tickets/ticket.entity';
import { loadConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/database/data-source';
import { seedDemoCatalog } from '../../src/seed/demo-catalog-seed';
import { makeStaff, publishSchedule, STAFF_PASSWORD } from '../support/factories';
import { createTestDatabase, databaseEnv } from '../support/test-database';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';
import { act, createHomeRepair, makeTicketWorld, TicketWorld } from './ticket-helpers';

/**
 * Issue 7 items 9, 10, 13: actions list only what will succeed (open-job cap), supervisor dispatch respects
 * skills unless explicitly overridden with a recorded reason, and category → skill rules are company data.
 */
describe('dispatch rules: cap, skills, company category rules', () => {
  let t: TestApp;
  let w: TicketWorld;
  let quality: string;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t, 2);
    const q = await makeStaff(
      t.db,
      [{ role: Role.Quality, scopeType: ScopeType.Company, scopeId: w.tenant.companyId }],
      { companyId: w.tenant.companyId },
    );
    quality = (await passwordLogin(t, q.username, STAFF_PASSWORD)).accessToken;
  });
  afterAll(() => t.close());

  const policy = (category: string, mode: string, poolMinutes = 30) =>
    t
      .http()
      .put(`/api/projects/${w.tenant.projectId}/dispatch-policies`)
      .set(bearer(w.sup))
      .send({ category, mode, poolMinutes })
      .expect(200);
  const technician = async (skills: string[], maxOpenJobs = 5) => {
    const u = await makeStaff(t.db, [{ role: Role.Technician, scopeId: w.tenant.projectId }], {
      technician: true,
      companyId: w.tenant.companyId,
      skills,
      buildingIds: [w.tenant.buildingId],
      maxOpenJobs,
    });
    return { id: u.id, token: (await passwordLogin(t, u.username, STAFF_PASSWORD)).accessToken };
  };
  const registered = async (category: string): Promise<ITicket> => {
    const ticket = await createHomeRepair(t, w, w.residentA, w.tenant.houseIds[0], category);
    return (await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200)).body;
  };
  const pool = async (token: string): Promise<ITicket[]> =>
    (await t.http().get('/api/tickets/jobs/pool').set(bearer(token)).expect(200)).body.items;
  const putCategory = (token: string, code: string, body: object) =>
    t
      .http()
      .put(`/api/service-categories/${code}`)
      .set(bearer(token))
      .send({ companyId: w.tenant.companyId, ...body });

  describe('item 9: grab is offered only when it will succeed', () => {
    it('a technician at the open-job cap sees the pool job without grab; grabbing anyway is TECHNICIAN_AT_CAPACITY', async () => {
      await policy('GS', 'pool');
      const capped = await technician(['水'], 1);
      const first = await registered('GS');
      const second = await registered('GS');
      const before = (await pool(capped.token)).find((x) => x.id === first.id)!;
      expect(before.actions).toEqual([TicketAction.Grab]);
      await act(t, capped.token, first.id, 'grab').expect(200);

      // At the cap: still listed (so they know it waits), but nothing offered — in the pool and in the detail.
      const listed = (await pool(capped.token)).find((x) => x.id === second.id)!;
      expect(listed.actions).toEqual([]);
      const detail = (await t.http().get(`/api/tickets/${second.id}`).set(bearer(capped.token)).expect(200))
        .body as ITicket;
      expect(detail.actions).not.toContain(TicketAction.Grab);
      const refused = await act(t, capped.token, second.id, 'grab').expect(422);
      expect(refused.body.code).toBe('TECHNICIAN_AT_CAPACITY');
      expect(refused.body.message).toBe('您在办的工单已达上限（1 单），请先完成手头的工单再抢单');

      // A supervisor dispatching to the capped technician gets the same code with a dispatcher's message.
      const bySup = await act(t, w.sup, second.id, 'dispatch', { technicianId: capped.id }).expect(422);
      expect(bySup.body.code).toBe('TECHNICIAN_AT_CAPACITY');
      expect(bySup.body.message).toContain('该师傅在办工单已达上限（1 单）');

      // Once the first job is handed back, grab is offered again and succeeds.
      await act(t, capped.token, first.id, 'decline', { reason: '临时有事' }).expect(200);
      const again = (await pool(capped.token)).find((x) => x.id === second.id)!;
      expect(again.actions).toEqual([TicketAction.Grab]);
      await act(t, capped.token, second.id, 'grab').expect(200);
    });

    it('without the skill, coverage or on duty the job is not offered at all', async () => {
      await policy('GD', 'pool');
      const plumber = await technician(['水']);
      const ticket = await registered('GD');
      expect((await pool(plumber.token)).map((x) => x.id)).not.toContain(ticket.id);
      await act(t, plumber.token, ticket.id, 'grab').expect(404);
      const electrician = await technician(['电']);
      expect((await pool(electrician.token)).find((x) => x.id === ticket.id)?.actions).toEqual([TicketAction.Grab]);

      // Skilled but off duty, or not covering the building: not offered either.
      const offDuty = await technician(['电']);
      await t.db.getRepository(TechnicianProfile).update({ userId: offDuty.id }, { onDuty: false });
      expect((await pool(offDuty.token)).map((x) => x.id)).not.toContain(ticket.id);
      await act(t, offDuty.token, ticket.id, 'grab').expect(404);
      const elsewhere = await technician(['电']);
      await t.db.getRepository(TechnicianBuilding).delete({ userId: elsewhere.id });
      await t.db
        .getRepository(TechnicianBuilding)
        .insert({ userId: elsewhere.id, buildingId: w.tenant.buildingId + 100_000 });
      expect((await pool(elsewhere.token)).map((x) => x.id)).not.toContain(ticket.id);
      await act(t, elsewhere.token, ticket.id, 'grab').expect(404);
    });
  });

  describe('item 10: supervisor dispatch respects skills unless overridden with a recorded reason', () => {
    it('refuses a plumbing job for an electrician; override needs a reason; the reason lands on the event and the audit log', async () => {
      await policy('GS', 'assign');
      const electrician = await technician(['电']);
      const ticket = await registered('GS');
      const refused = await act(t, w.sup, ticket.id, 'dispatch', { technicianId: electrician.id }).expect(422);
      expect(refused.body.code).toBe('TECHNICIAN_LACKS_SKILL');
      expect(refused.body.message).toContain('该师傅没有「供水设备维修类（GS）」所需技能（水、管道疏通）');
      expect(refused.body.details).toMatchObject({ requiredSkills: ['水', '管道疏通'], technicianSkills: ['电'] });

      const noReason = await act(t, w.sup, ticket.id, 'dispatch', {
        technicianId: electrician.id,
        override: true,
      }).expect(422);
      expect(noReason.body.details.fields[0].field).toBe('overrideReason');
      const blank = await act(t, w.sup, ticket.id, 'dispatch', {
        technicianId: electrician.id,
        override: true,
        overrideReason: '   ',
      }).expect(422);
      expect(blank.body.details.fields[0].field).toBe('overrideReason');
      const tooLong = await act(t, w.sup, ticket.id, 'dispatch', {
        technicianId: electrician.id,
        override: true,
        overrideReason: '急'.repeat(201),
      }).expect(422);
      expect(tooLong.body.details.fields[0].field).toBe('overrideReason');

      const reason = '水电师傅都在外，业主同意电工先去关阀止水';
      const ok = (
        await act(t, w.sup, ticket.id, 'dispatch', {
          technicianId: electrician.id,
          override: true,
          overrideReason: reason,
        }).expect(200)
      ).body as ITicket;
      expect(ok.technician?.userId).toBe(electrician.id);
      const event = await t.db.getRepository(TicketEvent).findOneByOrFail({ ticketId: ticket.id, action: 'dispatch' });
      expect(event.reason).toContain(reason);
      expect(JSON.parse(event.dataJson!)).toMatchObject({
        technicianId: electrician.id,
        skillOverride: { reason, requiredSkills: ['水', '管道疏通'] },
      });
      const audit = await t.db
        .getRepository(AuditEntry)
        .findOneByOrFail({ entityType: 'ticket', entityId: ticket.id, action: 'ticket.dispatch_skill_override' });
      expect(audit.reason).toBe(reason);
      const timeline = await t.http().get(`/api/tickets/${ticket.id}/timeline`).set(bearer(w.sup)).expect(200);
      expect(timeline.body.find((e: { action: string }) => e.action === 'dispatch').reason).toContain(reason);
    });

    it('a qualified technician needs no override; transfer to an unqualified one is refused the same way', async () => {
      await policy('GS', 'assign');
      const ticket = await registered('GS');
      await act(t, w.sup, ticket.id, 'dispatch', { technicianId: w.techs[0].id }).expect(200);
      const gardener = await technician(['绿化']);
      const refused = await act(t, w.sup, ticket.id, 'transfer', { technicianId: gardener.id, reason: '调整' }).expect(
        422,
      );
      expect(refused.body.code).toBe('TECHNICIAN_LACKS_SKILL');
      await act(t, w.sup, ticket.id, 'transfer', {
        technicianId: gardener.id,
        reason: '调整',
        override: true,
        overrideReason: '只有他在附近',
      }).expect(200);
      const event = await t.db.getRepository(TicketEvent).findOneByOrFail({ ticketId: ticket.id, action: 'transfer' });
      expect(event.reason).toContain('只有他在附近');
    });
  });

  describe('item 13: category → skill rules are company data', () => {
    it('staff of the project read the labels in the page shape; only quality/admin of the company edit', async () => {
      const list = await t
        .http()
        .get(`/api/service-categories?projectId=${w.tenant.projectId}`)
        .set(bearer(w.cm))
        .expect(200);
      expect(list.body).toMatchObject({ total: 6, page: 1 });
      expect(list.body.items.map((c: { code: string }) => c.code)).toEqual(['GD', 'GS', 'JJ', 'JZ', 'LH', 'DY']);
      expect(list.body.items.find((c: { code: string }) => c.code === 'DY')).toMatchObject({
        name: '打字复印类',
        openToAll: true,
        skills: [],
        configured: true,
      });
      await t
        .http()
        .get(`/api/service-categories?projectId=${w.tenant.projectId}`)
        .set(bearer(w.outsiderCm))
        .expect(404);
      await t.http().get(`/api/service-categories?companyId=${w.tenant.companyId}`).set(bearer(w.cm)).expect(404);
      await putCategory(w.sup, 'GS', { name: '供水', skills: ['水'], openToAll: false }).expect(404);
      const bad = await putCategory(quality, 'GS', { name: '', skills: ['飞行'], openToAll: 'yes' }).expect(422);
      expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(
        expect.arrayContaining(['name', 'skills', 'openToAll']),
      );
      const neither = await putCategory(quality, 'GS', { name: '供水设备维修类', skills: [], openToAll: false }).expect(
        422,
      );
      expect(neither.body.code).toBe('CATEGORY_NOT_CONFIGURED');
      await putCategory(quality, 'GS', { name: '供水设备维修类', skills: ['水'], openToAll: true }).expect(422);
      await putCategory(quality, 'bad code', { name: 'x', skills: ['水'], openToAll: false }).expect(422);
    });

    it('a schedule category without a rule is flagged and dispatched to nobody until the quality centre decides', async () => {
      await publishSchedule(t.db, w.tenant.companyId, [
        { code: 'XY-001', categoryCode: 'XY', name: '管道保温', unit: '米', labourPriceFen: 800 },
      ]);
      const list = await t
        .http()
        .get(`/api/service-categories?companyId=${w.tenant.companyId}`)
        .set(bearer(quality))
        .expect(200);
      expect(list.body.items.find((c: { code: string }) => c.code === 'XY')).toMatchObject({
        configured: false,
        openToAll: false,
        skills: [],
      });

      await policy('XY', 'pool', 5);
      const ticket = await registered('XY');
      for (const tech of w.techs) expect((await pool(tech.token)).map((x) => x.id)).not.toContain(ticket.id);
      await t.app.get(DispatchService).sweepPool(new Date(Date.now() + 6 * 60_000));
      const queue = await t
        .http()
        .get(`/api/tickets/dispatch-queue?projectId=${w.tenant.projectId}`)
        .set(bearer(w.sup))
        .expect(200);
      const queued = (Array.isArray(queue.body) ? queue.body : queue.body.items) as ITicket[];
      expect(queued.map((x) => x.id)).toContain(ticket.id);
      const refused = await act(t, w.sup, ticket.id, 'dispatch', { technicianId: w.techs[0].id }).expect(422);
      expect(refused.body.code).toBe('CATEGORY_NOT_CONFIGURED');

      // Decided: open to all. The next XY job goes to the pool of every technician.
      const saved = await putCategory(quality, 'XY', {
        name: '保温工程类',
        skills: [],
        openToAll: true,
        sortOrder: 7,
      }).expect(200);
      expect(saved.body).toMatchObject({ code: 'XY', configured: true, openToAll: true });
      const audit = await t.db
        .getRepository(AuditEntry)
        .findOneByOrFail({ action: 'service_category.upsert', companyId: w.tenant.companyId });
      expect(JSON.parse(audit.afterJson!)).toMatchObject({ code: 'XY', openToAll: true });
      await policy('XY', 'pool', 30);
      const next = await registered('XY');
      const gardener = await technician(['绿化']);
      expect((await pool(gardener.token)).find((x) => x.id === next.id)?.actions).toEqual([TicketAction.Grab]);
      await act(t, w.sup, ticket.id, 'dispatch', { technicianId: gardener.id }).expect(200);
    });

    it('remapping a category changes pool offers and auto dispatch at once', async () => {
      await putCategory(quality, 'JZ', { name: '家政服务类', skills: ['绿化'], openToAll: false }).expect(200);
      await policy('JZ', 'pool');
      const ticket = await registered('JZ');
      // w.techs have 水/电/保洁: no longer qualified for JZ.
      expect((await pool(w.techs[0].token)).map((x) => x.id)).not.toContain(ticket.id);
      await policy('JZ', 'auto');
      const gardener = await technician(['绿化']);
      const auto = await registered('JZ');
      expect(auto.technician?.userId).toBe(gardener.id);
    });
  });
});

describe('service category defaults for existing and new companies', () => {
  const kind = (process.env.E2E_DB as 'mysql' | 'sqlite') ?? 'sqlite';

  it('the migration seeds every existing company; the demo seed seeds a new one; down drops the table', async () => {
    const db = await createTestDatabase(kind, 'svccat');
    const ds = await openDataSource(loadConfig({ ...databaseEnv(db), NODE_ENV: 'test', JWT_SECRET: 'z'.repeat(40) }));
    try {
      await ds.runMigrations({ transaction: 'each' });
      // One runner, released below: a runner per call kept a pooled connection each, and with one migration more
      // than the pool has connections the loop waited for ever on MariaDB.
      const runner = ds.createQueryRunner();
      const hasTable = async () => (await runner.getTables(['service_categories'])).length === 1;
      // Undo back to just before this migration, whatever came after it.
      while (await hasTable()) await ds.undoLastMigration({ transaction: 'each' });
      await runner.release();
      const res = await ds.query(`INSERT INTO companies (code, name) VALUES ('OLD', '老公司')`);
      expect(res).toBeDefined();
      await ds.runMigrations({ transaction: 'each' });
      const [old] = await ds.query(`SELECT id FROM companies WHERE code = 'OLD'`);
      const rows = await ds
        .getRepository(ServiceCategory)
        .find({ where: { companyId: Number(old.id) }, order: { sortOrder: 'ASC' } });
      expect(rows.map((r) => [r.code, r.skills, Boolean(r.openToAll)])).toEqual([
        ['GD', '电', false],
        ['GS', '水,管道疏通', false],
        ['JJ', '门窗,家电,锁具', false],
        ['JZ', '保洁', false],
        ['LH', '绿化', false],
        ['DY', '', true],
      ]);

      const fresh = await ds.getRepository(Company).insert({ code: 'NEW', name: '新公司' });
      const newId = Number(fresh.identifiers[0].id);
      await seedDemoCatalog(ds, 'NEW');
      expect(await ds.getRepository(ServiceCategory).countBy({ companyId: newId })).toBe(6);
      await seedDemoCatalog(ds, 'NEW');
      expect(await ds.getRepository(ServiceCategory).countBy({ companyId: newId })).toBe(6);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});

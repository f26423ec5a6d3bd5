import ExcelJS from 'exceljs';
import { Role, ScopeType, type ISlaReport, type ITicket } from '@app/shared';
import { useClockForTests } from '../../src/common/time';
import { SlaSweep } from '../../src/modules/sla/sla-sweep.service';
import { makeStaff, STAFF_PASSWORD } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp } from '../support/test-app';
import { binary } from './billing-reports-helpers';
import { act, makeTicketWorld, TicketWorld, uploadPhoto } from './ticket-helpers';

const MIN = 60_000;
/** YYYY-MM of an instant in Asia/Shanghai. */
const shanghaiMonth = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

/**
 * 时效报表 (docs/sla.md) with known instants: the server's clock is moved (useClockForTests) while three
 * tickets of a fresh project run their course, the sweep records the missed deadlines, and the report must
 * answer exact counts, rates, averages and lateness. The project is the spec's own, so other specs' tickets
 * in the shared database never count.
 */
describe('SLA report (时效报表): per category, per technician, missed deadlines', () => {
  let t: TestApp;
  let w: TicketWorld;
  let clock: Date;
  let start: Date;
  let quality: string;
  let path: string;
  const ids: Record<string, number> = {};
  const at = (minutes: number) => {
    clock = new Date(start.getTime() + minutes * MIN);
  };

  async function report(token: string, from: string, to: string): Promise<ISlaReport> {
    return (await t.http().get(path).query({ from, to }).set(bearer(token)).expect(200)).body as ISlaReport;
  }

  async function raise(urgency: 'emergency' | 'normal', category: string, description: string): Promise<ITicket> {
    return (
      await t
        .http()
        .post('/api/tickets')
        .set(bearer(w.cm))
        .send({
          projectId: w.tenant.projectId,
          kind: 'repair',
          scope: 'public',
          category,
          urgency,
          description,
          channel: 'phone',
          contactName: '王先生',
          contactPhone: '13811112222',
        })
        .expect(201)
    ).body;
  }

  beforeAll(async () => {
    t = await bootTestApp({ NOTIFY_WORKER: 'false' });
    w = await makeTicketWorld(t, 1);
    path = `/api/projects/${w.tenant.projectId}/sla-report`;
    const qa = await makeStaff(t.db, [
      { role: Role.Quality, scopeType: ScopeType.Project, scopeId: w.tenant.projectId },
    ]);
    quality = (await passwordLogin(t, qa.username, STAFF_PASSWORD)).accessToken;
    start = new Date(Math.floor((Date.now() - 2 * 86_400_000) / MIN) * MIN);
    clock = start;
    useClockForTests(() => new Date(clock.getTime()));

    const sweep = t.app.get(SlaSweep);
    const tech = w.techs[0];
    // Emergency defaults: respond 30 min, on site 30 min after acceptance, resolve 120 min. Normal: respond 120 min.
    at(0);
    const onTime = await raise('emergency', 'GD', '配电箱跳闸');
    const late = await raise('emergency', 'GD', '楼道总闸烧坏');
    const waiting = await raise('normal', 'GS', '公共水管滴水');
    const cancelled = await raise('emergency', 'GS', '报错了');
    Object.assign(ids, { onTime: onTime.id, late: late.id, waiting: waiting.id });
    await act(t, w.cm, cancelled.id, 'cancel', { reason: '重复报修' }).expect(200);
    for (const job of [onTime, late]) {
      await act(t, w.cm, job.id, 'register').expect(200);
      await act(t, w.sup, job.id, 'dispatch', { technicianId: tech.id }).expect(200);
    }
    const visitAt = new Date(Date.now() + 60 * MIN).toISOString();
    at(10);
    await act(t, tech.token, onTime.id, 'accept', { visitAt }).expect(200);
    at(20);
    await act(t, tech.token, onTime.id, 'check-in').expect(200);
    await act(t, tech.token, onTime.id, 'start').expect(200);
    at(31);
    await sweep.run(); // late: respond missed (due at 30)
    at(40);
    await act(t, tech.token, late.id, 'accept', { visitAt }).expect(200);
    at(45);
    await act(t, tech.token, late.id, 'check-in').expect(200);
    await act(t, tech.token, late.id, 'start').expect(200);
    at(60);
    await act(t, tech.token, onTime.id, 'complete', {
      result: '复位并更换空开',
      mediaIds: [await uploadPhoto(t, tech.token)],
    }).expect(200);
    at(121);
    await sweep.run(); // late: resolve missed (due at 120); waiting: respond missed (due at 120)
    at(130);
    await act(t, tech.token, late.id, 'complete', {
      result: '更换总闸',
      mediaIds: [await uploadPhoto(t, tech.token)],
    }).expect(200);
    at(200);
  });
  afterAll(async () => {
    useClockForTests(null);
    await t.close();
  });

  it('answers exact figures per category × urgency, per technician and overall', async () => {
    const from = shanghaiMonth(start);
    const to = shanghaiMonth(new Date());
    const r = await report(w.pm, from, to);
    expect(r).toMatchObject({ projectId: w.tenant.projectId, from, to, generatedAt: clock.toISOString() });
    const none = { respond: 0, on_site: 0, resolve: 0, return_visit: 0 };
    expect(r.summary).toEqual({
      tickets: 3,
      onTime: 1,
      onTimeRateBp: 3333,
      breaches: { ...none, respond: 2, resolve: 1 },
      avgResponseMinutes: 25,
      avgResolveMinutes: 95,
    });
    expect(r.byCategory).toEqual([
      {
        category: 'GD',
        urgency: 'emergency',
        tickets: 2,
        onTime: 1,
        onTimeRateBp: 5000,
        breaches: { ...none, respond: 1, resolve: 1 },
        avgResponseMinutes: 25,
        avgResolveMinutes: 95,
      },
      {
        category: 'GS',
        urgency: 'normal',
        tickets: 1,
        onTime: 0,
        onTimeRateBp: 0,
        breaches: { ...none, respond: 1 },
        avgResponseMinutes: null,
        avgResolveMinutes: null,
      },
    ]);
    const [techRow] = await t.db.query('SELECT name FROM users WHERE id = ?', [w.techs[0].id]);
    const byTech = Object.fromEntries(r.byTechnician.map((row) => [String(row.technicianId), row]));
    expect(r.byTechnician).toHaveLength(2);
    expect(byTech[String(w.techs[0].id)]).toMatchObject({
      technicianName: techRow.name,
      tickets: 2,
      onTime: 1,
      onTimeRateBp: 5000,
      avgResponseMinutes: 25,
    });
    expect(byTech.null).toMatchObject({
      technicianName: null,
      tickets: 1,
      onTime: 0,
      breaches: { ...none, respond: 1 },
    });

    const due = (minutes: number) => new Date(start.getTime() + minutes * MIN).toISOString();
    const breaches = r.breaches.map((b) => ({
      ticketId: b.ticketId,
      kind: b.kind,
      dueAt: b.dueAt,
      metAt: b.metAt,
      lateMinutes: b.lateMinutes,
      technicianId: b.technicianId,
    }));
    expect(breaches).toEqual(
      expect.arrayContaining([
        {
          ticketId: ids.late,
          kind: 'respond',
          dueAt: due(30),
          metAt: due(40),
          lateMinutes: 10,
          technicianId: w.techs[0].id,
        },
        {
          ticketId: ids.late,
          kind: 'resolve',
          dueAt: due(120),
          metAt: due(130),
          lateMinutes: 10,
          technicianId: w.techs[0].id,
        },
        { ticketId: ids.waiting, kind: 'respond', dueAt: due(120), metAt: null, lateMinutes: 80, technicianId: null },
      ]),
    );
    expect(breaches).toHaveLength(3);
    expect(new Date(r.breaches[0].dueAt).getTime()).toBeGreaterThanOrEqual(new Date(r.breaches[2].dueAt).getTime());
    expect(r.breaches.find((b) => b.ticketId === ids.late)?.serial).toMatch(/\S/);
  });

  it('exports the same figures as xlsx: by category with a total, by technician, the breaches', async () => {
    const from = shanghaiMonth(start);
    const to = shanghaiMonth(new Date());
    const res = await t
      .http()
      .get(`${path}/export.xlsx`)
      .query({ from, to })
      .set(bearer(quality))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['按类别', '按维修师傅', '超时工单']);
    const rows = (i: number) =>
      wb.worksheets[i]
        .getSheetValues()
        .slice(1)
        .map((r) => (r as unknown[]).slice(1));
    expect((rows(0)[0] as string[]).join(',')).toBe(
      '类别,紧急程度,工单数,按时,按时率（%）,响应超时,到场超时,完成超时,回访超时,平均响应（分钟）,平均完成（分钟）',
    );
    expect(rows(0).slice(1)).toEqual([
      ['供电设备维修类', '紧急', 2, 1, 50, 1, 0, 1, 0, 25, 95],
      ['供水设备维修类', '一般', 1, 0, 0, 1, 0, 0, 0, '', ''],
      ['合计', '', 3, 1, 33.33, 2, 0, 1, 0, 25, 95],
    ]);
    // The names are the ones the console shows (GET /service-categories), never the codes.
    const names = (
      await t.http().get('/api/service-categories').query({ projectId: w.tenant.projectId }).set(bearer(quality))
    ).body.items as { code: string; name: string }[];
    const named = (code: string) => names.find((c) => c.code === code)!.name;
    const cells = (sheet: number, at: number) => rows(sheet).map((r) => r[at]);
    expect(cells(0, 0).slice(1, 3)).toEqual([named('GD'), named('GS')]);
    const json = await report(quality, from, to);
    expect(cells(2, 1).slice(1).sort()).toEqual(json.breaches.map((b) => named(b.category)).sort());
    expect(rows(2)).toHaveLength(4);
    expect(
      rows(2)
        .slice(1)
        .map((r) => [r[3], r[6]])
        .sort(),
    ).toEqual([
      ['响应', 10],
      ['响应', 80],
      ['完成', 10],
    ]);
    await t.http().get(`${path}/export.xlsx`).query({ from, to }).set(bearer(w.cm)).expect(403);
  });

  it('a period without tickets answers zeros and empty lists', async () => {
    const r = await report(quality, '2020-01', '2020-03');
    expect(r.summary).toEqual({
      tickets: 0,
      onTime: 0,
      onTimeRateBp: null,
      breaches: { respond: 0, on_site: 0, resolve: 0, return_visit: 0 },
      avgResponseMinutes: null,
      avgResolveMinutes: null,
    });
    expect([r.byCategory, r.byTechnician, r.breaches]).toEqual([[], [], []]);
  });

  it('only report readers of the project; months validated with the field named', async () => {
    for (const token of [w.cm, w.techs[0].token, w.cashier, w.outsiderCm]) {
      await t.http().get(path).query({ from: '2026-01', to: '2026-01' }).set(bearer(token)).expect(403);
    }
    await report(w.sup, '2026-01', '2026-01');
    const bad = await t.http().get(path).query({ from: '2026-13', to: '2026-01' }).set(bearer(w.pm)).expect(422);
    expect(bad.body.details.fields[0]).toMatchObject({ field: 'from', message: '起始月份格式应为 YYYY-MM' });
    const reversed = await t.http().get(path).query({ from: '2026-05', to: '2026-04' }).set(bearer(w.pm)).expect(422);
    expect(reversed.body.details.fields[0]).toMatchObject({ field: 'to', message: '结束月份不能早于起始月份' });
    await t.http().get(path).query({ from: '2025-01', to: '2025-12' }).set(bearer(w.pm)).expect(200);
    const long = await t.http().get(path).query({ from: '2025-01', to: '2026-01' }).set(bearer(w.pm)).expect(422);
    expect(long.body.details.fields[0].message).toBe('报表期间最多 12 个月');
  });

  it('saving a policy is audited with its limits before and after', async () => {
    const policies = `/api/projects/${w.tenant.projectId}/sla-policies`;
    const body = {
      category: 'GD',
      urgency: 'emergency',
      respondMinutes: 20,
      onSiteMinutes: 30,
      resolveMinutes: 180,
      returnVisitMinutes: 1440,
    };
    await t.http().put(policies).set(bearer(w.sup)).send(body).expect(200);
    await t
      .http()
      .put(policies)
      .set(bearer(w.sup))
      .send({ ...body, respondMinutes: 25 })
      .expect(200);
    const rows: { action: string; before_json: string | null; after_json: string }[] = await t.db.query(
      "SELECT action, before_json, after_json FROM audit_entries WHERE entity_type = 'sla_policy' AND project_id = ? ORDER BY id",
      [w.tenant.projectId],
    );
    expect(
      rows.map((r) => [
        r.action,
        r.before_json && JSON.parse(r.before_json).respondMinutes,
        JSON.parse(r.after_json).respondMinutes,
      ]),
    ).toEqual([
      ['sla_policy.save', null, 20],
      ['sla_policy.save', 20, 25],
    ]);
  });
});

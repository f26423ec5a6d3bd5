import type { IComplaintDetail, IComplaintPolicy, IInboxMessage, IPage, IComplaint } from '@app/shared';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { complaintAct, fileComplaint, outbox, roleIds } from './complaints-helpers';
import { act, createHomeRepair, makeTicketWorld, TicketWorld, uploadPhoto } from './ticket-helpers';

const MIN = 60_000;

/** docs/complaints.md: filing, the investigation, resolution, dispute and confirmation; who may do what; races. */
describe('complaints (投诉): lifecycle, permissions, races', () => {
  let t: TestApp;
  let w: TicketWorld;
  let supId: number;
  let pmIds: number[];
  let cmIds: number[];

  beforeAll(async () => {
    t = await bootTestApp({ NOTIFY_WORKER: 'false' });
    w = await makeTicketWorld(t, 2);
    [supId] = await roleIds(t, w, 'supervisor');
    [pmIds, cmIds] = [await roleIds(t, w, 'project_manager'), await roleIds(t, w, 'customer_manager')];
  });
  afterAll(async () => t.close());

  it('a resident files a complaint about their own request; only they and the project staff can see it', async () => {
    const ticket = await createHomeRepair(t, w);
    const photo = await uploadPhoto(t, w.residentA.accessToken);
    const c = await fileComplaint(t, w.residentA.accessToken, { ticketId: ticket.id, mediaIds: [photo] });
    expect(c).toMatchObject({
      status: 'open',
      ticketId: ticket.id,
      ticketSerial: ticket.serial,
      houseId: w.tenant.houseIds[0],
      channel: 'mini_program',
      number: `TS-${String(c.id).padStart(6, '0')}`,
    });
    expect(new Date(c.contactDueAt).getTime() - new Date(c.createdAt).getTime()).toBe(120 * MIN);
    expect(new Date(c.resolveDueAt).getTime() - new Date(c.createdAt).getTime()).toBe(2880 * MIN);
    expect(c.media.map((m) => m.id)).toEqual([photo]);
    expect(c.events.map((e) => e.action)).toEqual(['create']);

    expect(await outbox(t, 'complaint.registered', `complaint:${c.id}:`)).toEqual([w.residentA.user.id]);
    expect(await outbox(t, 'complaint.new', `complaint:${c.id}:`)).toEqual(cmIds);
    const inbox = await t.http().get('/api/inbox').set(bearer(w.residentA.accessToken)).expect(200);
    expect(inbox.body.items.map((m: { title: string }) => m.title)).toContain('您的投诉已登记');
    // Each complaint message names its complaint (objectId), so the mini-program and the console bell open it.
    expect(
      inbox.body.items.find((m: IInboxMessage) => m.kind === 'complaint.registered' && m.objectId === c.id),
    ).toMatchObject({ ticketId: null, title: '您的投诉已登记' });
    const cmInbox = (await t.http().get('/api/inbox').set(bearer(w.cm)).expect(200)).body.items as IInboxMessage[];
    expect(cmInbox.find((m) => m.kind === 'complaint.new' && m.objectId === c.id)).toBeDefined();
    expect(
      await t.db.query("SELECT action FROM audit_entries WHERE entity_type = 'complaint' AND entity_id = ?", [c.id]),
    ).toEqual([{ action: 'complaint.create' }]);
    // Filed by a resident (no company of their own), the row still carries the project's company: the admin's 审计日志 lists it.
    const [{ company_id: companyId }] = await t.db.query(
      "SELECT company_id FROM audit_entries WHERE entity_type = 'complaint' AND entity_id = ?",
      [c.id],
    );
    expect(Number(companyId)).toBe(w.tenant.companyId);

    // Another resident: not theirs to see, and not their request to complain about.
    await t.http().get(`/api/complaints/${c.id}`).set(bearer(w.residentB.accessToken)).expect(404);
    await t
      .http()
      .post('/api/complaints')
      .set(bearer(w.residentB.accessToken))
      .send({ ticketId: ticket.id, category: 'quality', description: '冒充投诉' })
      .expect(404);
    const mineB = (await t.http().get('/api/complaints/mine').set(bearer(w.residentB.accessToken)).expect(200))
      .body as IPage<IComplaint>;
    expect(mineB.items.map((x) => x.id)).not.toContain(c.id);
    // Technicians do not see complaints; staff of another project get 404.
    await t.http().get(`/api/complaints?projectId=${w.tenant.projectId}`).set(bearer(w.techs[0].token)).expect(403);
    await t.http().get(`/api/complaints/${c.id}`).set(bearer(w.techs[0].token)).expect(404);
    await t.http().get(`/api/complaints/${c.id}`).set(bearer(w.outsiderCm)).expect(404);
    const list = (await t.http().get(`/api/complaints?projectId=${w.tenant.projectId}`).set(bearer(w.cm)).expect(200))
      .body as IPage<IComplaint>;
    expect(list.items.map((x) => x.id)).toContain(c.id);
    // Validation names the field in Chinese.
    const bad = await t
      .http()
      .post('/api/complaints')
      .set(bearer(w.residentA.accessToken))
      .send({ houseId: w.tenant.houseIds[0], category: 'nope', description: ' ' })
      .expect(422);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['category', 'description']);
  });

  it('investigation → resolution → dispute (escalated) → new resolution → confirmed; a technician cannot resolve', async () => {
    const c = await fileComplaint(t, w.residentA.accessToken, {
      houseId: w.tenant.houseIds[0],
      category: 'attitude',
      description: '客服电话态度恶劣',
    });
    await complaintAct(t, w.sup, c.id, 'assign', { investigatorId: supId }).expect(403); // supervisors investigate, they do not assign
    await complaintAct(t, w.cm, c.id, 'assign', { investigatorId: w.techs[0].id }).expect(422);
    const assigned = (await complaintAct(t, w.cm, c.id, 'assign', { investigatorId: supId }).expect(200))
      .body as IComplaintDetail;
    expect(assigned).toMatchObject({ investigatorId: supId, status: 'open' });
    expect(await outbox(t, 'complaint.assigned', `complaint:${c.id}:`)).toEqual([supId]);

    await complaintAct(t, w.sup, c.id, 'resolve', { resolution: '已道歉', cause: 'staff_fault' }).expect(409); // must contact first
    const contacted = (await complaintAct(t, w.sup, c.id, 'contact', { note: '已电话联系业主，了解经过' }).expect(200))
      .body as IComplaintDetail;
    expect(contacted.status).toBe('contacted');
    expect(contacted.contactedAt).not.toBeNull();
    expect(await outbox(t, 'complaint.contacted', `complaint:${c.id}:`)).toEqual([w.residentA.user.id]);
    const evidence = await uploadPhoto(t, w.sup);
    const noted = (
      await complaintAct(t, w.sup, c.id, 'notes', { note: '调取通话录音', mediaIds: [evidence] }).expect(200)
    ).body as IComplaintDetail;
    expect(noted.events.at(-1)).toMatchObject({ action: 'note', note: '调取通话录音' });
    expect(noted.events.at(-1)!.media.map((m) => m.id)).toEqual([evidence]);
    // Someone else's upload is not evidence of ours.
    await complaintAct(t, w.cm, c.id, 'notes', { note: 'x', mediaIds: [evidence] }).expect(422);

    await complaintAct(t, w.techs[0].token, c.id, 'resolve', { resolution: '我来处理', cause: 'other' }).expect(403);
    await complaintAct(t, w.residentA.accessToken, c.id, 'resolve', { resolution: '自己处理', cause: 'other' }).expect(
      403,
    );
    const resolved = (
      await complaintAct(t, w.sup, c.id, 'resolve', {
        resolution: '当事客服已道歉并接受培训',
        cause: 'staff_fault',
        responsibleUserId: cmIds[0],
      }).expect(200)
    ).body as IComplaintDetail;
    expect(resolved).toMatchObject({ status: 'resolved', cause: 'staff_fault', responsibleUserId: cmIds[0] });
    expect(await outbox(t, 'complaint.resolved', `complaint:${c.id}:`)).toEqual([w.residentA.user.id]);

    // The resident sees the result, not the internal assessment or notes.
    const residentView = (
      await t.http().get(`/api/complaints/${c.id}`).set(bearer(w.residentA.accessToken)).expect(200)
    ).body as IComplaintDetail;
    expect(residentView).toMatchObject({
      resolution: '当事客服已道歉并接受培训',
      responsibleUserId: null,
      cause: null,
    });
    expect(residentView.events.map((e) => e.action)).toEqual(['create', 'contact', 'resolve']);

    await complaintAct(t, w.residentB.accessToken, c.id, 'dispute', { reason: '不满意' }).expect(404);
    const disputed = (
      await complaintAct(t, w.residentA.accessToken, c.id, 'dispute', { reason: '道歉不够诚恳，要求上门致歉' }).expect(
        200,
      )
    ).body as IComplaintDetail;
    expect(disputed).toMatchObject({ status: 'disputed', escalated: true, disputeCount: 1, resolvedAt: null });
    expect(await outbox(t, 'complaint.disputed', `complaint:${c.id}:`)).toEqual(
      [supId, ...pmIds].sort((a, b) => a - b),
    );

    await complaintAct(t, w.pm, c.id, 'resolve', {
      resolution: '项目经理带客服上门致歉',
      cause: 'staff_fault',
      responsibleUserId: cmIds[0],
    }).expect(200);
    const closed = (await complaintAct(t, w.residentA.accessToken, c.id, 'confirm').expect(200))
      .body as IComplaintDetail;
    expect(closed).toMatchObject({ status: 'closed' });
    expect(closed.closedAt).not.toBeNull();
    await complaintAct(t, w.residentA.accessToken, c.id, 'dispute', { reason: '再议' }).expect(409);
    const audit = await t.db.query(
      "SELECT action FROM audit_entries WHERE entity_type = 'complaint' AND entity_id = ? ORDER BY id",
      [c.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'complaint.create',
      'complaint.assign',
      'complaint.contact',
      'complaint.note',
      'complaint.resolve',
      'complaint.dispute',
      'complaint.resolve',
      'complaint.confirm',
    ]);
  });

  it('two people acting at once: exactly one wins, the other gets 409 with the current state', async () => {
    const c = await fileComplaint(t, w.residentA.accessToken, { houseId: w.tenant.houseIds[0] });
    const contacts = await Promise.all([
      complaintAct(t, w.cm, c.id, 'contact', { note: '客服联系' }),
      complaintAct(t, w.pm, c.id, 'contact', { note: '项目经理联系' }),
    ]);
    expect(contacts.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = contacts.find((r) => r.status === 409)!;
    expect(lost.body).toMatchObject({
      code: 'STATE_CONFLICT',
      details: { current: { id: c.id, status: 'contacted' } },
    });
    const resolves = await Promise.all([
      complaintAct(t, w.cm, c.id, 'resolve', { resolution: '方案一', cause: 'process' }),
      complaintAct(t, w.pm, c.id, 'resolve', { resolution: '方案二', cause: 'process' }),
    ]);
    expect(resolves.map((r) => r.status).sort()).toEqual([200, 409]);
    const answers = await Promise.all([
      complaintAct(t, w.residentA.accessToken, c.id, 'confirm'),
      complaintAct(t, w.residentA.accessToken, c.id, 'dispute', { reason: '不同意' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    // A stale version is refused too.
    const other = await fileComplaint(t, w.residentA.accessToken, { houseId: w.tenant.houseIds[0] });
    await complaintAct(t, w.cm, other.id, 'assign', { investigatorId: supId, version: other.version + 5 }).expect(409);
  });

  it('staff register a complaint by phone, or from an unsatisfied return visit (the reporter becomes the complainant)', async () => {
    const byPhone = await fileComplaint(t, w.cm, {
      projectId: w.tenant.projectId,
      category: 'environment',
      description: '楼道垃圾无人清理',
      contactName: '李女士',
      contactPhone: '13912345678',
    });
    expect(byPhone).toMatchObject({
      channel: 'phone',
      complainantId: null,
      contactName: '李女士',
      contactPhone: '13912345678',
      houseId: null,
    });
    await t
      .http()
      .post('/api/complaints')
      .set(bearer(w.sup))
      .send({ projectId: w.tenant.projectId, category: 'other', description: 'x' })
      .expect(403);
    await t
      .http()
      .post('/api/complaints')
      .set(bearer(w.techs[0].token))
      .send({ projectId: w.tenant.projectId, category: 'other', description: 'x' })
      .expect(403);
    await t
      .http()
      .post('/api/complaints')
      .set(bearer(w.cm))
      .send({ projectId: w.tenant.projectId, category: 'other', description: 'x', channel: 'return_visit' })
      .expect(422);

    const ticket = await createHomeRepair(t, w);
    await act(t, w.cm, ticket.id, 'register', { priceExplained: true }).expect(200);
    const fromVisit = await fileComplaint(t, w.cm, {
      ticketId: ticket.id,
      channel: 'return_visit',
      category: 'quality',
      description: '回访不满意：漏水未修好',
    });
    expect(fromVisit).toMatchObject({
      channel: 'return_visit',
      ticketId: ticket.id,
      complainantId: w.residentA.user.id,
      houseId: w.tenant.houseIds[0],
    });
    const mine = (await t.http().get('/api/complaints/mine').set(bearer(w.residentA.accessToken)).expect(200))
      .body as IPage<IComplaint>;
    expect(mine.items.map((x) => x.id)).toContain(fromVisit.id);
    await t
      .http()
      .post('/api/complaints')
      .set(bearer(w.outsiderCm))
      .send({ ticketId: ticket.id, category: 'other', description: 'x' })
      .expect(404);
  });

  it('the project sets its own deadlines; the defaults apply until it does', async () => {
    const path = `/api/projects/${w.tenant.projectId}/complaint-policy`;
    expect((await t.http().get(path).set(bearer(w.cm)).expect(200)).body).toEqual({
      projectId: w.tenant.projectId,
      contactMinutes: 120,
      resolveMinutes: 2880,
      isDefault: true,
    });
    await t.http().put(path).set(bearer(w.cm)).send({ contactMinutes: 60, resolveMinutes: 1440 }).expect(403);
    const bad = await t
      .http()
      .put(path)
      .set(bearer(w.pm))
      .send({ contactMinutes: 1, resolveMinutes: 1440 })
      .expect(422);
    expect(bad.body.details.fields[0].field).toBe('contactMinutes');
    await t.http().put(path).set(bearer(w.pm)).send({ contactMinutes: 600, resolveMinutes: 60 }).expect(422);
    expect(
      (await t.http().put(path).set(bearer(w.pm)).send({ contactMinutes: 30, resolveMinutes: 1440 }).expect(200))
        .body as IComplaintPolicy,
    ).toMatchObject({ contactMinutes: 30, isDefault: false });
    const c = await fileComplaint(t, w.residentA.accessToken, { houseId: w.tenant.houseIds[0] });
    expect(new Date(c.contactDueAt).getTime() - new Date(c.createdAt).getTime()).toBe(30 * MIN);
    await t.http().put(path).set(bearer(w.pm)).send({ contactMinutes: 120, resolveMinutes: 2880 }).expect(200);
  });
});

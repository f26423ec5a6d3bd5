import ExcelJS from 'exceljs';
import { ErrorCode, IHouseImportResult, Role, ScopeType } from '@app/shared';
import { bindResident, makeStaff, makeTenant, newOpenId, STAFF_PASSWORD, Tenant } from '../support/factories';
import { bearer, bootTestApp, passwordLogin, TestApp, wechatLogin } from '../support/test-app';

describe('property registry and tenant isolation', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let cmA: string;
  let cmB: string;
  let financeA: string;

  beforeAll(async () => {
    t = await bootTestApp();
    a = await makeTenant(t.db, 6);
    b = await makeTenant(t.db, 3);
    cmA = (
      await passwordLogin(
        t,
        (await makeStaff(t.db, [{ role: Role.CustomerManager, scopeId: a.projectId }])).username,
        STAFF_PASSWORD,
      )
    ).accessToken;
    cmB = (
      await passwordLogin(
        t,
        (await makeStaff(t.db, [{ role: Role.CustomerManager, scopeId: b.projectId }])).username,
        STAFF_PASSWORD,
      )
    ).accessToken;
    const finance = await makeStaff(t.db, [{ role: Role.Finance, scopeType: ScopeType.Company, scopeId: a.companyId }]);
    financeA = (await passwordLogin(t, finance.username, STAFF_PASSWORD)).accessToken;
  });
  afterAll(() => t.close());

  it('lists only the projects in the caller’s scope, with house counts', async () => {
    const res = await t.http().get('/api/property/projects').set(bearer(cmA)).expect(200);
    expect(res.body).toEqual([expect.objectContaining({ id: a.projectId, houseCount: 6 })]);
    const company = await t.http().get('/api/property/projects').set(bearer(financeA)).expect(200);
    expect(company.body.map((p: { id: number }) => p.id)).toEqual([a.projectId]);
  });

  it('answers 404 when project A staff ask for project B’s buildings, houses or a house', async () => {
    await t.http().get(`/api/property/projects/${b.projectId}/buildings`).set(bearer(cmA)).expect(404);
    await t.http().get(`/api/property/projects/${b.projectId}/houses`).set(bearer(cmA)).expect(404);
    const house = await t.http().get(`/api/property/houses/${b.houseIds[0]}`).set(bearer(cmA)).expect(404);
    expect(house.body.code).toBe(ErrorCode.NotFound);
    await t.http().get(`/api/property/houses/${b.houseIds[0]}`).set(bearer(cmB)).expect(200);
  });

  it('pages and filters houses of the caller’s project', async () => {
    const page = await t
      .http()
      .get(`/api/property/projects/${a.projectId}/houses?pageSize=4&page=2`)
      .set(bearer(cmA))
      .expect(200);
    expect(page.body).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(page.body.items).toHaveLength(2);
    const search = await t
      .http()
      .get(`/api/property/projects/${a.projectId}/houses?q=103`)
      .set(bearer(cmA))
      .expect(200);
    expect(search.body.items.map((h: { label: string }) => h.label)).toEqual(['1栋1单元103']);
    // The label as every screen shows it finds the house too (the console's house pickers search by it).
    const byLabel = await t
      .http()
      .get(`/api/property/projects/${a.projectId}/houses?q=${encodeURIComponent('1栋1单元103')}`)
      .set(bearer(cmA))
      .expect(200);
    expect(byLabel.body.items.map((h: { label: string }) => h.label)).toEqual(['1栋1单元103']);
    const otherBuilding = await t
      .http()
      .get(`/api/property/projects/${a.projectId}/houses?q=${encodeURIComponent('9栋103')}`)
      .set(bearer(cmA))
      .expect(200);
    expect(otherBuilding.body.items).toEqual([]);
  });

  it('names the bad query parameter', async () => {
    const res = await t
      .http()
      .get(`/api/property/projects/${a.projectId}/houses?pageSize=5000`)
      .set(bearer(cmA))
      .expect(422);
    expect(res.body.details.fields[0].field).toBe('pageSize');
    const id = await t.http().get('/api/property/houses/abc').set(bearer(cmA)).expect(422);
    expect(id.body.details.fields[0].field).toBe('houseId');
  });

  it('lets a resident read only the houses they are verified for', async () => {
    const alice = await wechatLogin(t, newOpenId());
    const bob = await wechatLogin(t, newOpenId());
    await bindResident(t.db, alice.user.id, a.houseIds[0]);
    await bindResident(t.db, bob.user.id, a.houseIds[1]);
    const own = await t.http().get(`/api/property/houses/${a.houseIds[0]}`).set(bearer(alice.accessToken)).expect(200);
    expect(own.body).toMatchObject({ id: a.houseIds[0], label: '1栋1单元101' });
    await t.http().get(`/api/property/houses/${a.houseIds[1]}`).set(bearer(alice.accessToken)).expect(404);
    await t.http().get(`/api/property/houses/${b.houseIds[0]}`).set(bearer(alice.accessToken)).expect(404);
    await t.http().get(`/api/property/projects/${a.projectId}/houses`).set(bearer(alice.accessToken)).expect(403);
    const projects = await t.http().get('/api/property/projects').set(bearer(alice.accessToken)).expect(200);
    expect(projects.body).toEqual([]);
  });

  it('offers residents a directory to find their house, without personal data', async () => {
    const resident = await wechatLogin(t, newOpenId());
    const buildings = await t
      .http()
      .get(`/api/directory/projects/${a.projectId}/buildings`)
      .set(bearer(resident.accessToken))
      .expect(200);
    expect(buildings.body[0]).toMatchObject({
      name: '1栋',
      units: [{ id: a.unitId, name: '1单元' }],
      customerManagers: [],
    });
    const houses = await t
      .http()
      .get(`/api/directory/units/${a.unitId}/houses`)
      .set(bearer(resident.accessToken))
      .expect(200);
    expect(houses.body).toHaveLength(6);
    expect(Object.keys(houses.body[0]).sort()).toEqual(['floor', 'id', 'roomNo']);
  });

  describe('house import', () => {
    const upload = (token: string, projectId: number, name: string, content: Buffer | string, dryRun: boolean) =>
      t
        .http()
        .post(`/api/property/projects/${projectId}/houses/import?dryRun=${dryRun}`)
        .set(bearer(token))
        .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);

    it('reports every bad row by row and column and writes nothing', async () => {
      const csv =
        '\uFEFF楼栋,单元,房号,楼层,建筑面积,房屋类型\n2栋,1单元,101,1,89.5,住宅\n2栋,1单元,102,一,abc,别墅\n2栋,,103,1,90,住宅\n2栋,1单元,101,1,88,住宅\n';
      const res = await upload(cmA, a.projectId, 'houses.csv', csv, false).expect(422);
      expect(res.body.code).toBe(ErrorCode.ImportInvalid);
      const result = res.body.details as IHouseImportResult;
      expect(result.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 3, field: '楼层' }),
          expect.objectContaining({ row: 3, field: '建筑面积' }),
          expect.objectContaining({ row: 3, field: '房屋类型' }),
          expect.objectContaining({ row: 4, field: '单元' }),
          expect.objectContaining({ row: 5, field: '房号' }),
        ]),
      );
      const houses = await t.http().get(`/api/property/projects/${a.projectId}/houses`).set(bearer(cmA)).expect(200);
      expect(houses.body.total).toBe(6);
    });

    it('dry-runs, then imports a CSV; re-importing updates instead of duplicating', async () => {
      const csv =
        '楼栋,单元,房号,楼层,建筑面积,房屋类型\r\n2栋,1单元,101,1,89.50,住宅\r\n2栋,1单元,102,1,"120.05",商铺\r\n';
      const dry = await upload(cmA, a.projectId, 'houses.csv', csv, true).expect(200);
      expect(dry.body).toMatchObject({ dryRun: true, totalRows: 2, created: 2, updated: 0, errors: [] });
      expect((await t.http().get(`/api/property/projects/${a.projectId}/houses`).set(bearer(cmA))).body.total).toBe(6);

      await upload(cmA, a.projectId, 'houses.csv', csv, false).expect(200);
      const again = await upload(cmA, a.projectId, 'houses.csv', csv.replace('89.50', '91.25'), false).expect(200);
      expect(again.body).toMatchObject({ created: 0, updated: 2 });
      const list = await t
        .http()
        .get(`/api/property/projects/${a.projectId}/houses?q=101&pageSize=50`)
        .set(bearer(cmA))
        .expect(200);
      const imported = list.body.items.find((h: { label: string }) => h.label === '2栋1单元101');
      expect(imported).toMatchObject({ areaHundredths: 9125, type: 'residential', floor: 1 });
    });

    it('imports an xlsx workbook', async () => {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('房屋');
      sheet.addRow(['楼栋', '单元', '房号', '楼层', '建筑面积', '房屋类型']);
      sheet.addRow(['3栋', '2单元', '201', 2, 76.3, '住宅']);
      sheet.addRow(['3栋', '2单元', '202', 2, 80, '写字间']);
      const buffer = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await upload(cmA, a.projectId, 'houses.xlsx', buffer, false).expect(200);
      expect(res.body).toMatchObject({ created: 2, updated: 0 });
      const buildings = await t
        .http()
        .get(`/api/property/projects/${a.projectId}/buildings`)
        .set(bearer(cmA))
        .expect(200);
      expect(buildings.body.map((x: { name: string }) => x.name)).toEqual(
        expect.arrayContaining(['1栋', '2栋', '3栋']),
      );
    });

    it('refuses other file types, other projects and roles without the right', async () => {
      const bad = await upload(cmA, a.projectId, 'houses.txt', 'hello', true).expect(422);
      expect(bad.body.details.fields[0].field).toBe('file');
      await upload(cmA, b.projectId, 'houses.csv', '楼栋,单元,房号,楼层,建筑面积,房屋类型\n', true).expect(404);
      const cashier = await makeStaff(t.db, [{ role: Role.Cashier, scopeId: a.projectId }]);
      const token = (await passwordLogin(t, cashier.username, STAFF_PASSWORD)).accessToken;
      await upload(token, a.projectId, 'houses.csv', '楼栋,单元,房号,楼层,建筑面积,房屋类型\n', true).expect(403);
    });
  });

  describe('customer managers and technicians', () => {
    it('lets a project manager assign the building’s customer manager, shown on the house', async () => {
      const pm = await makeStaff(t.db, [{ role: Role.ProjectManager, scopeId: a.projectId }]);
      const cm = await makeStaff(t.db, [{ role: Role.CustomerManager, scopeId: a.projectId }]);
      const pmToken = (await passwordLogin(t, pm.username, STAFF_PASSWORD)).accessToken;
      const staff = await t
        .http()
        .get(`/api/property/projects/${a.projectId}/staff?role=customer_manager`)
        .set(bearer(pmToken))
        .expect(200);
      expect(staff.body.map((s: { userId: number }) => s.userId)).toContain(cm.id);
      const res = await t
        .http()
        .put(`/api/property/buildings/${a.buildingId}/customer-managers`)
        .set(bearer(pmToken))
        .send({ userIds: [cm.id] })
        .expect(200);
      expect(res.body.customerManagers).toEqual([expect.objectContaining({ userId: cm.id })]);
      const house = await t.http().get(`/api/property/houses/${a.houseIds[0]}`).set(bearer(pmToken)).expect(200);
      expect(house.body.customerManager).toMatchObject({ userId: cm.id });
      const outsider = await makeStaff(t.db, [{ role: Role.CustomerManager, scopeId: b.projectId }]);
      const wrong = await t
        .http()
        .put(`/api/property/buildings/${a.buildingId}/customer-managers`)
        .set(bearer(pmToken))
        .send({ userIds: [outsider.id] })
        .expect(422);
      expect(wrong.body.details.fields[0].field).toBe('userIds');
      await t
        .http()
        .put(`/api/property/buildings/${b.buildingId}/customer-managers`)
        .set(bearer(pmToken))
        .send({ userIds: [] })
        .expect(404);
      await t
        .http()
        .put(`/api/property/buildings/${a.buildingId}/customer-managers`)
        .set(bearer(cmA))
        .send({ userIds: [] })
        .expect(403);
    });

    it('lets a supervisor maintain technicians of their project only', async () => {
      const sup = await makeStaff(t.db, [{ role: Role.Supervisor, scopeId: a.projectId }]);
      const tech = await makeStaff(t.db, [{ role: Role.Technician, scopeId: a.projectId }], {
        technician: true,
        companyId: a.companyId,
      });
      const techB = await makeStaff(t.db, [{ role: Role.Technician, scopeId: b.projectId }], {
        technician: true,
        companyId: b.companyId,
      });
      const supToken = (await passwordLogin(t, sup.username, STAFF_PASSWORD)).accessToken;
      const list = await t
        .http()
        .get(`/api/property/projects/${a.projectId}/technicians`)
        .set(bearer(supToken))
        .expect(200);
      expect(list.body.map((p: { userId: number }) => p.userId)).toEqual([tech.id]);
      const patched = await t
        .http()
        .patch(`/api/technicians/${tech.id}`)
        .set(bearer(supToken))
        .send({ onDuty: false, maxOpenJobs: 3, skills: ['水', '门窗'], buildingIds: [a.buildingId] })
        .expect(200);
      expect(patched.body).toMatchObject({
        onDuty: false,
        maxOpenJobs: 3,
        skills: ['水', '门窗'],
        buildingIds: [a.buildingId],
      });
      await t.http().patch(`/api/technicians/${techB.id}`).set(bearer(supToken)).send({ onDuty: false }).expect(404);
      const bad = await t
        .http()
        .patch(`/api/technicians/${tech.id}`)
        .set(bearer(supToken))
        .send({ maxOpenJobs: 99, skills: ['飞行'] })
        .expect(422);
      expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(
        expect.arrayContaining(['maxOpenJobs', 'skills']),
      );
      const techToken = (await passwordLogin(t, tech.username, STAFF_PASSWORD)).accessToken;
      const mine = await t.http().get('/api/technicians/me').set(bearer(techToken)).expect(200);
      expect(mine.body).toMatchObject({ userId: tech.id, onDuty: false });
    });
  });
});

import { ErrorCode, IFieldError } from '@app/shared';
import { bearer, bootTestApp, TestApp } from '../support/test-app';
import { makeTicketWorld, TicketWorld } from './ticket-helpers';

const CJK = /[\u4e00-\u9fff]/;
const fieldsOf = (body: { details?: { fields?: IFieldError[] } }): Record<string, string> =>
  Object.fromEntries((body.details?.fields ?? []).map((f) => [f.field, f.message]));

/** Issue 7 item 19: every 422 message is Chinese, names the field, says what is wrong — missing first. */
describe('validation messages (422 VALIDATION_FAILED)', () => {
  let t: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await bootTestApp();
    w = await makeTicketWorld(t);
  });
  afterAll(() => t.close());

  const expect422 = async (res: {
    status: number;
    body: { code: string; message: string; details?: { fields?: IFieldError[] } };
  }) => {
    expect(res.status).toBe(422);
    expect(res.body.code).toBe(ErrorCode.ValidationFailed);
    // Envelope shape the console and mini-program read: details.fields = [{ field, message }], one per field.
    const list = res.body.details?.fields ?? [];
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list.map((f) => f.field)).size).toBe(list.length);
    for (const f of list) expect(f.message).toMatch(CJK);
    expect(res.body.message).toMatch(CJK);
    return fieldsOf(res.body);
  };

  it('a missing body field says it is missing (not "过长" or a range), named by its Chinese label', async () => {
    const res = await t
      .http()
      .post('/api/tickets')
      .set(bearer(w.residentA.accessToken))
      .send({ houseId: w.tenant.houseIds[0], kind: 'repair', scope: 'home', urgency: 'normal' });
    const fields = await expect422(res);
    expect(fields.category).toBe('请填写类别');
    expect(fields.description).toBe('请填写描述');
    expect(res.body.message).toContain('请填写类别');
  });

  it('a missing query parameter says it is missing (was "不能大于 2147483647")', async () => {
    const fields = await expect422(await t.http().get('/api/tickets/dispatch-queue').set(bearer(w.sup)));
    expect(fields.projectId).toBe('请填写项目');
    const wrongType = await expect422(
      await t.http().get('/api/tickets/dispatch-queue?projectId=abc').set(bearer(w.sup)),
    );
    expect(wrongType.projectId).toBe('项目必须是整数');
    const tooBig = await expect422(
      await t.http().get('/api/tickets/dispatch-queue?projectId=99999999999').set(bearer(w.sup)),
    );
    expect(tooBig.projectId).toBe('项目不能大于 2147483647');
  });

  it('unknown fields are refused in Chinese (was "property foo should not exist")', async () => {
    const res = await t.http().post('/api/tickets').set(bearer(w.residentA.accessToken)).send({
      houseId: w.tenant.houseIds[0],
      kind: 'repair',
      scope: 'home',
      category: 'GS',
      urgency: 'normal',
      description: '漏水',
      foo: 1,
    });
    const fields = await expect422(res);
    expect(fields.foo).toBe('不允许的字段 foo');
    expect(res.body.message).not.toMatch(/should not exist/);
  });

  it('type, length, range, choice and format failures each say what is wrong', async () => {
    const res = await t
      .http()
      .post('/api/tickets')
      .set(bearer(w.residentA.accessToken))
      .send({
        houseId: 'x',
        kind: 'complaint',
        scope: 'home',
        category: 5,
        urgency: 'normal',
        description: '漏'.repeat(5000),
        preferredStart: 'tomorrow',
        contactPhone: '123',
      });
    const fields = await expect422(res);
    expect(fields.houseId).toBe('房屋必须是整数');
    expect(fields.kind).toMatch(/^类型只能是 repair、service/);
    expect(fields.category).toBe('类别必须是文本');
    expect(fields.description).toMatch(/^描述不能超过 \d+ 个字符$/);
    expect(fields.preferredStart).toMatch(/^期望上门开始时间必须是 ISO 8601 时间/);
    expect(fields.contactPhone).toBe('请填写有效的 11 位手机号');
  });

  it('fields inside array elements are named by position', async () => {
    const res = await t
      .http()
      .post('/api/fee-schedule/quote')
      .set(bearer(w.cm))
      .send({ projectId: w.tenant.projectId, items: [{ code: 'GS-001', quantityMilli: 1000 }, { quantityMilli: 0 }] });
    const fields = await expect422(res);
    expect(fields['items.1.code']).toBe('收费项目第 2 项：请填写编码');
    expect(fields['items.1.quantityMilli']).toMatch(/^收费项目第 2 项：数量（千分之一）不能小于 1$/);
  });

  it('a body that is not a JSON object says so (was "不允许的字段 0" for an array)', async () => {
    for (const body of ['[{"category":"GS"}]', '"x"', 'null']) {
      const res = await t
        .http()
        .post('/api/tickets')
        .set(bearer(w.residentA.accessToken))
        .set('Content-Type', 'application/json')
        .send(body);
      const fields = await expect422(res);
      expect(fields).toEqual({ body: '请求体必须是 JSON 对象' });
    }
  });

  it('ratings out of range name the rating', async () => {
    const res = await t
      .http()
      .post('/api/tickets/1/verify')
      .set(bearer(w.residentA.accessToken))
      .send({ overall: 6, punctuality: 0, attitude: 'x' });
    const fields = await expect422(res);
    expect(fields.overall).toBe('综合评分不能大于 5');
    expect(fields.punctuality).toBe('准时评分不能小于 1');
    expect(fields.attitude).toBe('服务态度评分必须是整数');
  });
});

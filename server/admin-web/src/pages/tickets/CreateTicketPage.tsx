import {
  relationLabel,
  TICKET_KIND_LABELS,
  ticketCategories,
  URGENCY_LABELS,
  VISIT_WINDOWS,
  type IBinding,
  type IHouse,
} from '@app/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Cascader,
  DatePicker,
  Divider,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../../api/api-error';
import { getPublicFeeSchedule } from '../../api/catalog';
import { listBuildings, listHouses } from '../../api/property';
import { createTicket } from '../../api/tickets';
import { PageHeader } from '../../components/PageHeader';
import { PhotoUploader } from '../../components/PhotoUploader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { CallerLookup } from './CallerLookup';
import { buildCreateRequest, CHANNEL_OPTIONS, kindsFor, visitDateRange, type CreateFormValues } from './create-logic';

const SUGGESTION_TOPICS = ['公共设施', '环境卫生', '安全秩序', '服务态度', '其他'];

/** The form holds the date picker's value; the request logic reads yyyy-MM-dd. */
type FormState = Omit<CreateFormValues, 'visitDate'> & { visitDate?: Dayjs | null };

export default function CreateTicketPage() {
  const project = useSelectedProject();
  return <CreateTicketForm key={project.id} />;
}

function CreateTicketForm() {
  const project = useSelectedProject();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormState>();
  const [caller, setCaller] = useState<IBinding | null>(null);
  const [mediaIds, setMediaIds] = useState<number[]>([]);
  const range = visitDateRange();
  const [unit, setUnit] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const place = Form.useWatch('place', form) ?? 'home';
  const kind = Form.useWatch('kind', form) ?? 'repair';
  const category = Form.useWatch('category', form);

  const buildings = useAsync(() => listBuildings(project.id), [project.id]);
  const [buildingId, unitId] = unit;
  const houses = useAsync<IHouse[]>(
    () =>
      unitId
        ? listHouses(project.id, { buildingId, unitId, page: 1, pageSize: 200 }).then((p) => p.items)
        : Promise.resolve([]),
    [project.id, buildingId, unitId],
  );
  const schedule = useAsync(() => getPublicFeeSchedule(project.id), [project.id]);
  const serviceItems = schedule.data?.categories.find((c) => c.code === category)?.items ?? [];
  const message_ = kind === 'suggestion' || kind === 'consultation';

  function pickCaller(binding: IBinding | null, phone: string) {
    setCaller(binding);
    form.setFieldsValue(
      binding
        ? { place: 'home', houseId: binding.houseId, contactName: binding.name, contactPhone: phone }
        : { houseId: undefined, contactPhone: phone },
    );
  }

  async function submit(values: FormState) {
    const built = buildCreateRequest(
      { ...values, visitDate: values.visitDate?.format('YYYY-MM-DD'), mediaIds },
      project.id,
    );
    if (!built.ok) {
      form.setFields([{ name: built.field, errors: [built.message] }]);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const ticket = await createTicket(built.body);
      message.success(`已登记工单 ${ticket.serial}`);
      navigate('/tickets');
    } catch (err) {
      setError(describeError(err));
      setSaving(false);
    }
  }

  return (
    <div className="page" data-testid="create-ticket-page">
      <PageHeader
        title="代客报修"
        description={`${project.name} · 登记业主来电、来访或现场反映的报修与服务需求，提交后进入「待受理」。`}
      />
      <Card variant="borderless" style={{ maxWidth: 760 }}>
        {error ? (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="create-error" />
        ) : null}
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          来电住户
        </Typography.Title>
        <CallerLookup projectId={project.id} onPick={pickCaller} />
        <Divider style={{ margin: '8px 0 16px' }} />
        <Form<FormState>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ place: 'home', kind: 'repair', urgency: 'normal', channel: 'phone' }}
          onValuesChange={(changed) => {
            // Errors set by buildCreateRequest are not tied to rules: a changed field starts clean.
            form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof FormState, errors: [] })));
            // A new place or kind invalidates choices that only made sense for the old one.
            if ('place' in changed) {
              form.setFieldsValue({ kind: 'repair', houseId: undefined });
              setCaller(null);
            }
            if ('kind' in changed || 'place' in changed)
              form.setFieldsValue({ category: undefined, feeItemCode: undefined });
            if ('category' in changed) form.setFieldsValue({ feeItemCode: undefined });
          }}
        >
          <Form.Item name="channel" label="来源">
            <Radio.Group optionType="button" options={CHANNEL_OPTIONS.map((o) => ({ ...o }))} />
          </Form.Item>
          <Form.Item name="place" label="报修位置">
            <Radio.Group
              options={[
                { value: 'home', label: '业主房屋' },
                { value: 'public', label: '公共区域' },
              ]}
            />
          </Form.Item>
          {place === 'home' && caller ? (
            <Form.Item name="houseId" label="房屋" required data-testid="caller-house">
              <CallerHouse
                binding={caller}
                onClear={() => {
                  setCaller(null);
                  form.setFieldsValue({ houseId: undefined });
                }}
              />
            </Form.Item>
          ) : place === 'home' ? (
            <Space align="start" wrap style={{ display: 'flex' }}>
              <Form.Item label="楼栋 / 单元" required>
                <Cascader
                  style={{ width: 220 }}
                  placeholder="选择楼栋和单元"
                  value={unit}
                  loading={buildings.loading}
                  onChange={(v) => {
                    setUnit((v as number[] | undefined) ?? []);
                    form.setFieldsValue({ houseId: undefined });
                  }}
                  options={(buildings.data ?? []).map((b) => ({
                    value: b.id,
                    label: b.name,
                    children: b.units.map((u) => ({ value: u.id, label: u.name })),
                  }))}
                  data-testid="unit-picker"
                />
              </Form.Item>
              <Form.Item name="houseId" label="房号" rules={[{ required: true, message: '请选择房屋' }]}>
                <Select
                  style={{ width: 200 }}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={unitId ? '选择房号' : '先选楼栋单元'}
                  disabled={!unitId}
                  loading={houses.loading}
                  options={(houses.data ?? []).map((h) => ({ value: h.id, label: h.roomNo }))}
                  data-testid="room-picker"
                />
              </Form.Item>
            </Space>
          ) : null}
          <Space align="start" wrap size="large" style={{ display: 'flex' }}>
            <Form.Item name="kind" label="类型">
              <Radio.Group options={kindsFor(place).map((k) => ({ value: k, label: TICKET_KIND_LABELS[k] }))} />
            </Form.Item>
            <Form.Item name="urgency" label="紧急程度">
              <Radio.Group
                options={(['normal', 'emergency'] as const).map((value) => ({ value, label: URGENCY_LABELS[value] }))}
              />
            </Form.Item>
          </Space>
          <Space align="start" wrap style={{ display: 'flex' }}>
            <Form.Item
              name="category"
              label={message_ ? '主题' : '类别'}
              rules={[{ required: true, message: '请选择类别' }]}
            >
              <Select
                style={{ width: 240 }}
                placeholder="请选择"
                data-testid="category-select"
                options={
                  message_
                    ? SUGGESTION_TOPICS.map((t) => ({ value: t, label: t }))
                    : // The resident's 报修 page offers the same list (shared ticketCategories): no counter category.
                      ticketCategories(schedule.data?.categories, kind === 'service' ? 'service' : 'repair').map(
                        (c) => ({ value: c.code, label: c.name }),
                      )
                }
              />
            </Form.Item>
            {kind === 'service' ? (
              <Form.Item name="feeItemCode" label="服务项目" rules={[{ required: true, message: '请选择收费项目' }]}>
                <Select
                  style={{ width: 280 }}
                  placeholder={category ? '选择公示的收费项目' : '先选类别'}
                  disabled={!category}
                  options={serviceItems.map((i) => ({ value: i.code, label: i.name }))}
                />
              </Form.Item>
            ) : null}
          </Space>
          <Form.Item
            name="description"
            label="问题描述"
            rules={[{ required: true, whitespace: true, message: '请填写问题描述' }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：厨房水龙头漏水，关不紧" />
          </Form.Item>
          <Space align="start" wrap style={{ display: 'flex' }}>
            <Form.Item name="contactName" label="联系人">
              <Input style={{ width: 200 }} maxLength={32} placeholder="如 王女士" />
            </Form.Item>
            <Form.Item
              name="contactPhone"
              label="联系电话"
              rules={[
                { required: true, message: '请填写联系电话' },
                { pattern: /^1[3-9]\d{9}$/, message: '请填写有效的 11 位手机号' },
              ]}
            >
              <Input style={{ width: 200 }} maxLength={11} inputMode="tel" placeholder="11 位手机号" />
            </Form.Item>
          </Space>
          <Form.Item label="照片（选填，最多 9 张）">
            <PhotoUploader onChange={setMediaIds} />
          </Form.Item>
          <Space align="start" wrap style={{ display: 'flex' }}>
            <Form.Item name="visitDate" label="期望上门日期（选填）">
              <DatePicker
                style={{ width: 200 }}
                data-testid="visit-date"
                disabledDate={(d) => d.isBefore(dayjs(range.start), 'day') || d.isAfter(dayjs(range.end), 'day')}
              />
            </Form.Item>
            <Form.Item name="visitWindow" label="时段">
              <Select
                style={{ width: 200 }}
                allowClear
                placeholder="选择时段"
                data-testid="visit-window"
                options={VISIT_WINDOWS.map((w) => ({ value: w.key, label: w.label }))}
              />
            </Form.Item>
          </Space>
          <Space style={{ display: 'flex', marginTop: 8 }}>
            <Button type="primary" htmlType="submit" loading={saving}>
              提交工单
            </Button>
            <Button onClick={() => navigate('/tickets')}>返回工单中心</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}

/** The house found by the caller's number, with a way back to picking one by hand. */
function CallerHouse({ binding, onClear }: { binding: IBinding; onClear(): void; value?: number }) {
  return (
    <Space>
      <Tag color="blue" style={{ fontSize: 14, padding: '2px 8px' }}>
        {binding.houseLabel}
      </Tag>
      <Typography.Text type="secondary">
        {binding.name}（{relationLabel(binding.relation)}）
      </Typography.Text>
      <Button type="link" size="small" onClick={onClear}>
        手动选择其他房屋
      </Button>
    </Space>
  );
}

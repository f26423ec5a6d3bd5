import { RATING_DIMENSIONS, RATING_LABELS, URGENCY_LABELS, type IServiceCategory, type ITechnicianProfile, type ITicket } from '@app/shared';
import { Alert, App, Checkbox, Form, Input, Modal, Radio, Rate, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { listTechnicians, technicianWorkload } from '../../api/technicians';
import { ticketAction } from '../../api/tickets';
import { useAsync } from '../../lib/use-async';
import { categoryLabel, categoryOptions, techFits, useProjectCategories } from './categories';
import { actionLabel, actionPath, buildActionBody, conflictMessage, rankTechnicians, type ActionFormValues, type ConsoleAction } from './ticket-logic';

const URGENCY_OPTIONS = (['normal', 'emergency'] as const).map((value) => ({ value, label: URGENCY_LABELS[value] }));

export interface ActionModalProps {
  ticket: ITicket;
  action: ConsoleAction;
  onClose(): void;
  onDone(updated: ITicket): void;
  /** The ticket moved on under us (409): the caller reloads it. */
  onConflict(): void;
}

export function TicketActionModal({ ticket, action, onClose, onDone, onConflict }: ActionModalProps) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ActionFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: ActionFormValues) {
    const built = buildActionBody(action, ticket, values);
    if (!built.ok) {
      form.setFields([{ name: built.field, errors: [built.message] }]);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const updated = await ticketAction(ticket.id, actionPath(action), built.body);
      message.success(`${ticket.serial} 已${actionLabel(action)}`);
      onDone(updated);
    } catch (err) {
      setSaving(false);
      const conflict = conflictMessage(err);
      if (conflict) {
        modal.warning({ title: '工单状态已变化', content: conflict });
        onConflict();
        return;
      }
      setError(describeError(err));
    }
  }

  const danger = action === 'cancel' || action === 'damage';
  return (
    <Modal
      open
      title={`${actionLabel(action)} · ${ticket.serial}`}
      okText={`确认${actionLabel(action)}`}
      okButtonProps={{ danger }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="action-modal"
    >
      <Typography.Paragraph type="secondary">{ticket.houseLabel ?? '公共区域'} · {ticket.description}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="action-error" /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        // Errors set by buildActionBody are not tied to rules, so clear them once the field changes.
        onValuesChange={(changed) => {
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof ActionFormValues, errors: [] })));
          // An override belongs to one technician choice; a new choice starts without it.
          if ('technicianId' in changed) form.setFieldsValue({ override: false, overrideReason: undefined });
        }}
        initialValues={{ category: ticket.category, urgency: ticket.urgency }}>
        <ActionFields ticket={ticket} action={action} />
      </Form>
    </Modal>
  );
}

function ActionFields({ ticket, action }: { ticket: ITicket; action: ConsoleAction }) {
  const categories = useProjectCategories(ticket.projectId);
  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }, { max: 200, message: '不能超过 200 字' }];
  switch (action) {
    case 'register':
      return (
        <>
          {ticket.kind === 'repair' || ticket.kind === 'service' ? (
            <Form.Item name="category" label="类别（可更正）">
              <Select loading={categories.loading} options={categoryOptions(categories.data ?? [])} />
            </Form.Item>
          ) : null}
          <Form.Item name="urgency" label="紧急程度">
            <Radio.Group options={URGENCY_OPTIONS} />
          </Form.Item>
          {ticket.paid ? (
            <Form.Item name="priceExplained" valuePropName="checked" extra="收费工单受理前须向业主说明适用的收费标准，业主知悉后勾选。">
              <Checkbox data-testid="price-explained">已向业主说明收费标准</Checkbox>
            </Form.Item>
          ) : null}
        </>
      );
    case 'dispatch':
    case 'transfer':
      return (
        <>
          <TechnicianField
            projectId={ticket.projectId}
            rule={categories.data?.find((c) => c.code === ticket.category)}
            categoryText={categoryLabel(ticket.category, categories.data ?? [])}
            exclude={action === 'transfer' ? ticket.technician?.userId : undefined}
          />
          {action === 'transfer' ? <Form.Item name="reason" label="转单原因" rules={required('请填写转单原因')}><Input.TextArea rows={2} maxLength={200} /></Form.Item> : null}
        </>
      );
    case 'hold':
      return <Form.Item name="reason" label="挂起原因" rules={required('请填写挂起原因')} extra="挂起期间工单冻结，时限暂停。"><Input.TextArea rows={2} maxLength={200} placeholder="例如：业主出差，约定下周上门" /></Form.Item>;
    case 'cancel':
      return <Form.Item name="reason" label="取消原因" rules={required('请填写取消原因')}><Input.TextArea rows={2} maxLength={200} /></Form.Item>;
    case 'request_rework':
      return <Form.Item name="reason" label="返修原因" rules={required('请填写返修原因')} extra="第二次返修将升级至项目经理。"><Input.TextArea rows={2} maxLength={200} /></Form.Item>;
    case 'reply':
      return <Form.Item name="reply" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]} extra="答复后工单完结，业主可在小程序查看。"><Input.TextArea rows={4} maxLength={500} showCount /></Form.Item>;
    case 'return_visit':
      return (
        <>
          <Form.Item name="satisfied" label="业主评价" rules={[{ required: true, message: '请选择满意或不满意' }]} extra="不满意将生成整改任务。">
            <Radio.Group options={[{ value: true, label: '满意' }, { value: false, label: '不满意' }]} />
          </Form.Item>
          <Form.Item name="result" label="回访结果" rules={required('请填写回访结果')}><Input.TextArea rows={3} maxLength={200} /></Form.Item>
        </>
      );
    case 'verify':
      return (
        <>
          <Typography.Paragraph>公共区域维修由客户经理验收；如由楼栋代表到场验收，请记录其姓名和关系。评分无默认值，请逐项选择。</Typography.Paragraph>
          {RATING_DIMENSIONS.map((d) => <Form.Item key={d} name={d} label={RATING_LABELS[d]}><Rate data-testid={`rate-${d}`} /></Form.Item>)}
          <Form.Item name="comment" label="验收意见（选填）" rules={[{ max: 500, message: '不能超过 500 字' }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          <Space size="middle" align="start">
            <Form.Item name="representativeName" label="楼栋代表姓名（选填）" rules={[{ max: 32, message: '不能超过 32 字' }]}><Input maxLength={32} placeholder="如 何阿姨" /></Form.Item>
            <Form.Item name="representativeRelation" label="与本楼关系" rules={[{ max: 20, message: '不能超过 20 字' }]}><Input maxLength={20} placeholder="如 楼长、业委会委员" /></Form.Item>
          </Space>
        </>
      );
    case 'damage':
      return (
        <>
          <Form.Item name="description" label="损坏情况" rules={required('请填写损坏情况')}><Input.TextArea rows={3} maxLength={200} /></Form.Item>
          <Form.Item name="compensationYuan" label="赔偿金额（元）" rules={[{ required: true, message: '请填写金额' }]} extra="记入审计日志。"><Input prefix="¥" placeholder="如 120 或 120.50" inputMode="decimal" /></Form.Item>
        </>
      );
    default:
      return <Typography.Text>确认{actionLabel(action)}该工单？</Typography.Text>;
  }
}

function TechnicianField({ projectId, rule, categoryText, exclude }: { projectId: number; rule?: IServiceCategory; categoryText: string; exclude?: number }) {
  const techs = useAsync(() => listTechnicians(projectId), [projectId]);
  // Load figures help the choice but never block it: a failed read leaves the list as it was.
  const loads = useAsync(() => technicianWorkload(projectId).catch(() => []), [projectId]);
  const form = Form.useFormInstance<ActionFormValues>();
  const chosenId = Form.useWatch('technicianId', form);
  const override = Form.useWatch('override', form);
  const chosen = techs.data?.find((t) => t.userId === chosenId);
  // The server refuses a technician outside the category's skills unless the dispatcher overrides with a reason.
  const lacksSkill = chosen !== undefined && !techFits(rule, chosen.skills);
  const options = rankTechnicians((techs.data ?? []).filter((t: ITechnicianProfile) => t.userId !== exclude), rule, loads.data ?? [])
    .map((t) => ({
      value: t.userId,
      searchText: `${t.name}${t.skills.join('')}`,
      label: (
        <Space size={4}>
          <span>{t.name}</span>
          {t.onDuty ? <Tag color="green">在岗</Tag> : <Tag>休息</Tag>}
          {t.fits ? <Tag color="blue">对口</Tag> : null}
          {t.load ? <Tag color={t.load.full ? 'red' : t.load.openJobs ? 'gold' : 'default'} data-testid="tech-load">{t.load.text}</Tag> : null}
          <Typography.Text type="secondary">{t.skills.join('、')}</Typography.Text>
        </Space>
      ),
    }));
  return (
    <>
    <Form.Item name="technicianId" label="维修师傅" rules={[{ required: true, message: '请选择维修师傅' }]}>
      <Select
        showSearch={{ optionFilterProp: 'searchText' }}
        loading={techs.loading}
        placeholder="选择本项目的维修师傅"
        options={options}
        data-testid="technician-select"
        notFoundContent={techs.error ? describeError(techs.error) : '本项目暂无维修师傅'}
      />
    </Form.Item>
    {lacksSkill ? (
      <div data-testid="skill-override">
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            rule?.configured
              ? `${chosen.name} 没有「${categoryText}」所需技能（${rule.skills.join('、')}）`
              : `「${categoryText}」尚未设置所需技能，请先在「类别与技能」中设置`
          }
          description="建议改派对口的师傅。确需派给该师傅时，请勾选破例派单并填写原因，原因会记入工单记录和审计日志。"
        />
        <Form.Item name="override" valuePropName="checked">
          <Checkbox data-testid="override-check">破例派单</Checkbox>
        </Form.Item>
        {override ? (
          <Form.Item name="overrideReason" label="破例原因" rules={[{ required: true, whitespace: true, message: '请填写破例派单的原因' }, { max: 200, message: '不能超过 200 字' }]}>
            <Input.TextArea rows={2} maxLength={200} showCount placeholder="例如：水电师傅都在外，业主同意先派该师傅关阀止水" data-testid="override-reason" />
          </Form.Item>
        ) : null}
      </div>
    ) : null}
    </>
  );
}

import { COMPLAINT_CAUSES, type ComplaintCause, type IComplaintDetail, type IStaffMember } from '@app/shared';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { describeError, isApiError } from '../../api/api-error';
import { addNote, assignInvestigator, confirmForResident, recordContact, resolveComplaint } from '../../api/complaints';
import { PhotoUploader } from '../../components/PhotoUploader';
import { ACTION_LABELS, type ComplaintStaffAction } from './complaint-logic';

interface Values {
  investigatorId?: number;
  note?: string;
  resolution?: string;
  cause?: ComplaintCause;
  responsibleUserId?: number | null;
}

const INVESTIGATOR_ROLES = ['customer_manager', 'supervisor', 'project_manager', 'quality'];

/** One staff action on a complaint; a race (409) closes the modal and reloads the complaint. */
export function ComplaintActionModal(props: {
  complaint: IComplaintDetail;
  action: ComplaintStaffAction;
  staff: IStaffMember[];
  onClose(): void;
  onDone(): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [mediaIds, setMediaIds] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);
  const c = props.complaint;
  const version = c.version;
  const people = props.staff.map((s) => ({ value: s.userId, label: `${s.name}（${s.phoneMasked}）` }));

  async function submit(v: Values) {
    setSaving(true);
    try {
      if (props.action === 'assign') await assignInvestigator(c.id, { investigatorId: v.investigatorId!, version });
      if (props.action === 'contact') await recordContact(c.id, { note: v.note!.trim(), mediaIds, version });
      if (props.action === 'note') await addNote(c.id, { note: v.note!.trim(), mediaIds, version });
      if (props.action === 'resolve')
        await resolveComplaint(c.id, {
          resolution: v.resolution!.trim(),
          cause: v.cause!,
          responsibleUserId: v.responsibleUserId ?? null,
          version,
        });
      if (props.action === 'confirm') await confirmForResident(c.id);
      message.success(`${ACTION_LABELS[props.action]}已保存`);
      props.onDone();
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        message.warning(describeError(err));
        props.onDone();
      } else if (isApiError(err) && err.fieldErrors.length) {
        form.setFields(err.fieldErrors.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })));
      } else message.error(describeError(err));
    } finally {
      setSaving(false);
    }
  }

  const note = (label: string, placeholder: string) => (
    <Form.Item
      name="note"
      label={label}
      rules={[
        { required: true, whitespace: true, message: `请填写${label}` },
        { max: 1000, message: `${label}不能超过 1000 字` },
      ]}
    >
      <Input.TextArea rows={4} showCount maxLength={1000} placeholder={placeholder} />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={`${ACTION_LABELS[props.action]} · ${c.number}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      data-testid="complaint-action"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          investigatorId: c.investigatorId ?? undefined,
          cause: c.cause ?? undefined,
          responsibleUserId: c.responsibleUserId ?? undefined,
        }}
      >
        {props.action === 'assign' ? (
          <Form.Item name="investigatorId" label="调查人" rules={[{ required: true, message: '请选择调查人' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              placeholder="本项目的客服、主管、项目经理或品质人员"
              options={people.filter((p) =>
                props.staff.find((s) => s.userId === p.value)?.roles.some((r) => INVESTIGATOR_ROLES.includes(r)),
              )}
            />
          </Form.Item>
        ) : null}
        {props.action === 'contact' ? note('联系情况', '如：已电话联系业主，了解事情经过，约定明天上门') : null}
        {props.action === 'note' ? note('调查记录', '调查经过、证据说明') : null}
        {props.action === 'contact' || props.action === 'note' ? (
          <Form.Item label="证据照片（选填）">
            <PhotoUploader onChange={setMediaIds} />
          </Form.Item>
        ) : null}
        {props.action === 'resolve' ? (
          <>
            <Form.Item
              name="resolution"
              label="处理结果（业主可见）"
              rules={[
                { required: true, whitespace: true, message: '请填写处理结果' },
                { max: 1000, message: '处理结果不能超过 1000 字' },
              ]}
            >
              <Input.TextArea rows={4} showCount maxLength={1000} />
            </Form.Item>
            <Form.Item
              name="cause"
              label="原因（考核用，业主不可见）"
              rules={[{ required: true, message: '请选择原因' }]}
            >
              <Select options={Object.entries(COMPLAINT_CAUSES).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="responsibleUserId" label="责任人（考核用，选填）">
              <Select allowClear showSearch optionFilterProp="label" options={people} placeholder="选择责任员工" />
            </Form.Item>
          </>
        ) : null}
        {props.action === 'confirm' ? (
          <Typography.Paragraph>业主已通过电话等方式确认接受处理结果，投诉将完结。</Typography.Paragraph>
        ) : null}
      </Form>
    </Modal>
  );
}

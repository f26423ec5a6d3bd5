import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyVacancy } from '../../api/billing';
import { describeError } from '../../api/api-error';
import { useSelectedProject } from '../../layout/PageGuard';
import { HouseSelect } from './HouseSelect';
import { VacanciesView } from './VacanciesPage';

export default function VacancyApplyPage() {
  const project = useSelectedProject();
  const [open, setOpen] = useState<null | (() => void)>(null);
  return (
    <>
      <VacanciesView
        key={project.id}
        mode="apply"
        applyButton={(reload) => (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen(() => reload)}
            style={{ marginRight: 8 }}
            data-testid="vacancy-apply-open"
          >
            代业主申请
          </Button>
        )}
      />
      {open ? (
        <ApplyModal
          projectId={project.id}
          onClose={() => setOpen(null)}
          onDone={() => {
            open();
            setOpen(null);
          }}
        />
      ) : null}
    </>
  );
}

interface ApplyForm {
  houseId: number;
  months: [Dayjs, Dayjs];
  reason: string;
}

/** The same rules as the resident's own application: whole months, not yet billed, reviewed by the project manager. */
function ApplyModal({ projectId, onClose, onDone }: { projectId: number; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ApplyForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: ApplyForm) {
    setSaving(true);
    setError(null);
    try {
      const [from, to] = values.months;
      await applyVacancy({
        houseId: values.houseId,
        fromPeriod: from.format('YYYY-MM'),
        toPeriod: to.format('YYYY-MM'),
        reason: values.reason.trim(),
      });
      message.success('已提交，等待项目经理审批');
      onDone();
    } catch (err) {
      setError(describeError(err, '提交失败'));
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title="代业主申请空置房优惠"
      okText="提交申请"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="houseId" label="房屋" rules={[{ required: true, message: '请选择房屋' }]}>
          <HouseSelect projectId={projectId} />
        </Form.Item>
        <Form.Item name="months" label="空置月份" rules={[{ required: true, message: '请选择空置的起止月份' }]}>
          <DatePicker.RangePicker picker="month" placeholder={['起始月份', '结束月份']} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="原因"
          rules={[{ required: true, whitespace: true, message: '请填写空置原因' }, { max: 200 }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="例如：业主长期在外地工作，房屋无人居住" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

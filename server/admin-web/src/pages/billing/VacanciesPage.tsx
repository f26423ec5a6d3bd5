import { ReloadOutlined } from '@ant-design/icons';
import { VACANCY_STATUS_LABELS, VacancyStatus, type IVacancyApplication } from '@app/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Segmented,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { decideVacancy, listVacancies } from '../../api/billing';
import { describeError } from '../../api/api-error';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';

const STATUS_COLORS: Record<VacancyStatus, string> = { pending: 'gold', approved: 'green', rejected: 'default' };
type Filter = VacancyStatus | 'all';

export default function VacanciesPage() {
  const project = useSelectedProject();
  return <VacanciesView key={project.id} mode="approve" />;
}

type Mode = 'approve' | 'apply';

const HEADINGS: Record<Mode, { title: string; description: string }> = {
  approve: {
    title: '空置审批',
    description: '批准后，所申请月份的账单会出现一行「空置房优惠」（物业服务费按比例减免）；已发布的月份不受影响。',
  },
  apply: { title: '空置申请', description: '业主无法自行在小程序申请时，可代为提交空置房优惠申请，由项目经理审批。' },
};

/**
 * 空置审批 (mode approve): the project manager approves or rejects vacancy-discount applications, with a note.
 * 空置申请 (mode apply): the customer manager or finance applies on a resident's behalf and follows the result.
 */
export function VacanciesView({ mode, applyButton }: { mode: Mode; applyButton?: (reload: () => void) => ReactNode }) {
  const project = useSelectedProject();
  const [filter, setFilter] = useState<Filter>(mode === 'approve' ? VacancyStatus.Pending : 'all');
  const list = useAsync(() => listVacancies(project.id, filter === 'all' ? undefined : filter), [project.id, filter]);
  const [deciding, setDeciding] = useState<{ application: IVacancyApplication; approve: boolean } | null>(null);

  const columns: TableColumnsType<IVacancyApplication> = [
    { title: '房屋', dataIndex: 'houseLabel', width: 150 },
    {
      title: '空置月份',
      key: 'months',
      width: 180,
      render: (_, a) => (a.fromPeriod === a.toPeriod ? a.fromPeriod : `${a.fromPeriod} 至 ${a.toPeriod}`),
    },
    { title: '物业费优惠', dataIndex: 'discountPercent', width: 110, render: (v: number) => `${v}%` },
    { title: '原因', dataIndex: 'reason' },
    { title: '申请时间', dataIndex: 'appliedAt', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: '状态',
      key: 'status',
      width: 200,
      render: (_, a) => (
        <>
          <Tag color={STATUS_COLORS[a.status]}>{VACANCY_STATUS_LABELS[a.status]}</Tag>
          {a.decisionNote ? <Typography.Text type="secondary">{a.decisionNote}</Typography.Text> : null}
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, a) =>
        mode === 'approve' && a.status === VacancyStatus.Pending ? (
          <>
            <Button
              size="small"
              type="primary"
              onClick={() => setDeciding({ application: a, approve: true })}
              style={{ marginRight: 8 }}
            >
              批准
            </Button>
            <Button size="small" danger onClick={() => setDeciding({ application: a, approve: false })}>
              驳回
            </Button>
          </>
        ) : null,
    },
  ];

  const shown = mode === 'approve' ? columns : columns.filter((c) => c.key !== 'actions');

  return (
    <div className="page" data-testid={mode === 'approve' ? 'vacancies-page' : 'vacancy-apply-page'}>
      <PageHeader
        title={HEADINGS[mode].title}
        description={`${project.name} · ${HEADINGS[mode].description}`}
        extra={
          <>
            {applyButton?.(list.reload)}
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              刷新
            </Button>
          </>
        }
      />
      <Card variant="borderless">
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          style={{ marginBottom: 16 }}
          options={[
            { value: 'pending', label: '待审批' },
            { value: 'approved', label: '已批准' },
            { value: 'rejected', label: '已驳回' },
            { value: 'all', label: '全部' },
          ]}
        />
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} title="空置申请加载失败" />
        ) : (
          <Table<IVacancyApplication>
            rowKey="id"
            size="middle"
            columns={shown}
            dataSource={list.data ?? []}
            loading={list.loading}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{
              emptyText: list.loading ? (
                ' '
              ) : (
                <Empty description={filter === 'pending' ? '没有待审批的空置申请' : '暂无空置申请'} />
              ),
            }}
          />
        )}
      </Card>
      {deciding ? (
        <DecideModal
          {...deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            list.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function DecideModal({
  application,
  approve,
  onClose,
  onDone,
}: {
  application: IVacancyApplication;
  approve: boolean;
  onClose(): void;
  onDone(): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ note }: { note?: string }) {
    setSaving(true);
    setError(null);
    try {
      await decideVacancy(application.id, approve, note?.trim() || undefined);
      message.success(approve ? '已批准' : '已驳回');
      onDone();
    } catch (err) {
      setError(describeError(err, '操作失败'));
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`${approve ? '批准' : '驳回'}空置申请 · ${application.houseLabel}`}
      okText={approve ? '确认批准' : '确认驳回'}
      okButtonProps={{ danger: !approve }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        {application.fromPeriod} 至 {application.toPeriod}，物业服务费优惠 {application.discountPercent}%。原因：
        {application.reason}
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="note"
          label="审批意见"
          rules={
            approve ? [{ max: 200 }] : [{ required: true, whitespace: true, message: '驳回须说明原因' }, { max: 200 }]
          }
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder={approve ? '可选' : '例如：现场核查有人居住'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { NotificationOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { formatFen, ReminderChannel, type IArrearsRow } from '@app/shared';
import {
  App,
  Alert,
  Button,
  Card,
  Empty,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { downloadReminderNotice, listArrears, saveBlob, sendReminders } from '../../api/billing';
import { describeError } from '../../api/api-error';
import { listBuildings } from '../../api/property';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';
import { AGE_OPTIONS, ageText, reminderOutcome } from './billing-logic';
import { ReminderLog } from './ReminderLog';

const PAGE_SIZE = 50;

export default function ArrearsPage() {
  const project = useSelectedProject();
  return <ArrearsView key={project.id} />;
}

/** 欠费催缴: houses owing on published bills, by building, unit and age; reminders in-app or on paper. */
function ArrearsView() {
  const project = useSelectedProject();
  const { message } = App.useApp();
  const [buildingId, setBuildingId] = useState<number | undefined>();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [minAgeMonths, setMinAge] = useState<number>(0);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState<'send' | 'print' | null>(null);
  const [logNonce, setLogNonce] = useState(0);
  const buildings = useAsync(() => listBuildings(project.id), [project.id]);
  const arrears = useAsync(
    () =>
      listArrears({
        projectId: project.id,
        buildingId,
        unitId,
        minAgeMonths: minAgeMonths || undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    [project.id, buildingId, unitId, minAgeMonths, page],
  );
  const units = buildings.data?.find((b) => b.id === buildingId)?.units ?? [];

  async function send() {
    setBusy('send');
    try {
      const sent = await sendReminders({ projectId: project.id, houseIds: selected, channel: ReminderChannel.InApp });
      // In-app reminders reach only houses with verified residents; the rest are left out, and the person is told.
      const missed = selected.length - sent.length;
      if (missed > 0) message.warning(reminderOutcome(sent.length, missed), 6);
      else message.success(reminderOutcome(sent.length, 0));
      setSelected([]);
      arrears.reload();
      setLogNonce((n) => n + 1);
    } catch (error) {
      message.error(describeError(error, '发送失败'));
    } finally {
      setBusy(null);
    }
  }

  async function print() {
    setBusy('print');
    try {
      saveBlob(await downloadReminderNotice(project.id, selected), `催缴通知单-${project.name}.pdf`);
      message.success(`已生成 ${selected.length} 户的催缴通知单，并记入催缴记录`);
      arrears.reload();
      setLogNonce((n) => n + 1);
    } catch (error) {
      message.error(describeError(error, '通知单生成失败'));
    } finally {
      setBusy(null);
    }
  }

  const columns: TableColumnsType<IArrearsRow> = [
    { title: '房屋', dataIndex: 'houseLabel', width: 160 },
    { title: '楼栋', dataIndex: 'buildingName', width: 100 },
    { title: '单元', dataIndex: 'unitName', width: 90 },
    {
      title: '欠费金额',
      dataIndex: 'owedFen',
      width: 130,
      align: 'right',
      render: (v: number) => (
        <span className="money" style={{ color: '#cf1322' }}>
          {formatFen(v)}
        </span>
      ),
    },
    { title: '欠费账单', dataIndex: 'billCount', width: 90, render: (v: number) => `${v} 期` },
    { title: '最早欠费', dataIndex: 'oldestPeriod', width: 100 },
    { title: '账龄', dataIndex: 'ageMonths', width: 100, render: (v: number) => ageText(v) },
    {
      title: '上次催缴',
      dataIndex: 'lastReminderAt',
      width: 160,
      render: (v: string | null) => (v ? formatDateTime(v) : '从未'),
    },
  ];

  const list = (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="全部楼栋"
          value={buildingId}
          onChange={(v) => {
            setBuildingId(v);
            setUnitId(undefined);
            setPage(1);
          }}
          style={{ width: 140 }}
          options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          aria-label="楼栋"
        />
        <Select
          allowClear
          placeholder="全部单元"
          disabled={!buildingId}
          value={unitId}
          onChange={(v) => {
            setUnitId(v);
            setPage(1);
          }}
          style={{ width: 120 }}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
          aria-label="单元"
        />
        <Select
          value={minAgeMonths}
          onChange={(v) => {
            setMinAge(v);
            setPage(1);
          }}
          style={{ width: 140 }}
          options={AGE_OPTIONS.map((o) => ({ value: o.value, label: o.label }))}
          aria-label="账龄"
        />
        <Typography.Text type="secondary">已选 {selected.length} 户</Typography.Text>
        <Popconfirm
          title={`向所选 ${selected.length} 户发送站内催缴提醒？`}
          description="业主和已认证住户会在小程序消息中收到欠费金额与缴费方式。"
          okText="发送"
          cancelText="取消"
          disabled={selected.length === 0}
          onConfirm={send}
        >
          <Button
            type="primary"
            icon={<NotificationOutlined />}
            disabled={selected.length === 0}
            loading={busy === 'send'}
          >
            发送催缴提醒
          </Button>
        </Popconfirm>
        <Button icon={<PrinterOutlined />} disabled={selected.length === 0} loading={busy === 'print'} onClick={print}>
          打印催缴通知单
        </Button>
      </Space>
      {arrears.error && !arrears.data ? (
        <ErrorState error={arrears.error} onRetry={arrears.reload} title="欠费加载失败" />
      ) : (
        <Table<IArrearsRow>
          rowKey="houseId"
          size="middle"
          columns={columns}
          dataSource={arrears.data?.items ?? []}
          loading={arrears.loading}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as number[]),
            preserveSelectedRowKeys: true,
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: arrears.data?.total ?? 0,
            onChange: setPage,
            showTotal: (t) => `共 ${t} 户`,
            hideOnSinglePage: true,
          }}
          locale={{ emptyText: arrears.loading ? ' ' : <Empty description="没有欠费的房屋" /> }}
          data-testid="arrears-table"
        />
      )}
    </>
  );

  return (
    <div className="page" data-testid="arrears-page">
      <PageHeader
        title="欠费催缴"
        description={`${project.name} · 已发布账单中未缴清的房屋。`}
        extra={
          <Button icon={<ReloadOutlined />} onClick={arrears.reload}>
            刷新
          </Button>
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="催缴只能通过提醒、通知与协商进行"
        description="依据《民法典》第九百四十四条，不得以停止供电、供水、供热、供燃气或拒绝报修等方式催交物业费。欠费房屋的报修照常受理。"
      />
      <Card variant="borderless">
        <Tabs
          items={[
            { key: 'list', label: '欠费房屋', children: list },
            { key: 'log', label: '催缴记录', children: <ReminderLog projectId={project.id} nonce={logNonce} /> },
          ]}
        />
      </Card>
    </div>
  );
}

import { PrinterOutlined } from '@ant-design/icons';
import { ErrorCode, formatFen, type IFeeItem } from '@app/shared';
import {
  Button,
  Card,
  Col,
  Empty,
  Input,
  Result,
  Row,
  Skeleton,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/api-error';
import { feeSchedulePosterUrl, getPublicFeeSchedule } from '../../api/catalog';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';
import { QuotePanel } from './QuotePanel';
import { idColumn } from '../../components/id-column';

const columns: TableColumnsType<IFeeItem> = [
  idColumn('编码', 'code', { width: 90 }),
  { title: '服务项目', dataIndex: 'name', width: 170 },
  {
    title: '收费标准',
    key: 'price',
    width: 120,
    render: (_, i) => (
      <span>
        <span className="money">{formatFen(i.labourPriceFen)}</span>/{i.unit}
      </span>
    ),
  },
  {
    title: '上门费',
    key: 'callOut',
    width: 80,
    render: (_, i) =>
      i.callOutFeeFen ? formatFen(i.callOutFeeFen) : <Typography.Text type="secondary">—</Typography.Text>,
  },
  {
    title: '材料',
    key: 'materials',
    width: 90,
    render: (_, i) => (i.materialsExtra ? <Tag color="orange">材料另计</Tag> : <Tag>含材料</Tag>),
  },
  { title: '服务标准', dataIndex: 'serviceStandard' },
];

export default function FeeSchedulePage() {
  const project = useSelectedProject();
  return <FeeScheduleView key={project.id} />;
}

/** 收费标准公示 as residents see it for the selected project, plus the poster and a quote calculator. */
function FeeScheduleView() {
  const project = useSelectedProject();
  const [q, setQ] = useState('');
  const schedule = useAsync(() => getPublicFeeSchedule(project.id, q || undefined), [project.id, q]);
  // The quote panel needs every item, not just the ones matching the search box.
  const full = useAsync(() => getPublicFeeSchedule(project.id), [project.id]);
  const noSchedule =
    isApiError(schedule.error, ErrorCode.NoScheduleInForce) ||
    (isApiError(schedule.error) && schedule.error.status === 404);

  return (
    <div className="page" data-testid="fee-schedule-page">
      <PageHeader
        title="收费标准公示"
        description={`${project.name} · 住户在小程序和服务中心看到的特约服务项目及收费标准（当前执行版本）。`}
        extra={
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            href={feeSchedulePosterUrl(project.id)}
            target="_blank"
            rel="noopener"
            data-testid="poster-link"
          >
            打印公示海报
          </Button>
        }
      />
      <Row gutter={16} align="top">
        <Col xs={24} xl={16}>
          <Card variant="borderless">
            {noSchedule ? (
              <Result
                status="info"
                title="本项目暂无执行中的收费标准"
                subTitle="价目表发布后，这里将显示住户看到的公示内容。"
              />
            ) : schedule.error && !schedule.data ? (
              <ErrorState error={schedule.error} onRetry={schedule.reload} title="收费标准加载失败" />
            ) : !schedule.data ? (
              <Skeleton active paragraph={{ rows: 12 }} />
            ) : (
              <>
                <div className="schedule-head" data-testid="schedule-head">
                  <div>
                    <Typography.Title level={4} style={{ margin: 0 }}>
                      {schedule.data.title}
                    </Typography.Title>
                    <Typography.Text type="secondary">
                      {schedule.data.companyName} · V{schedule.data.versionNo} ·{' '}
                      {formatDateTime(schedule.data.effectiveFrom)} 起执行
                    </Typography.Text>
                  </div>
                  <Input.Search
                    allowClear
                    placeholder="搜索服务项目，如 水龙头"
                    style={{ width: 260 }}
                    onSearch={(value) => setQ(value.trim())}
                    data-testid="schedule-search"
                  />
                </div>
                {schedule.data.categories.length === 0 ? <Empty description="没有匹配的服务项目" /> : null}
                {schedule.data.categories.map((c) => (
                  <section key={c.code} className="schedule-category">
                    <h3>
                      {c.name}
                      <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 13 }}>
                        {' '}
                        · {c.items.length} 项
                      </Typography.Text>
                    </h3>
                    <Table<IFeeItem>
                      rowKey="code"
                      size="small"
                      tableLayout="fixed"
                      columns={columns}
                      dataSource={c.items}
                      pagination={false}
                    />
                  </section>
                ))}
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8} style={{ position: 'sticky', top: 16 }}>
          <QuotePanel projectId={project.id} schedule={full.data} />
        </Col>
      </Row>
    </div>
  );
}

import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { SLA_DEADLINE_LABELS, addMonths, rateBpText, shanghaiMonth, type SlaDeadlineKind } from '@app/shared';
import { Alert, App, Button, Card, Col, Empty, Row, Select, Skeleton, Space, Statistic } from 'antd';
import { useMemo, useState } from 'react';
import { describeError } from '../../api/api-error';
import { saveBlob } from '../../api/billing';
import { downloadSlaReport, getSlaReport } from '../../api/sla';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { useProjectCategories } from '../tickets/categories';
import { TicketDetailDrawer } from '../tickets/TicketDetailDrawer';
import { averageText, isEmptyReport, periodRangeText, rangeProblem, totalBreaches } from './sla-logic';
import { SlaRateChart } from './SlaRateChart';
import { BreachTable, CategoryTable, TechnicianTable } from './SlaReportTables';

export default function SlaReportPage() {
  const project = useSelectedProject();
  return <SlaReportView key={project.id} projectId={project.id} projectName={project.name} />;
}

const KINDS: readonly SlaDeadlineKind[] = ['respond', 'on_site', 'resolve', 'return_visit'];

/** 时效报表 (docs/sla.md): on-time rates and missed deadlines of the tickets reported in the chosen months. */
function SlaReportView({ projectId, projectName }: { projectId: number; projectName: string }) {
  const thisMonth = useMemo(() => shanghaiMonth(new Date()), []);
  const months = useMemo(() => Array.from({ length: 24 }, (_, i) => addMonths(thisMonth, -i)), [thisMonth]);
  const [from, setFrom] = useState(thisMonth);
  const [to, setTo] = useState(thisMonth);
  const [openId, setOpenId] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();
  useProjectCategories(projectId); // category names for the tables and the chart
  const problem = rangeProblem(from, to);
  const report = useAsync(
    () => (problem ? Promise.resolve(undefined) : getSlaReport(projectId, from, to)),
    [projectId, from, to, problem],
  );
  const data = report.data;
  async function exportXlsx() {
    setExporting(true);
    try {
      saveBlob(await downloadSlaReport(projectId, from, to), `时效报表-${from}至${to}.xlsx`);
    } catch (err) {
      message.error(describeError(err));
    } finally {
      setExporting(false);
    }
  }
  const monthOptions = months.map((m) => ({ value: m, label: `${m.slice(0, 4)}年${Number(m.slice(5))}月` }));

  return (
    <div className="page" data-testid="sla-report-page">
      <PageHeader
        title="时效报表"
        description={`${projectName} · 统计所选月份内报修的工单（不含已取消）：按时率 = 未发生任何超时的工单 ÷ 工单数；平均响应、平均完成按报修至接单、报修至完工的实际时长（含挂起）。`}
        extra={
          <Space>
            <Select
              value={from}
              onChange={setFrom}
              style={{ width: 130 }}
              options={monthOptions}
              aria-label="起始月份"
            />
            <span>至</span>
            <Select value={to} onChange={setTo} style={{ width: 130 }} options={monthOptions} aria-label="结束月份" />
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              disabled={!data || isEmptyReport(data)}
              onClick={exportXlsx}
            >
              导出 xlsx
            </Button>
            <Button icon={<ReloadOutlined />} onClick={report.reload}>
              刷新
            </Button>
          </Space>
        }
      />
      {problem ? (
        <Alert type="warning" showIcon title={problem} />
      ) : report.error && !data ? (
        <Card variant="borderless">
          <ErrorState error={report.error} onRetry={report.reload} title="时效报表加载失败" />
        </Card>
      ) : !data ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : isEmptyReport(data) ? (
        <Card variant="borderless">
          <Empty description={`${periodRangeText(from, to)} 没有报修工单`} />
        </Card>
      ) : (
        <>
          <Row gutter={16} data-testid="sla-summary">
            <Col span={4}>
              <Card size="small">
                <Statistic title="工单数" value={data.summary.tickets} />
              </Card>
            </Col>
            <Col span={4}>
              <Card size="small">
                <Statistic title="按时率" value={rateBpText(data.summary.onTimeRateBp)} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title="超时次数" value={totalBreaches(data.summary.breaches)} />
                <div className="sla-breach-kinds">
                  {KINDS.map((k) => `${SLA_DEADLINE_LABELS[k]} ${data.summary.breaches[k]}`).join(' · ')}
                </div>
              </Card>
            </Col>
            <Col span={5}>
              <Card size="small">
                <Statistic title="平均响应" value={averageText(data.summary.avgResponseMinutes)} />
              </Card>
            </Col>
            <Col span={5}>
              <Card size="small">
                <Statistic title="平均完成" value={averageText(data.summary.avgResolveMinutes)} />
              </Card>
            </Col>
          </Row>
          <Card variant="borderless" title="各类别按时率">
            <SlaRateChart rows={data.byCategory} />
          </Card>
          <Card variant="borderless" title="按类别与紧急程度">
            <CategoryTable rows={data.byCategory} />
          </Card>
          <Card variant="borderless" title="按维修师傅">
            <TechnicianTable rows={data.byTechnician} />
          </Card>
          <Card variant="borderless" title="超时工单">
            <BreachTable rows={data.breaches} total={data.summary.breaches} onOpen={setOpenId} />
          </Card>
        </>
      )}
      {openId !== null ? (
        <TicketDetailDrawer ticketId={openId} onClose={() => setOpenId(null)} onChanged={report.reload} />
      ) : null}
    </div>
  );
}

import { ReloadOutlined } from '@ant-design/icons';
import { TECHNICIAN_SKILLS, type ITechnicianProfile, type IUpdateTechnicianRequest } from '@app/shared';
import { App, Button, Card, Empty, InputNumber, Select, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { useRef, useState } from 'react';
import { describeError } from '../../api/api-error';
import { listBuildings } from '../../api/property';
import { listTechnicians, updateTechnician } from '../../api/technicians';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { applyPatch, replaceProfile, rollbackPatch } from './optimistic';

const SKILL_OPTIONS = TECHNICIAN_SKILLS.map((s) => ({ value: s, label: s }));
const MAX_OPEN_JOBS = 20;

export default function TechniciansPage() {
  const project = useSelectedProject();
  return <TechniciansView key={project.id} />;
}

function TechniciansView() {
  const project = useSelectedProject();
  const { message } = App.useApp();
  const technicians = useAsync(() => listTechnicians(project.id), [project.id]);
  const buildings = useAsync(() => listBuildings(project.id), [project.id]);
  // Saves in flight per technician: a stale success must not overwrite a newer optimistic edit.
  const inFlight = useRef(new Map<number, number>());

  async function change(tech: ITechnicianProfile, patch: IUpdateTechnicianRequest) {
    const { setData } = technicians;
    setData((list) => list && applyPatch(list, tech.userId, patch));
    inFlight.current.set(tech.userId, (inFlight.current.get(tech.userId) ?? 0) + 1);
    try {
      const saved = await updateTechnician(tech.userId, patch);
      if (inFlight.current.get(tech.userId) === 1) setData((list) => list && replaceProfile(list, saved));
    } catch (error) {
      setData((list) => list && rollbackPatch(list, tech, patch));
      message.error(`${tech.name}：${describeError(error, '保存失败，已恢复原值')}`);
    } finally {
      inFlight.current.set(tech.userId, (inFlight.current.get(tech.userId) ?? 1) - 1);
    }
  }

  const buildingOptions = (buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }));

  const columns: TableColumnsType<ITechnicianProfile> = [
    {
      title: '师傅',
      key: 'name',
      width: 150,
      render: (_, t) => (
        <div>
          <div>{t.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.phoneMasked}
          </Typography.Text>
        </div>
      ),
    },
    { title: '部门', dataIndex: 'department', width: 110 },
    {
      title: '技能',
      key: 'skills',
      render: (_, t) => (
        <Select
          mode="multiple"
          aria-label={`${t.name} 的技能`}
          style={{ width: '100%', minWidth: 200 }}
          options={SKILL_OPTIONS}
          value={t.skills}
          placeholder="未设置技能"
          onChange={(skills: string[]) => change(t, { skills })}
        />
      ),
    },
    {
      title: '负责楼栋',
      key: 'buildings',
      render: (_, t) => (
        <Select
          mode="multiple"
          aria-label={`${t.name} 负责的楼栋`}
          style={{ width: '100%', minWidth: 200 }}
          maxTagCount="responsive"
          options={buildingOptions}
          loading={buildings.loading}
          value={t.buildingIds}
          placeholder="全部楼栋均可派单"
          optionFilterProp="label"
          onChange={(buildingIds: number[]) => change(t, { buildingIds })}
        />
      ),
    },
    {
      title: '在岗',
      key: 'onDuty',
      width: 100,
      render: (_, t) => (
        <Switch
          checked={t.onDuty}
          checkedChildren="在岗"
          unCheckedChildren="休息"
          aria-label={`${t.name} 在岗`}
          onChange={(onDuty) => change(t, { onDuty })}
        />
      ),
    },
    {
      title: '最多同时接单',
      key: 'maxOpenJobs',
      width: 140,
      render: (_, t) => <MaxJobsInput value={t.maxOpenJobs} onCommit={(maxOpenJobs) => change(t, { maxOpenJobs })} />,
    },
  ];

  const onDuty = technicians.data?.filter((t) => t.onDuty).length ?? 0;

  return (
    <div className="page" data-testid="technicians-page">
      <PageHeader
        title="维修师傅"
        description={
          technicians.data
            ? `${project.name} 共 ${technicians.data.length} 位师傅，${onDuty} 位在岗。修改即时保存，派单按技能、楼栋与接单上限匹配。`
            : `${project.name} · 派单按技能、楼栋与接单上限匹配。`
        }
        extra={
          <Button icon={<ReloadOutlined />} onClick={technicians.reload}>
            刷新
          </Button>
        }
      />
      <Card variant="borderless">
        {technicians.error && !technicians.data ? (
          <ErrorState error={technicians.error} onRetry={technicians.reload} title="师傅名单加载失败" />
        ) : (
          <Table<ITechnicianProfile>
            rowKey="userId"
            size="middle"
            columns={columns}
            dataSource={technicians.data ?? []}
            loading={technicians.loading && !technicians.data}
            pagination={false}
            locale={{
              emptyText: technicians.loading ? ' ' : <Empty description="本项目还没有维修师傅账号，请联系管理员开通" />,
            }}
          />
        )}
      </Card>
    </div>
  );
}

/** Commits on blur or Enter, so typing "12" does not save "1" first. */
function MaxJobsInput({ value, onCommit }: { value: number; onCommit(value: number): void }) {
  const [draft, setDraft] = useState<number | null>(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  function commit() {
    if (draft === null || draft === value) {
      setDraft(value);
      return;
    }
    onCommit(draft);
  }
  return (
    <InputNumber
      min={1}
      max={MAX_OPEN_JOBS}
      precision={0}
      value={draft}
      onChange={(v) => setDraft(v)}
      onBlur={commit}
      onPressEnter={commit}
      style={{ width: 96 }}
    />
  );
}

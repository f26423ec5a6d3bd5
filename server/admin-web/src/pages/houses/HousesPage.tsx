import { UploadOutlined } from '@ant-design/icons';
import { formatArea, HOUSE_TYPE_LABELS, Permission, roleCan, type IHouse } from '@app/shared';
import { Button, Card, Cascader, Empty, Input, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { listBuildings, listHouses } from '../../api/property';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useProject } from '../../layout/project-context';
import { useAsync } from '../../lib/use-async';
import { HouseDetailDrawer } from './HouseDetailDrawer';
import { HouseImportModal } from './HouseImportModal';

const TYPE_COLORS: Record<string, string> = {
  residential: 'blue',
  shop: 'gold',
  office: 'purple',
  parking: 'default',
  storage: 'cyan',
};

const columns: TableColumnsType<IHouse> = [
  {
    title: '房屋',
    dataIndex: 'label',
    render: (label: string) => <Typography.Link>{label}</Typography.Link>,
  },
  { title: '楼栋', dataIndex: 'buildingName', width: 120 },
  { title: '单元', dataIndex: 'unitName', width: 120 },
  { title: '楼层', dataIndex: 'floor', width: 90, align: 'right', render: (floor: number | null) => floor ?? '—' },
  {
    title: '建筑面积',
    dataIndex: 'areaHundredths',
    width: 140,
    align: 'right',
    render: (area: number) => formatArea(area),
  },
  {
    title: '类型',
    dataIndex: 'type',
    width: 110,
    render: (type: IHouse['type']) => <Tag color={TYPE_COLORS[type]}>{HOUSE_TYPE_LABELS[type] ?? type}</Tag>,
  },
  { title: '计费起始日', dataIndex: 'billingStartDate', width: 120, render: (date: string | null) => date ?? '—' },
];

export default function HousesPage() {
  const project = useSelectedProject();
  // Filters belong to one project: switching project starts afresh.
  return <HousesView key={project.id} />;
}

function HousesView() {
  const project = useSelectedProject();
  const { roles } = useProject();
  const [location, setLocation] = useState<number[]>([]);
  const [searchText, setSearchText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [openHouseId, setOpenHouseId] = useState<number | null>(null);
  const [importOpen, setImportOpen] = useState(false);

  const [buildingId, unitId] = location;
  const buildings = useAsync(() => listBuildings(project.id), [project.id]);
  const houses = useAsync(
    () => listHouses(project.id, { buildingId, unitId, q: q || undefined, page, pageSize }),
    [project.id, buildingId, unitId, q, page, pageSize],
  );

  const cascaderOptions = useMemo(
    () =>
      (buildings.data ?? []).map((b) => ({
        value: b.id,
        label: b.name,
        children: b.units.map((u) => ({ value: u.id, label: u.name })),
      })),
    [buildings.data],
  );
  const filtered = Boolean(buildingId || q);

  return (
    <div className="page" data-testid="houses-page">
      <PageHeader
        title="房屋档案"
        description={`${project.name} 共 ${project.houseCount} 户。点击房屋查看已认证住户与专属客户经理。`}
        extra={
          roleCan(roles, Permission.HouseEdit) ? (
            <Button type="primary" icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              导入房屋
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        <div className="toolbar" style={{ marginBottom: 16 }}>
          <Cascader
            style={{ width: 240 }}
            options={cascaderOptions}
            value={location}
            loading={buildings.loading}
            changeOnSelect
            allowClear
            placeholder={buildings.error ? '楼栋加载失败' : '全部楼栋 / 单元'}
            onChange={(value) => {
              setLocation((value as number[] | undefined) ?? []);
              setPage(1);
            }}
          />
          <Input.Search
            style={{ width: 280 }}
            placeholder="搜索房号，如 1201"
            allowClear
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
          />
          {filtered ? (
            <Button
              type="link"
              onClick={() => {
                setLocation([]);
                setSearchText('');
                setQ('');
                setPage(1);
              }}
            >
              清除筛选
            </Button>
          ) : null}
        </div>
        {houses.error && !houses.data ? (
          <ErrorState error={houses.error} onRetry={houses.reload} title="房屋列表加载失败" />
        ) : (
          <Table<IHouse>
            data-testid="houses-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={houses.data?.items ?? []}
            loading={houses.loading}
            rowClassName={() => 'clickable-row'}
            onRow={(house) => ({ onClick: () => setOpenHouseId(house.id) })}
            locale={{
              emptyText: houses.loading ? (
                ' '
              ) : (
                <Empty
                  description={
                    filtered
                      ? '没有符合条件的房屋，换个楼栋或关键词试试'
                      : '本项目还没有房屋档案，可点击右上角“导入房屋”批量建档'
                  }
                />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: houses.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => `共 ${total} 户`,
              onChange: (nextPage, nextSize) => {
                setPage(nextSize !== pageSize ? 1 : nextPage);
                setPageSize(nextSize);
              },
            }}
          />
        )}
      </Card>
      <HouseDetailDrawer
        houseId={openHouseId}
        canEdit={roleCan(roles, Permission.HouseEdit)}
        onClose={() => setOpenHouseId(null)}
      />
      <HouseImportModal
        open={importOpen}
        projectId={project.id}
        projectName={project.name}
        onClose={() => setImportOpen(false)}
        onImported={() => {
          houses.reload();
          buildings.reload();
        }}
      />
    </div>
  );
}

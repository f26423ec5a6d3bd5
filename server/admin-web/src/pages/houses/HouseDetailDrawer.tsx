import { BINDING_RELATION_LABELS, formatArea, HOUSE_TYPE_LABELS, type IBinding } from '@app/shared';
import { Descriptions, Drawer, Empty, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { getHouse } from '../../api/property';
import { ErrorState } from '../../components/ErrorState';
import { BindingStatusTag } from '../../components/BindingStatusTag';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { BillingStartField } from './BillingStartField';

const bindingColumns: TableColumnsType<IBinding> = [
  { title: '姓名', dataIndex: 'name' },
  { title: '关系', dataIndex: 'relation', render: (r: IBinding['relation']) => BINDING_RELATION_LABELS[r] ?? r },
  { title: '手机号', dataIndex: 'phoneMasked' },
  { title: '状态', dataIndex: 'status', render: (s: IBinding['status']) => <BindingStatusTag status={s} /> },
  { title: '申请时间', dataIndex: 'createdAt', render: (t: string) => formatDateTime(t) },
];

export function HouseDetailDrawer({
  houseId,
  canEdit,
  onClose,
}: {
  houseId: number | null;
  canEdit: boolean;
  onClose: () => void;
}) {
  const detail = useAsync(() => (houseId ? getHouse(houseId) : Promise.resolve(null)), [houseId]);
  const house = detail.data && detail.data.id === houseId ? detail.data : null;

  return (
    <Drawer
      open={houseId !== null}
      onClose={onClose}
      size={640}
      title={house ? house.label : '房屋详情'}
      destroyOnHidden
    >
      {detail.error ? <ErrorState error={detail.error} onRetry={detail.reload} title="房屋详情加载失败" /> : null}
      {!house && !detail.error ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {house ? (
        <div className="page" data-testid="house-detail">
          <Descriptions column={2} bordered size="small">
            <Descriptions.Item label="项目">{house.projectName}</Descriptions.Item>
            <Descriptions.Item label="房号">{house.label}</Descriptions.Item>
            <Descriptions.Item label="楼层">{house.floor ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="建筑面积">{formatArea(house.areaHundredths)}</Descriptions.Item>
            <Descriptions.Item label="类型">{HOUSE_TYPE_LABELS[house.type] ?? house.type}</Descriptions.Item>
            <Descriptions.Item label="专属客户经理">
              {house.customerManager ? (
                <span>
                  {house.customerManager.name}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                    {house.customerManager.phoneMasked}
                  </Typography.Text>
                </span>
              ) : (
                <Tag color="warning">未指派</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="计费起始日" span={2}>
              <BillingStartField
                key={house.id}
                houseId={house.id}
                value={house.billingStartDate}
                canEdit={canEdit}
                onSaved={(billingStartDate) => detail.setData({ ...house, billingStartDate })}
              />
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ margin: 0 }}>
            住户认证记录
          </Typography.Title>
          <Table<IBinding>
            rowKey="id"
            size="small"
            pagination={false}
            columns={bindingColumns}
            dataSource={house.bindings}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无住户申请认证此房屋" /> }}
          />
        </div>
      ) : null}
    </Drawer>
  );
}

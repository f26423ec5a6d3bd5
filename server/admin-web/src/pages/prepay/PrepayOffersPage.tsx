import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { PREPAY_OFFER_LIMITS, Permission, roleCan, type IPrepayOffer } from '@app/shared';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Switch,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { listPrepayOffers, upsertPrepayOffer } from '../../api/prepay';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useProject } from '../../layout/project-context';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';

export default function PrepayOffersPage() {
  const project = useSelectedProject();
  return <PrepayOffersView key={project.id} />;
}

/** 预存优惠: e.g. 预存 12 个月物业费送 1 个月; the bonus is credited as its own visible ledger line. */
function PrepayOffersView() {
  const project = useSelectedProject();
  const mayEdit = roleCan(useProject().roles, Permission.PrepayOfferEdit);
  const offers = useAsync(() => listPrepayOffers(project.id), [project.id]);
  const [editing, setEditing] = useState<{ offer: IPrepayOffer | null } | null>(null);

  const columns: TableColumnsType<IPrepayOffer> = [
    { title: '名称', dataIndex: 'name' },
    { title: '预存', dataIndex: 'payMonths', width: 100, render: (v: number) => `${v} 个月` },
    { title: '赠送', dataIndex: 'freeMonths', width: 100, render: (v: number) => `${v} 个月` },
    { title: '有效期', key: 'valid', width: 220, render: (_, o) => `${o.validFrom} 至 ${o.validTo ?? '长期'}` },
    {
      title: '状态',
      dataIndex: 'active',
      width: 90,
      render: (v: boolean) => (v ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    ...(mayEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_: unknown, o: IPrepayOffer) => (
              <Button size="small" onClick={() => setEditing({ offer: o })}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="page" data-testid="prepay-offers-page">
      <PageHeader
        title="预存优惠"
        description={`${project.name} · 住户按房屋当月物业服务费预存指定月数，赠送的月数作为「预存优惠」单独记入预存流水。`}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={offers.reload} style={{ marginRight: 8 }}>
              刷新
            </Button>
            {mayEdit ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ offer: null })}>
                新增优惠
              </Button>
            ) : null}
          </>
        }
      />
      <Card variant="borderless">
        {offers.error && !offers.data ? (
          <ErrorState error={offers.error} onRetry={offers.reload} title="预存优惠加载失败" />
        ) : (
          <Table<IPrepayOffer>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={offers.data ?? []}
            loading={offers.loading}
            pagination={false}
            locale={{ emptyText: offers.loading ? ' ' : <Empty description="还没有预存优惠" /> }}
          />
        )}
      </Card>
      {editing ? (
        <OfferModal
          projectId={project.id}
          offer={editing.offer}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            offers.reload();
          }}
        />
      ) : null}
    </div>
  );
}

interface OfferForm {
  name: string;
  payMonths: number;
  freeMonths: number;
  validFrom: Dayjs;
  validTo?: Dayjs | null;
  active: boolean;
}

function OfferModal({
  projectId,
  offer,
  onClose,
  onDone,
}: {
  projectId: number;
  offer: IPrepayOffer | null;
  onClose(): void;
  onDone(): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<OfferForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: OfferForm) {
    setSaving(true);
    setError(null);
    try {
      await upsertPrepayOffer({
        id: offer?.id,
        projectId,
        name: values.name.trim(),
        payMonths: values.payMonths,
        freeMonths: values.freeMonths,
        validFrom: values.validFrom.format('YYYY-MM-DD'),
        validTo: values.validTo ? values.validTo.format('YYYY-MM-DD') : null,
        active: values.active,
      });
      message.success('已保存');
      onDone();
    } catch (err) {
      setError(describeError(err, '保存失败'));
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={offer ? '编辑预存优惠' : '新增预存优惠'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          offer
            ? { ...offer, validFrom: dayjs(offer.validFrom), validTo: offer.validTo ? dayjs(offer.validTo) : null }
            : { payMonths: 12, freeMonths: 1, validFrom: dayjs(), active: true }
        }
      >
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请填写优惠名称' },
            { max: 40, message: '不能超过 40 个字符' },
          ]}
        >
          <Input placeholder="例如：预存12个月送1个月" maxLength={40} />
        </Form.Item>
        <Form.Item name="payMonths" label="预存月数" rules={[{ required: true, message: '请填写预存月数' }]}>
          <InputNumber
            min={1}
            max={PREPAY_OFFER_LIMITS.maxPayMonths}
            precision={0}
            addonAfter="个月"
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item name="freeMonths" label="赠送月数" rules={[{ required: true, message: '请填写赠送月数' }]}>
          <InputNumber
            min={0}
            max={PREPAY_OFFER_LIMITS.maxFreeMonths}
            precision={0}
            addonAfter="个月"
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item name="validFrom" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="validTo" label="结束日期（不填为长期）">
          <DatePicker allowClear />
        </Form.Item>
        <Form.Item name="active" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

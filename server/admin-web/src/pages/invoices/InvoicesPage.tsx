import { ReasonModal } from '../../components/ReasonModal';
import { ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { INVOICE_STATUS_LABELS, InvoiceStatus, formatFen, type IInvoiceRequest } from '@app/shared';
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
  Upload,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { newClientUploadId } from '../../api/media';
import { issueInvoice, listInvoiceRequests, rejectInvoice, uploadInvoicePdf } from '../../api/prepay';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useSelectedProject } from '../../layout/PageGuard';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/time';

const STATUS_COLORS: Record<InvoiceStatus, string> = { requested: 'gold', issued: 'green', rejected: 'default' };
type Filter = InvoiceStatus | 'all';
const PAGE_SIZE = 20;

export default function InvoicesPage() {
  const project = useSelectedProject();
  return <InvoicesView key={project.id} />;
}

/** 发票管理: finance issues residents' invoice requests (PDF and/or number) or rejects them with a reason. */
function InvoicesView() {
  const project = useSelectedProject();
  const [filter, setFilter] = useState<Filter>(InvoiceStatus.Requested);
  const [page, setPage] = useState(1);
  const list = useAsync(
    () => listInvoiceRequests(project.id, filter === 'all' ? undefined : filter, page, PAGE_SIZE),
    [project.id, filter, page],
  );
  const [acting, setActing] = useState<{ request: IInvoiceRequest; issue: boolean } | null>(null);

  const columns: TableColumnsType<IInvoiceRequest> = [
    { title: '申请时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
    { title: '房屋', dataIndex: 'houseLabel', width: 150 },
    {
      title: '抬头',
      key: 'title',
      render: (_, r) => (
        <>
          <div>
            {r.title.name} <Tag>{r.title.kind === 'company' ? '企业' : '个人'}</Tag>
          </div>
          {r.title.taxId ? <Typography.Text type="secondary">税号 {r.title.taxId}</Typography.Text> : null}
          {r.title.email ? (
            <div>
              <Typography.Text type="secondary">{r.title.email}</Typography.Text>
            </div>
          ) : null}
        </>
      ),
    },
    { title: '金额', dataIndex: 'amountFen', width: 120, align: 'right', render: (v: number) => formatFen(v) },
    { title: '缴费笔数', key: 'count', width: 90, render: (_, r) => r.paymentIds.length },
    {
      title: '状态',
      key: 'status',
      width: 220,
      render: (_, r) => (
        <>
          <Tag color={STATUS_COLORS[r.status]}>{INVOICE_STATUS_LABELS[r.status]}</Tag>
          {r.invoiceNo ? (
            <Typography.Text type="secondary">
              No. {r.invoiceNo}
              {r.hasPdf ? '（已附 PDF）' : ''}
            </Typography.Text>
          ) : null}
          {r.rejectReason ? <Typography.Text type="secondary">{r.rejectReason}</Typography.Text> : null}
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, r) =>
        r.status === InvoiceStatus.Requested ? (
          <>
            <Button
              size="small"
              type="primary"
              onClick={() => setActing({ request: r, issue: true })}
              style={{ marginRight: 8 }}
            >
              开票
            </Button>
            <Button size="small" danger onClick={() => setActing({ request: r, issue: false })}>
              驳回
            </Button>
          </>
        ) : null,
    },
  ];

  return (
    <div className="page" data-testid="invoices-page">
      <PageHeader
        title="发票管理"
        description={`${project.name} · 住户在小程序为已入账的缴费申请电子发票；开票后住户收到站内消息并可下载 PDF。`}
        extra={
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
        }
      />
      <Card variant="borderless">
        <Segmented<Filter>
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPage(1);
          }}
          style={{ marginBottom: 16 }}
          options={[
            { value: 'requested', label: '待开票' },
            { value: 'issued', label: '已开票' },
            { value: 'rejected', label: '已驳回' },
            { value: 'all', label: '全部' },
          ]}
        />
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} title="发票申请加载失败" />
        ) : (
          <Table<IInvoiceRequest>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              onChange: setPage,
              hideOnSinglePage: true,
            }}
            locale={{
              emptyText: list.loading ? (
                ' '
              ) : (
                <Empty description={filter === 'requested' ? '没有待开票的申请' : '暂无发票申请'} />
              ),
            }}
          />
        )}
      </Card>
      {acting?.issue ? (
        <IssueModal
          request={acting.request}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            list.reload();
          }}
        />
      ) : null}
      {acting && !acting.issue ? (
        <RejectModal
          request={acting.request}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            list.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function IssueModal({ request, onClose, onDone }: { request: IInvoiceRequest; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ invoiceNo: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [uploadId] = useState(newClientUploadId);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ invoiceNo }: { invoiceNo: string }) {
    setSaving(true);
    setError(null);
    try {
      const pdf = file ? await uploadInvoicePdf(file, file.name, uploadId) : null;
      await issueInvoice(request.id, { invoiceNo: invoiceNo.trim(), ...(pdf ? { pdfMediaId: pdf.id } : {}) });
      message.success('已开票，住户将收到通知');
      onDone();
    } catch (err) {
      setError(describeError(err, '开票失败'));
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`开具发票 · ${request.houseLabel}`}
      okText="确认开票"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        抬头：{request.title.name}
        {request.title.taxId ? `（税号 ${request.title.taxId}）` : ''}，金额 {formatFen(request.amountFen)}。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="invoiceNo"
          label="发票号码"
          rules={[
            { required: true, whitespace: true, message: '请填写发票号码' },
            { pattern: /^[A-Za-z0-9-]{6,40}$/, message: '发票号码为 6–40 位字母、数字或短横线' },
          ]}
        >
          <Input placeholder="税务系统开具的发票号码" maxLength={40} />
        </Form.Item>
        <Form.Item label="发票 PDF（可选；不上传则仅登记号码）">
          <Upload
            accept="application/pdf,.pdf"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: uploadId, name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>选择 PDF 文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RejectModal({ request, onClose, onDone }: { request: IInvoiceRequest; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  return (
    <ReasonModal
      open
      title={`驳回发票申请 · ${request.houseLabel}`}
      okText="确认驳回"
      danger
      label="驳回原因"
      placeholder="例如：抬头与付款人不符"
      onCancel={onClose}
      onSubmit={async (reason) => {
        try {
          await rejectInvoice(request.id, reason);
          message.success('已驳回，住户将收到通知');
          onDone();
        } catch (err) {
          message.error(describeError(err, '驳回失败'));
          throw err;
        }
      }}
    />
  );
}

import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CAUSES,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_STATUS_LABELS,
  type IComplaintEvent,
  type IMediaRef,
} from '@app/shared';
import { Button, Descriptions, Drawer, Image, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { getComplaint } from '../../api/complaints';
import { listStaff } from '../../api/property';
import { useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { useProject } from '../../layout/project-context';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { ComplaintActionModal } from './ComplaintActionModal';
import { DeadlineTags } from './DeadlineTags';
import { ACTION_LABELS, STATUS_COLORS, staffActions, type ComplaintStaffAction } from './complaint-logic';

const EVENT_LABELS: Record<IComplaintEvent['action'], string> = {
  create: '登记投诉',
  assign: '指派调查人',
  contact: '联系业主',
  note: '调查记录',
  resolve: '处理结果',
  confirm: '确认，投诉完结',
  dispute: '业主提出异议',
  escalate: '升级',
};

function Photos({ media }: { media: IMediaRef[] }) {
  if (!media.length) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {media.map((m) => (
          <Image
            key={m.id}
            width={72}
            height={72}
            style={{ objectFit: 'cover', borderRadius: 6 }}
            src={m.thumbUrl}
            preview={{ src: m.url }}
            alt="证据照片"
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** 投诉详情: facts, deadlines, the whole timeline with evidence, and the staff actions the server allows. */
export function ComplaintDrawer(props: {
  complaintId: number;
  projectId: number;
  onClose(): void;
  onChanged(): void;
  onOpenTicket?(id: number): void;
}) {
  const { roles } = useProject();
  const me = useMe();
  const complaint = useAsync(() => getComplaint(props.complaintId), [props.complaintId]);
  const staff = useAsync(() => listStaff(props.projectId), [props.projectId]);
  const [acting, setActing] = useState<ComplaintStaffAction | null>(null);
  const c = complaint.data;
  const actions = c ? staffActions(c, roles, me.id) : [];

  return (
    <Drawer
      open
      size="large"
      onClose={props.onClose}
      data-testid="complaint-drawer"
      title={
        c ? (
          <Space>
            {c.number}
            <Tag color={STATUS_COLORS[c.status]}>{COMPLAINT_STATUS_LABELS[c.status]}</Tag>
            {c.escalated ? <Tag color="magenta">已升级</Tag> : null}
          </Space>
        ) : (
          '投诉详情'
        )
      }
      extra={
        <Space wrap data-testid="complaint-actions">
          {actions.map((a) => (
            <Button
              key={a}
              type={a === 'resolve' || a === 'contact' ? 'primary' : 'default'}
              onClick={() => setActing(a)}
            >
              {ACTION_LABELS[a]}
            </Button>
          ))}
        </Space>
      }
    >
      {complaint.error && !c ? (
        <ErrorState error={complaint.error} onRetry={complaint.reload} title="投诉加载失败" />
      ) : !c ? (
        <Skeleton active />
      ) : (
        <>
          <DeadlineTags complaint={c} />
          <Descriptions column={2} size="small" style={{ marginTop: 16 }} bordered>
            <Descriptions.Item label="类别">{COMPLAINT_CATEGORIES[c.category]}</Descriptions.Item>
            <Descriptions.Item label="来源">{COMPLAINT_CHANNEL_LABELS[c.channel]}</Descriptions.Item>
            <Descriptions.Item label="房屋">{c.houseLabel ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="相关工单">
              {c.ticketSerial ? (
                props.onOpenTicket ? (
                  <Typography.Link onClick={() => props.onOpenTicket!(c.ticketId!)}>{c.ticketSerial}</Typography.Link>
                ) : (
                  c.ticketSerial
                )
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label="联系人">{c.contactName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{c.contactPhone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="调查人">
              {c.investigatorName ?? <Typography.Text type="warning">未指派</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label="登记时间">{formatDateTime(c.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="投诉内容" span={2}>
              {c.description}
              <div style={{ marginTop: 8 }}>
                <Photos media={c.media} />
              </div>
            </Descriptions.Item>
            {c.resolution ? (
              <Descriptions.Item label="处理结果" span={2}>
                {c.resolution}
              </Descriptions.Item>
            ) : null}
            {c.cause ? <Descriptions.Item label="原因">{COMPLAINT_CAUSES[c.cause]}</Descriptions.Item> : null}
            {c.cause ? <Descriptions.Item label="责任人">{c.responsibleName ?? '—'}</Descriptions.Item> : null}
            {c.disputeCount > 0 ? <Descriptions.Item label="异议次数">{c.disputeCount}</Descriptions.Item> : null}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            处理过程
          </Typography.Title>
          <Timeline
            data-testid="complaint-timeline"
            items={c.events.map((e) => ({
              color:
                e.action === 'dispute' ? 'red' : e.action === 'resolve' || e.action === 'confirm' ? 'green' : 'blue',
              children: (
                <div>
                  <Typography.Text strong>{EVENT_LABELS[e.action] ?? e.action}</Typography.Text>
                  <Typography.Text type="secondary">
                    {' '}
                    · {formatDateTime(e.at)}
                    {e.actorName ? ` · ${e.actorName}` : ''}
                  </Typography.Text>
                  {e.note && e.action !== 'create' ? <div>{e.note}</div> : null}
                  {e.action !== 'create' ? <Photos media={e.media} /> : null}
                </div>
              ),
            }))}
          />
        </>
      )}
      {c && acting ? (
        <ComplaintActionModal
          complaint={c}
          action={acting}
          staff={staff.data ?? []}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            complaint.reload();
            props.onChanged();
          }}
        />
      ) : null}
    </Drawer>
  );
}

import {
  PAID_LABELS,
  ticketTypeLabel,
  TICKET_CHANNEL_LABELS,
  urgencyLabel,
  type IMediaRef,
  type ITicket,
  type ITicketEvent,
  type Role,
} from '@app/shared';
import { Alert, Button, Descriptions, Flex, Image, Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../../lib/time';
import { SlaCountdownTags } from './SlaCountdownTags';
import { categoryLabel } from './ticket-logic';
import { MergeSection } from './TicketMerge';
import { ChargeSection } from './TicketChargeSection';
import { QuoteTable, RatingsView, SignatureRecords, TicketTimelineView } from './TicketRecords';

function Photos({ media }: { media: IMediaRef[] }) {
  if (!media.length) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {media.map((m) => (
          <Image
            key={m.id}
            width={88}
            height={88}
            style={{ objectFit: 'cover', borderRadius: 6 }}
            src={m.thumbUrl}
            preview={{ src: m.url }}
            alt="工单照片"
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** The drawer's content: merge links, state alerts, the ticket's facts, photos, then its records. */
export function TicketBody({
  ticket: t,
  events,
  roles,
  onChanged,
  onOpen,
  onMerge,
}: {
  ticket: ITicket;
  events: ITicketEvent[] | undefined;
  roles: readonly Role[];
  onChanged(): void;
  onOpen(id: number): void;
  onMerge?: () => void;
}) {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="ticket-detail">
      {/* In the body, not the title bar: one more button there wrapped the serial onto two lines under the toasts. */}
      {onMerge ? (
        <Flex justify="flex-end" align="center" gap={4} style={{ marginBottom: -16 }}>
          <Typography.Text type="secondary">同一问题被重复报修？</Typography.Text>
          <Button size="small" onClick={onMerge} data-testid="merge-button">
            合并重复报修
          </Button>
        </Flex>
      ) : null}
      <MergeSection ticket={t} onOpen={onOpen} />
      {t.onHold ? <Alert type="warning" showIcon title={`工单已挂起：${t.holdReason ?? ''}`} /> : null}
      {t.escalated ? <Alert type="error" showIcon title={`已升级至项目经理（返修 ${t.reworkCount} 次）`} /> : null}
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="项目">{t.projectName}</Descriptions.Item>
        <Descriptions.Item label="房屋">{t.houseLabel ?? '公共区域'}</Descriptions.Item>
        <Descriptions.Item label="类型">
          <Space size={6}>
            {ticketTypeLabel(t.kind, t.scope)}
            <Tag color={t.paid ? 'gold' : 'default'}>{t.paid ? PAID_LABELS.paid : PAID_LABELS.free}</Tag>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="类别">
          {categoryLabel(t.category)}
          {t.feeItemCode ? ` · ${t.feeItemCode}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="紧急程度">
          {t.urgency === 'emergency' ? <Tag color="red">{urgencyLabel(t.urgency)}</Tag> : urgencyLabel(t.urgency)}
        </Descriptions.Item>
        <Descriptions.Item label="来源">{TICKET_CHANNEL_LABELS[t.channel]}</Descriptions.Item>
        <Descriptions.Item label="联系人">
          {[t.contactName, t.contactPhone ?? t.contactPhoneMasked].filter(Boolean).join(' ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label="维修师傅">
          {t.technician ? `${t.technician.name} ${t.technician.phoneMasked}` : t.poolOpen ? '抢单池中' : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="报修时间">{formatDateTime(t.createdAt)}</Descriptions.Item>
        {t.sla?.length ? (
          <Descriptions.Item label="服务时限" span={2}>
            <SlaCountdownTags deadlines={t.sla} />
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label="预约上门">
          {formatDateTime(t.visitAt) ||
            (t.preferredStart
              ? `业主期望 ${formatDateTime(t.preferredStart)}–${formatDateTime(t.preferredEnd).slice(-5)}`
              : '—')}
        </Descriptions.Item>
        {t.priceExplainedAt ? (
          <Descriptions.Item label="已说明收费标准" span={2}>
            {formatDateTime(t.priceExplainedAt)}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label="问题描述" span={2}>
          {t.description}
        </Descriptions.Item>
        {t.result ? (
          <Descriptions.Item label="处理结果" span={2}>
            {t.result}
          </Descriptions.Item>
        ) : null}
        {t.reply ? (
          <Descriptions.Item label="答复" span={2}>
            {t.reply}
          </Descriptions.Item>
        ) : null}
        {t.cancelReason ? (
          <Descriptions.Item label="取消原因" span={2}>
            {t.cancelReason}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <div>
        <Typography.Title level={5}>报修照片</Typography.Title>
        <Photos media={t.media} />
      </div>
      {t.afterMedia.length ? (
        <div>
          <Typography.Title level={5}>完工照片</Typography.Title>
          <Photos media={t.afterMedia} />
        </div>
      ) : null}
      {t.quote ? <QuoteTable quote={t.quote} /> : null}
      {t.chargeId ? (
        <ChargeSection chargeId={t.chargeId} confirmation={t.chargeConfirmation} roles={roles} onChanged={onChanged} />
      ) : null}
      <SignatureRecords signatures={t.signatures} />
      <RatingsView ratings={t.ratings} />
      <TicketTimelineView events={events} />
    </Space>
  );
}

import {
  CHARGE_STATUS_LABELS, formatFen, formatQuantity, PAID_LABELS, PAYMENT_METHOD_LABELS, QUOTE_STATUS_LABELS, RATING_DIMENSIONS, RATING_LABELS, relationLabel,
  SIGNATURE_PURPOSE_LABELS, TICKET_CHANNEL_LABELS, TICKET_STATUS_LABELS, ticketTypeLabel, urgencyLabel, type IMediaRef, type ITicket, type ITicketEvent, type Role,
} from '@app/shared';
import { Alert, Button, Descriptions, Drawer, Empty, Image, Rate, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { getCharge } from '../../api/charges';
import { getTicket, getTimeline } from '../../api/tickets';
import { ErrorState } from '../../components/ErrorState';
import { useProject } from '../../layout/project-context';
import { formatDateTime } from '../../lib/time';
import { useAsync } from '../../lib/use-async';
import { canRecordPhoneConfirmation, confirmationView } from '../charges/confirmation-logic';
import { PhoneConfirmModal } from '../charges/PhoneConfirmModal';
import { TicketActionModal } from './TicketActionModal';
import { SlaCountdownTags } from './SlaCountdownTags';
import { TicketFlags } from './TicketFlags';
import { actionLabel, categoryLabel, consoleActions, STATUS_COLORS, type ConsoleAction } from './ticket-logic';

export function TicketDetailDrawer(props: { ticketId: number; onClose(): void; onChanged(): void }) {
  const { roles } = useProject();
  const ticket = useAsync(() => getTicket(props.ticketId), [props.ticketId]);
  const timeline = useAsync(() => getTimeline(props.ticketId), [props.ticketId]);
  const [acting, setActing] = useState<ConsoleAction | null>(null);
  const t = ticket.data;

  function refresh() {
    ticket.reload();
    timeline.reload();
    props.onChanged();
  }

  const actions = t ? consoleActions(t, roles) : [];
  return (
    <Drawer
      open
      size="large"
      title={t ? <Space>{t.serial}<Tag color={STATUS_COLORS[t.status]}>{TICKET_STATUS_LABELS[t.status]}</Tag><TicketFlags ticket={t} /></Space> : '工单详情'}
      onClose={props.onClose}
      data-testid="ticket-drawer"
      extra={
        <Space wrap data-testid="ticket-actions">
          {actions.map((a) => (
            <Button key={a} type={a === 'register' || a === 'dispatch' || a === 'verify' || a === 'close' ? 'primary' : 'default'} danger={a === 'cancel'} onClick={() => setActing(a)}>
              {actionLabel(a)}
            </Button>
          ))}
        </Space>
      }
    >
      {ticket.error && !t ? (
        <ErrorState error={ticket.error} onRetry={ticket.reload} title="工单加载失败" />
      ) : !t ? (
        <Skeleton active />
      ) : (
        <TicketBody ticket={t} events={timeline.data} roles={roles} onChanged={refresh} />
      )}
      {t && acting ? (
        <TicketActionModal
          ticket={t}
          action={acting}
          onClose={() => setActing(null)}
          onDone={() => { setActing(null); refresh(); }}
          onConflict={() => { setActing(null); refresh(); }}
        />
      ) : null}
    </Drawer>
  );
}

function Photos({ media }: { media: IMediaRef[] }) {
  if (!media.length) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {media.map((m) => <Image key={m.id} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6 }} src={m.thumbUrl} preview={{ src: m.url }} alt="工单照片" />)}
      </Space>
    </Image.PreviewGroup>
  );
}

function TicketBody({ ticket: t, events, roles, onChanged }: { ticket: ITicket; events: ITicketEvent[] | undefined; roles: readonly Role[]; onChanged(): void }) {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="ticket-detail">
      {t.onHold ? <Alert type="warning" showIcon title={`工单已挂起：${t.holdReason ?? ''}`} /> : null}
      {t.escalated ? <Alert type="error" showIcon title={`已升级至项目经理（返修 ${t.reworkCount} 次）`} /> : null}
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="项目">{t.projectName}</Descriptions.Item>
        <Descriptions.Item label="房屋">{t.houseLabel ?? '公共区域'}</Descriptions.Item>
        <Descriptions.Item label="类型"><Space size={6}>{ticketTypeLabel(t.kind, t.scope)}<Tag color={t.paid ? 'gold' : 'default'}>{t.paid ? PAID_LABELS.paid : PAID_LABELS.free}</Tag></Space></Descriptions.Item>
        <Descriptions.Item label="类别">{categoryLabel(t.category)}{t.feeItemCode ? ` · ${t.feeItemCode}` : ''}</Descriptions.Item>
        <Descriptions.Item label="紧急程度">{t.urgency === 'emergency' ? <Tag color="red">{urgencyLabel(t.urgency)}</Tag> : urgencyLabel(t.urgency)}</Descriptions.Item>
        <Descriptions.Item label="来源">{TICKET_CHANNEL_LABELS[t.channel]}</Descriptions.Item>
        <Descriptions.Item label="联系人">{[t.contactName, t.contactPhone ?? t.contactPhoneMasked].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
        <Descriptions.Item label="维修师傅">{t.technician ? `${t.technician.name} ${t.technician.phoneMasked}` : t.poolOpen ? '抢单池中' : '—'}</Descriptions.Item>
        <Descriptions.Item label="报修时间">{formatDateTime(t.createdAt)}</Descriptions.Item>
        {t.sla?.length ? <Descriptions.Item label="服务时限" span={2}><SlaCountdownTags deadlines={t.sla} /></Descriptions.Item> : null}
        <Descriptions.Item label="预约上门">{formatDateTime(t.visitAt) || (t.preferredStart ? `业主期望 ${formatDateTime(t.preferredStart)}–${formatDateTime(t.preferredEnd).slice(-5)}` : '—')}</Descriptions.Item>
        {t.priceExplainedAt ? <Descriptions.Item label="已说明收费标准" span={2}>{formatDateTime(t.priceExplainedAt)}</Descriptions.Item> : null}
        <Descriptions.Item label="问题描述" span={2}>{t.description}</Descriptions.Item>
        {t.result ? <Descriptions.Item label="处理结果" span={2}>{t.result}</Descriptions.Item> : null}
        {t.reply ? <Descriptions.Item label="答复" span={2}>{t.reply}</Descriptions.Item> : null}
        {t.cancelReason ? <Descriptions.Item label="取消原因" span={2}>{t.cancelReason}</Descriptions.Item> : null}
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
      {t.quote ? (
        <div data-testid="ticket-quote">
          <Typography.Title level={5}>报价（第 {t.quote.seq} 版 · {QUOTE_STATUS_LABELS[t.quote.status]}）</Typography.Title>
          <Table
            rowKey={(l) => `${l.kind}-${l.code}`}
            size="small"
            pagination={false}
            dataSource={t.quote.lines}
            columns={[
              { title: '项目', dataIndex: 'name' },
              { title: '单价', dataIndex: 'unitPriceFen', align: 'right', render: (v: number, l) => `${formatFen(v)}/${l.unit}` },
              { title: '数量', dataIndex: 'quantityMilli', align: 'right', render: (v: number) => formatQuantity(v) },
              { title: '金额', dataIndex: 'amountFen', align: 'right', render: (v: number) => <span className="money">{formatFen(v)}</span> },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right"><strong className="money">{formatFen(t.quote!.totalFen)}</strong></Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </div>
      ) : null}
      {t.chargeId ? <ChargeSection chargeId={t.chargeId} confirmation={t.chargeConfirmation} roles={roles} onChanged={onChanged} /> : null}
      {t.signatures.length ? (
        <div>
          <Typography.Title level={5}>签字记录</Typography.Title>
          <Space wrap size="large">
            {t.signatures.map((s) => (
              <Space key={s.id} orientation="vertical" size={2}>
                {s.image ? <Image width={160} src={s.image.thumbUrl} preview={{ src: s.image.url }} alt="签字" /> : null}
                <Typography.Text>{SIGNATURE_PURPOSE_LABELS[s.purpose]} · {s.signerName}（{relationLabel(s.relation)}）</Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(s.signedAt)}{s.collectedByTechnician ? ' · 师傅手机代签' : ''}</Typography.Text>
              </Space>
            ))}
          </Space>
        </div>
      ) : null}
      {t.ratings ? (
        <div>
          <Typography.Title level={5}>业主评价</Typography.Title>
          <Space orientation="vertical" size={0}>
            {RATING_DIMENSIONS.map((d) => <span key={d}>{RATING_LABELS[d]} <Rate disabled value={t.ratings![d]} /></span>)}
            {t.ratings.comment ? <Typography.Text>“{t.ratings.comment}”</Typography.Text> : null}
          </Space>
        </div>
      ) : null}
      <div data-testid="ticket-timeline">
        <Typography.Title level={5}>处理记录</Typography.Title>
        {!events ? <Skeleton active paragraph={{ rows: 2 }} /> : events.length === 0 ? <Empty description="暂无记录" /> : (
          <Timeline
            items={[...events].reverse().map((e) => ({
              key: e.id,
              content: (
                <div>
                  <Typography.Text strong>{actionLabelOf(e.action)}</Typography.Text>
                  {e.toStatus ? <Tag style={{ marginInlineStart: 8 }}>{TICKET_STATUS_LABELS[e.toStatus]}</Tag> : null}
                  <div><Typography.Text type="secondary">{formatDateTime(e.at)} · {e.actorName}</Typography.Text></div>
                  {e.reason ? <div>{e.reason}</div> : null}
                </div>
              ),
            }))}
          />
        )}
      </div>
    </Space>
  );
}

/** The ticket's charge: 未确认 until the resident confirms; the customer manager may record a phone confirmation. */
function ChargeSection(props: { chargeId: number; confirmation: ITicket['chargeConfirmation']; roles: readonly Role[]; onChanged(): void }) {
  // Reload when the ticket's view of the confirmation changes (e.g. the resident confirmed in the app meanwhile).
  const charge = useAsync(() => getCharge(props.chargeId), [props.chargeId, props.confirmation]);
  const [confirming, setConfirming] = useState(false);
  const c = charge.data;
  if (charge.error && !c) return <ErrorState error={charge.error} onRetry={charge.reload} title="费用加载失败" />;
  if (!c) return <Skeleton active paragraph={{ rows: 1 }} />;
  const view = confirmationView(c);
  return (
    <div data-testid="ticket-charge">
      <Typography.Title level={5}>费用</Typography.Title>
      {c.confirmation === 'unconfirmed' ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`未确认：${view.detail}`} /> : null}
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="金额"><span className="money">{formatFen(c.totalFen)}</span></Descriptions.Item>
        <Descriptions.Item label="状态">{CHARGE_STATUS_LABELS[c.status]} · {PAYMENT_METHOD_LABELS[c.paymentMethod]}</Descriptions.Item>
        <Descriptions.Item label="业主确认" span={2}>
          <Space wrap>
            <Tag color={view.color} data-testid="ticket-charge-confirmation">{view.label}</Tag>
            {c.confirmation === 'confirmed' && view.detail ? <Typography.Text type="secondary">{view.detail}{c.confirmedAt ? ` · ${formatDateTime(c.confirmedAt)}` : ''}</Typography.Text> : null}
            {c.confirmationNote ? <Typography.Text type="secondary">“{c.confirmationNote}”</Typography.Text> : null}
            {canRecordPhoneConfirmation(c, props.roles) ? <Button size="small" type="primary" onClick={() => setConfirming(true)}>记录电话确认</Button> : null}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {confirming ? (
        <PhoneConfirmModal
          charge={c}
          onClose={() => setConfirming(false)}
          onDone={() => { setConfirming(false); charge.reload(); props.onChanged(); }}
        />
      ) : null}
    </div>
  );
}

const EVENT_LABELS: Record<string, string> = { submit: '提交工单', create: '提交工单', rework: '返修', hold: '挂起', resume: '恢复', damage: '损坏赔偿', auto_dispatch: '自动派单', escalate: '升级' };

function actionLabelOf(action: string): string {
  return EVENT_LABELS[action] ?? actionLabel(action as ConsoleAction) ?? action;
}

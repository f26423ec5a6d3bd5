import {
  formatFen,
  formatQuantity,
  QUOTE_STATUS_LABELS,
  RATING_DIMENSIONS,
  RATING_LABELS,
  relationLabel,
  SIGNATURE_PURPOSE_LABELS,
  TICKET_STATUS_LABELS,
  type ITicket,
  type ITicketEvent,
} from '@app/shared';
import { Empty, Image, Rate, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../lib/time';
import { actionLabel, type ConsoleAction } from './ticket-logic';

/** The sections of the ticket drawer below its facts: quote, signatures, the resident's rating, the timeline. */

export function QuoteTable({ quote }: { quote: NonNullable<ITicket['quote']> }) {
  return (
    <div data-testid="ticket-quote">
      <Typography.Title level={5}>
        报价（第 {quote.seq} 版 · {QUOTE_STATUS_LABELS[quote.status]}）
      </Typography.Title>
      <Table
        rowKey={(l) => `${l.kind}-${l.code}`}
        size="small"
        pagination={false}
        dataSource={quote.lines}
        columns={[
          { title: '项目', dataIndex: 'name' },
          {
            title: '单价',
            dataIndex: 'unitPriceFen',
            align: 'right',
            render: (v: number, l) => `${formatFen(v)}/${l.unit}`,
          },
          { title: '数量', dataIndex: 'quantityMilli', align: 'right', render: (v: number) => formatQuantity(v) },
          {
            title: '金额',
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => <span className="money">{formatFen(v)}</span>,
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              合计
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong className="money">{formatFen(quote.totalFen)}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}

export function SignatureRecords({ signatures }: { signatures: ITicket['signatures'] }) {
  if (!signatures.length) return null;
  return (
    <div>
      <Typography.Title level={5}>签字记录</Typography.Title>
      <Space wrap size="large">
        {signatures.map((s) => (
          <Space key={s.id} orientation="vertical" size={2}>
            {s.image ? <Image width={160} src={s.image.thumbUrl} preview={{ src: s.image.url }} alt="签字" /> : null}
            <Typography.Text>
              {SIGNATURE_PURPOSE_LABELS[s.purpose]} · {s.signerName}（{relationLabel(s.relation)}）
            </Typography.Text>
            <Typography.Text type="secondary">
              {formatDateTime(s.signedAt)}
              {s.collectedByTechnician ? ' · 师傅手机代签' : ''}
            </Typography.Text>
          </Space>
        ))}
      </Space>
    </div>
  );
}

export function RatingsView({ ratings }: { ratings: ITicket['ratings'] }) {
  if (!ratings) return null;
  return (
    <div>
      <Typography.Title level={5}>业主评价</Typography.Title>
      <Space orientation="vertical" size={0}>
        {RATING_DIMENSIONS.map((d) => (
          <span key={d}>
            {RATING_LABELS[d]} <Rate disabled value={ratings[d]} />
          </span>
        ))}
        {ratings.comment ? <Typography.Text>“{ratings.comment}”</Typography.Text> : null}
      </Space>
    </div>
  );
}

export function TicketTimelineView({ events }: { events: ITicketEvent[] | undefined }) {
  return (
    <div data-testid="ticket-timeline">
      <Typography.Title level={5}>处理记录</Typography.Title>
      {!events ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : events.length === 0 ? (
        <Empty description="暂无记录" />
      ) : (
        <Timeline
          items={[...events].reverse().map((e) => ({
            key: e.id,
            content: (
              <div>
                <Typography.Text strong>{actionLabelOf(e.action)}</Typography.Text>
                {e.toStatus ? <Tag style={{ marginInlineStart: 8 }}>{TICKET_STATUS_LABELS[e.toStatus]}</Tag> : null}
                <div>
                  <Typography.Text type="secondary">
                    {formatDateTime(e.at)} · {e.actorName}
                  </Typography.Text>
                </div>
                {e.reason ? <div>{e.reason}</div> : null}
              </div>
            ),
          }))}
        />
      )}
    </div>
  );
}

const EVENT_LABELS: Record<string, string> = {
  submit: '提交工单',
  create: '提交工单',
  rework: '返修',
  hold: '挂起',
  resume: '恢复',
  damage: '损坏赔偿',
  auto_dispatch: '自动派单',
  escalate: '升级',
  merge_in: '合并重复报修',
};

function actionLabelOf(action: string): string {
  return EVENT_LABELS[action] ?? actionLabel(action as ConsoleAction) ?? action;
}

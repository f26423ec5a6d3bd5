import { Image, Text, View } from '@tarojs/components';
import type { ITicket, ITicketEvent } from '@app/shared';
import RatingStars from '../../../../components/RatingStars';
import { formatDateTime } from '../../../../utils/ticket-format';
import { relationLabel } from '../../utils/format';
import { RATING_LABELS, eventText, type IRatings } from '../../utils/ticket-actions';
import { Photos, Row, preview } from '../TicketBlocks';

const SIGNATURE_PURPOSE: Record<string, string> = {
  quote_agreement: '同意报价',
  quote_decline: '拒绝报价',
  acceptance: '验收签字',
};

const FINISHED = ['done', 'verified', 'visited', 'closed'];

/** 处理结果, or before completion the technician's on-site photos (check-in); nothing while there is neither. */
export function TicketResult({ ticket }: { ticket: ITicket }) {
  if (ticket.afterMedia.length === 0 && !ticket.result) return null;
  return (
    <View className="card">
      <Text className="card-title">
        {ticket.result || FINISHED.includes(ticket.status) ? '处理结果' : '师傅现场照片'}
      </Text>
      {ticket.result && <Text className="detail__result">{ticket.result}</Text>}
      {ticket.afterMedia.length > 0 && <Photos list={ticket.afterMedia} />}
    </View>
  );
}

/** 签字记录: who signed what, and whether it was on the technician's phone. */
export function SignatureList({ signatures }: { signatures: ITicket['signatures'] }) {
  if (signatures.length === 0) return null;
  return (
    <View className="card">
      <Text className="card-title">签字记录</Text>
      {signatures.map((s) => (
        <View key={s.id} className="detail__sig">
          {s.image && (
            <Image
              className="detail__sig-img"
              src={s.image.thumbUrl}
              mode="aspectFit"
              onClick={() => s.image && preview([s.image], 0)}
            />
          )}
          <View className="detail__sig-text">
            <Text>
              {SIGNATURE_PURPOSE[s.purpose] ?? s.purpose} · {s.signerName}（{relationLabel(s.relation)}）
            </Text>
            <Text className="muted">
              {formatDateTime(s.signedAt)}
              {s.collectedByTechnician ? ' · 在师傅手机上签字' : ''}
            </Text>
          </View>
        </View>
      ))}
    </View>
  );
}

/** 我的评价, once the resident has rated the work. */
export function MyRatings({ ratings }: { ratings: ITicket['ratings'] }) {
  if (!ratings) return null;
  return (
    <View className="card">
      <Text className="card-title">我的评价</Text>
      {(Object.keys(RATING_LABELS) as (keyof IRatings)[]).map((key) => (
        <Row key={key} label={RATING_LABELS[key]}>
          <RatingStars value={ratings[key] ?? 0} />
        </Row>
      ))}
      {ratings.comment && <Text className="detail__comment">{ratings.comment}</Text>}
    </View>
  );
}

/** 处理进度, newest first. */
export function TicketTimeline({ timeline, kind }: { timeline: ITicketEvent[]; kind: ITicket['kind'] }) {
  return (
    <View className="card">
      <Text className="card-title">处理进度</Text>
      {timeline.length === 0 && <Text className="muted">暂无记录</Text>}
      {[...timeline].reverse().map((e, i) => (
        <View key={e.id} className={`detail__event${i === 0 ? ' detail__event--latest' : ''}`}>
          <View className="detail__event-dot" />
          <View className="detail__event-body">
            <Text>{eventText(e.action, kind)}</Text>
            <Text className="muted">
              {formatDateTime(e.at)} · {e.actorName}
            </Text>
            {e.reason && <Text className="muted">原因：{e.reason}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}

import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ITicket } from '@app/shared';
import { ticketUrl } from '../../../../routes';

/**
 * 合并重复报修, as the resident sees it. On their own report that staff merged: 已合并到 <serial> with a link to
 * that ticket's progress. On that ticket, opened as a follower: they can follow it, but the house's resident
 * confirms quotes, accepts the work and pays — the page shows no actions (the server offers none).
 */
export default function MergedNotice({ ticket }: { ticket: Pick<ITicket, 'mergedInto' | 'followerView'> }) {
  const target = ticket.mergedInto;
  if (target) {
    return (
      <View className="card detail__merged" data-testid="ticket-merged">
        <Text className="card-title">已合并到 {target.serial}</Text>
        <Text className="muted">物业确认您的报修与该工单是同一问题，已合并处理；之后的进度会继续通知您。</Text>
        <Button className="detail__btn" size="mini" onClick={() => Taro.navigateTo({ url: ticketUrl(target.id) })}>
          查看 {target.serial} 的进度
        </Button>
      </View>
    );
  }
  if (ticket.followerView) {
    return (
      <View className="card detail__merged" data-testid="ticket-following">
        <Text className="muted">您的报修已合并到此工单，这里可查看处理进度；确认报价、验收和缴费由该户住户办理。</Text>
      </View>
    );
  }
  return null;
}

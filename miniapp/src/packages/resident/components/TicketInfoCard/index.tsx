import { Text, View } from '@tarojs/components';
import { ticketTypeLabel, urgencyLabel, type ITicket } from '@app/shared';
import TicketStatusTag from '../../../../components/TicketStatusTag';
import PhoneCall from '../../../../components/PhoneCall';
import { formatDateTime } from '../../../../utils/ticket-format';
import { Photos, Row } from '../TicketBlocks';

/** The ticket's head card on the resident's detail page: serial, status, what and where, who comes and when. */
export default function TicketInfoCard({ ticket }: { ticket: ITicket }) {
  return (
    <View className="card">
      <View className="detail__head">
        <Text className="detail__serial">{ticket.serial}</Text>
        <TicketStatusTag status={ticket.status} onHold={ticket.onHold} merged={Boolean(ticket.mergedInto)} />
      </View>
      {ticket.onHold && (
        <Text className="detail__note">工单暂停处理中{ticket.holdReason ? `：${ticket.holdReason}` : ''}</Text>
      )}
      <Text className="detail__desc">{ticket.description}</Text>
      {ticket.media.length > 0 && <Photos list={ticket.media} />}
      <Row label="类型" value={ticketTypeLabel(ticket.kind, ticket.scope)} />
      <Row label="房屋" value={`${ticket.projectName} ${ticket.houseLabel ?? ''}`} />
      {(ticket.kind === 'repair' || ticket.kind === 'service') && (
        <Row label="紧急程度" value={urgencyLabel(ticket.urgency)} />
      )}
      <Row label="提交时间" value={formatDateTime(ticket.createdAt)} />
      {ticket.preferredStart && (
        <Row
          label="期望上门"
          value={`${formatDateTime(ticket.preferredStart)}–${formatDateTime(ticket.preferredEnd).slice(-5)}`}
        />
      )}
      {ticket.technician && (
        <Row label="维修师傅" value={`${ticket.technician.name} `}>
          <PhoneCall phone={ticket.technician.phone} display={ticket.technician.phoneMasked} />
        </Row>
      )}
      {ticket.customerManager && (
        <Row label="客户经理" value={`${ticket.customerManager.name} `}>
          <PhoneCall phone={ticket.customerManager.phone} display={ticket.customerManager.phoneMasked} />
        </Row>
      )}
      {ticket.visitAt && <Row label="上门时间" value={formatDateTime(ticket.visitAt)} />}
      {ticket.cancelReason && <Row label="取消原因" value={ticket.cancelReason} />}
      {ticket.reply && <Row label="物业答复" value={ticket.reply} />}
    </View>
  );
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { TICKET_KIND_LABELS, type ITicket } from '@app/shared';
import TicketStatusTag from '../../../../components/TicketStatusTag';
import { jobUrl } from '../../../../routes';
import { formatDateTime } from '../../../../utils/ticket-format';
import './index.scss';

/** A job in a list: serial, status, what is wrong, where, and when the visit is (or when it was reported). */
export default function JobCard({ job }: { job: ITicket }) {
  return (
    <View className="card jobs__item" onClick={() => void Taro.navigateTo({ url: jobUrl(job.id) })}>
      <View className="jobs__head">
        <Text className="jobs__serial">
          {job.urgency === 'emergency' && <Text className="jobs__urgent">急</Text>}
          {job.serial}
        </Text>
        <TicketStatusTag status={job.status} onHold={job.onHold} />
      </View>
      <Text className="jobs__desc">{job.description}</Text>
      <View className="jobs__meta">
        <Text className="muted">
          {TICKET_KIND_LABELS[job.kind]} · {job.projectName} {job.houseLabel ?? '公共区域'}
        </Text>
        <Text className="muted">
          {job.visitAt ? `上门 ${formatDateTime(job.visitAt)}` : formatDateTime(job.createdAt)}
        </Text>
      </View>
    </View>
  );
}

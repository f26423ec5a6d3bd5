import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { COMPLAINT_CATEGORIES } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { getMyComplaints } from '../../../../services/api/complaints';
import { complaintNewUrl, complaintUrl } from '../../../../routes';
import { formatDateTime } from '../../../../utils/ticket-format';
import ComplaintStatusTag from '../../components/ComplaintStatusTag';
import './index.scss';

/** 我的投诉: newest first; a resolved one waits for the resident's confirmation. */
export default function MyComplaints() {
  const { state, reload } = useRemoteData(getMyComplaints);
  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;
  const list = state.data;
  return (
    <View className="cp">
      <View className="cp__new">
        <Button type="primary" onClick={() => Taro.navigateTo({ url: complaintNewUrl() })}>
          我要投诉
        </Button>
      </View>
      {list.length === 0 && (
        <View className="card">
          <Text className="muted">暂无投诉记录。对服务不满意时可以在这里投诉，也可以在工单详情里「投诉此单」。</Text>
        </View>
      )}
      {list.map((c) => (
        <View key={c.id} className="card cp__item" onClick={() => Taro.navigateTo({ url: complaintUrl(c.id) })}>
          <View className="cp__head">
            <Text className="cp__number">{c.number}</Text>
            <ComplaintStatusTag status={c.status} />
          </View>
          <Text className="cp__desc">{c.description}</Text>
          <Text className="muted">
            {COMPLAINT_CATEGORIES[c.category]} · {formatDateTime(c.createdAt)}
            {c.status === 'resolved' ? ' · 待您确认处理结果' : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}

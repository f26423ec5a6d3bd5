import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ResidentTicketFilter } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import RatingStars from '../../../../components/RatingStars';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { getMyTicketPage } from '../../../../services/api/tickets';
import { ticketUrl } from '../../../../routes';
import { formatDateTime } from '../../../../utils/ticket-format';
import { RATING_LABELS, type IRatings } from '../../utils/ticket-actions';
import './index.scss';

/** 我的评价: ratings given at acceptance (finished tickets only carry them). */
export default function Ratings() {
  const { state, reload } = useRemoteData(async () =>
    (await getMyTicketPage(ResidentTicketFilter.Finished)).items.filter((t) => t.ratings),
  );

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;
  if (state.data.length === 0) {
    return (
      <View className="card">
        <Text className="card-title">还没有评价</Text>
        <Text className="muted">维修完成后验收时可以为师傅的服务打分。</Text>
      </View>
    );
  }
  return (
    <View className="ratings">
      {state.data.map((t) => (
        <View key={t.id} className="card ratings__item" onClick={() => Taro.navigateTo({ url: ticketUrl(t.id) })}>
          <Text className="ratings__desc">{t.description}</Text>
          <Text className="muted">
            {t.technician?.name ?? ''} · {formatDateTime(t.updatedAt)}
          </Text>
          {(Object.keys(RATING_LABELS) as (keyof IRatings)[]).map((key) => (
            <View key={key} className="ratings__row">
              <Text className="ratings__label">{RATING_LABELS[key]}</Text>
              <RatingStars value={t.ratings?.[key] ?? 0} />
            </View>
          ))}
          {t.ratings?.comment && <Text className="ratings__comment">{t.ratings.comment}</Text>}
        </View>
      ))}
    </View>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Input, ScrollView, Text, View } from '@tarojs/components';
import { ErrorCode, PRICE_LIST_STATUS_LABELS, type IPublicFeeSchedule } from '@app/shared';
import StatusView from '../../../../components/StatusView';
import { ApiError, errorMessage } from '../../../../services/api-error';
import { getMe } from '../../../../services/api/auth';
import { getPublicFeeSchedule } from '../../../../services/api/catalog';
import { getDirectoryProjects } from '../../../../services/api/directory';
import { hasSession } from '../../../../services/session';
import { feeItemUrl, Routes } from '../../../../routes';
import {
  countItems,
  formatShanghaiDate,
  priceLabel,
  resolveProject,
  visibleCategories,
  type ProjectTarget,
} from '../../utils/fee-schedule';
import './index.scss';

/** Typing pauses this long before the server is asked, so each keystroke does not cost a request. */
export const SEARCH_DEBOUNCE_MS = 300;

type TargetState = { status: 'loading' } | { status: 'error'; message: string } | ({ status: 'ready' } & ProjectTarget);

type ScheduleState =
  | { status: 'loading' }
  /** `q` is the search the data answers, so the empty-search text names what was searched. */
  | { status: 'ready'; data: IPublicFeeSchedule; q: string }
  | { status: 'none' }
  | { status: 'error'; message: string };

const sources = { hasSession, getMe, getProjects: getDirectoryProjects };

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export default function FeeSchedule() {
  const { params } = useRouter();
  const [target, setTarget] = useState<TargetState>({ status: 'loading' });
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), SEARCH_DEBOUNCE_MS);
  const [schedule, setSchedule] = useState<ScheduleState>({ status: 'loading' });
  const [tab, setTab] = useState<string | null>(null);
  const latest = useRef(0);
  const projectId = target.status === 'ready' && target.kind === 'project' ? target.projectId : null;

  const resolve = useCallback(async () => {
    setTarget({ status: 'loading' });
    try {
      setTarget({ status: 'ready', ...(await resolveProject(params.projectId, sources)) });
    } catch (error) {
      setTarget({ status: 'error', message: errorMessage(error) });
    }
  }, [params.projectId]);

  const loadSchedule = useCallback(async () => {
    if (projectId === null) return;
    const call = ++latest.current;
    // A search or refresh keeps the list on screen; only the first load shows the spinner.
    setSchedule((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }));
    try {
      const data = await getPublicFeeSchedule(projectId, q);
      if (call === latest.current) setSchedule({ status: 'ready', data, q });
    } catch (error) {
      if (call !== latest.current) return;
      if (error instanceof ApiError && error.code === ErrorCode.NoScheduleInForce) setSchedule({ status: 'none' });
      else setSchedule({ status: 'error', message: errorMessage(error) });
    }
  }, [projectId, q]);

  useEffect(() => {
    void resolve();
  }, [resolve]);

  useEffect(() => {
    void loadSchedule();
  }, [loadSchedule]);

  usePullDownRefresh(() => {
    void (projectId === null ? resolve() : loadSchedule()).finally(() => Taro.stopPullDownRefresh());
  });

  if (target.status === 'loading') return <StatusView loading />;
  if (target.status === 'error') return <StatusView error={target.message} onRetry={resolve} />;

  if (target.kind === 'sign-in') {
    return (
      <View className="fee">
        <View className="card fee__notice">
          <Text className="card-title">查看收费标准</Text>
          <Text className="muted fee__notice-text">
            请扫描小区公告栏收费标准海报上的二维码，或登录后查看您所在小区的收费标准。
          </Text>
          <Button className="fee__notice-button" type="primary" onClick={() => Taro.switchTab({ url: Routes.mine })}>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  if (target.kind === 'pick') {
    return (
      <View className="fee">
        <View className="card">
          <Text className="card-title">选择小区</Text>
          <Text className="muted fee__pick-hint">各小区公示的收费标准可能不同，请选择您所在的小区。</Text>
          {target.projects.length === 0 && <Text className="muted">暂无可选的小区</Text>}
          {target.projects.map((project) => (
            <View
              className="list-item fee__project"
              key={project.id}
              onClick={() => setTarget({ status: 'ready', kind: 'project', projectId: project.id })}
            >
              <Text>{project.name}</Text>
              <Text className="fee__arrow">›</Text>
            </View>
          ))}
        </View>
      </View>
    );
  }

  if (schedule.status === 'loading') return <StatusView loading />;
  if (schedule.status === 'error') return <StatusView error={schedule.message} onRetry={loadSchedule} />;
  if (schedule.status === 'none') {
    return (
      <View className="fee">
        <View className="card fee__notice">
          <View className="fee__notice-mark">
            <Text>费</Text>
          </View>
          <Text className="card-title">本小区暂未公示收费标准</Text>
          <Text className="muted fee__notice-text">如需特约服务，请联系物业服务中心咨询价格。</Text>
        </View>
      </View>
    );
  }

  const { data } = schedule;
  const shown = visibleCategories(data.categories, tab);
  const activeTab = shown.length === 1 && data.categories.length > 1 ? shown[0].code : null;
  return (
    <View className="fee">
      <View className="fee__header">
        <View className="fee__title-row">
          <Text className="fee__title">{data.title}</Text>
          <Text className="fee__status">{PRICE_LIST_STATUS_LABELS.published}</Text>
        </View>
        <Text className="fee__meta">
          {data.companyName} · 第 {data.versionNo} 版
        </Text>
        <Text className="fee__meta">自 {formatShanghaiDate(data.effectiveFrom)} 起执行</Text>
      </View>

      <View className="fee__search">
        <Input
          className="fee__search-input"
          placeholder="搜索服务项目，如：疏通、灯"
          confirmType="search"
          maxlength={20}
          value={query}
          onInput={(e) => setQuery(e.detail.value)}
        />
        {query !== '' && (
          <Text className="fee__search-clear" onClick={() => setQuery('')}>
            清除
          </Text>
        )}
      </View>

      {data.categories.length === 0 ? (
        <View className="card fee__notice">
          <Text className="card-title">
            {schedule.q ? `没有找到与「${schedule.q}」相关的服务项目` : '本小区暂未公示收费标准'}
          </Text>
          {schedule.q && <Text className="muted fee__notice-text">换个关键词试试，或咨询物业服务中心。</Text>}
          {schedule.q && (
            <Button className="fee__notice-button" size="mini" onClick={() => setQuery('')}>
              查看全部项目
            </Button>
          )}
        </View>
      ) : (
        <View>
          {data.categories.length > 1 && (
            <ScrollView className="fee__tabs" scrollX enableFlex>
              <Text className={`fee__tab${activeTab === null ? ' fee__tab--active' : ''}`} onClick={() => setTab(null)}>
                全部
              </Text>
              {data.categories.map((category) => (
                <Text
                  key={category.code}
                  className={`fee__tab${activeTab === category.code ? ' fee__tab--active' : ''}`}
                  onClick={() => setTab(category.code)}
                >
                  {category.name}
                </Text>
              ))}
            </ScrollView>
          )}
          {schedule.q && <Text className="muted fee__result-count">找到 {countItems(data.categories)} 个项目</Text>}
          {shown.map((category) => (
            <View className="card fee__category" key={category.code}>
              <Text className="fee__category-name">{category.name}</Text>
              {category.items.map((item) => (
                <View
                  className="fee__item"
                  key={item.id}
                  onClick={() => Taro.navigateTo({ url: feeItemUrl(item.id, { name: category.name }) })}
                >
                  <View className="fee__item-main">
                    <Text className="fee__item-name">{item.name}</Text>
                    <View className="fee__badges">
                      {item.materialsExtra && <Text className="fee__badge">材料另计</Text>}
                      {item.callOutFeeFen !== null && item.callOutFeeFen > 0 && (
                        <Text className="fee__badge fee__badge--callout">上门费</Text>
                      )}
                    </View>
                  </View>
                  <Text className="fee__price">{priceLabel(item)}</Text>
                  <Text className="fee__arrow">›</Text>
                </View>
              ))}
            </View>
          ))}
        </View>
      )}

      <Text className="muted fee__footnote">
        以上维修类为维修费（人工费），其他类为服务费。所有收费须经您在报价单上签字同意后方可收取。
      </Text>
    </View>
  );
}

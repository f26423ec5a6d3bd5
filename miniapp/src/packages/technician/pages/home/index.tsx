import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import RoleGrantList from '../../../../components/RoleGrantList';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { getMe } from '../../../../services/api/auth';
import { jobsUrl } from '../../../../routes';
import { TECHNICIAN_ROLES } from '../../../../utils/role-entries';
import JobCard from '../../components/JobCard';
import { JOB_GROUP_LABELS } from '../../../../utils/job-groups';
import { loadJobBoard } from '../../../../utils/load-jobs';
import './index.scss';

async function loadHome() {
  const [me, board] = await Promise.all([getMe(), loadJobBoard()]);
  return { me, board };
}

/** 工作台: the counts that matter and the open jobs themselves, no tap needed to see what is waiting. */
export default function TechnicianHome() {
  const { state, reload } = useRemoteData(loadHome);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  const { me, board } = state.data;
  const { groups, pool } = board;
  const open = [...groups.toAccept, ...groups.active];
  const tiles = [
    { key: 'toAccept', label: JOB_GROUP_LABELS.toAccept, count: groups.toAccept.length, tab: 'mine' as const },
    { key: 'active', label: JOB_GROUP_LABELS.active, count: groups.active.length, tab: 'mine' as const },
    { key: 'toVerify', label: JOB_GROUP_LABELS.toVerify, count: groups.toVerify.length, tab: 'mine' as const },
    { key: 'pool', label: '抢单池', count: pool.length, tab: 'pool' as const },
  ];

  return (
    <View className="tech-home">
      <View className="card tech-home__tiles">
        {tiles.map((t) => (
          <View
            key={t.key}
            className={`tech-home__tile tech-home__tile--${t.key}`}
            onClick={() => void Taro.navigateTo({ url: jobsUrl(t.tab) })}
          >
            <Text className="tech-home__count">{t.count}</Text>
            <Text className="muted">{t.label}</Text>
          </View>
        ))}
      </View>

      <View className="tech-home__section">
        <Text>待办工单</Text>
        <Text className="tech-home__link" onClick={() => void Taro.navigateTo({ url: jobsUrl('done') })}>
          已完成（{groups.finished.length}）›
        </Text>
      </View>
      {open.length === 0 && (
        <View className="card">
          <Text className="muted">
            {pool.length > 0 ? '没有进行中的工单，抢单池里有可抢的工单。' : '暂无进行中的工单'}
          </Text>
        </View>
      )}
      {open.map((job) => (
        <JobCard key={job.id} job={job} />
      ))}

      {open.length === 0 && pool.length > 0 && (
        <>
          <View className="tech-home__section">
            <Text>抢单池</Text>
            <Text className="tech-home__link" onClick={() => void Taro.navigateTo({ url: jobsUrl('pool') })}>
              全部 ›
            </Text>
          </View>
          {pool.slice(0, 3).map((job) => (
            <JobCard key={job.id} job={job} />
          ))}
        </>
      )}

      <View className="card">
        <Text className="card-title">负责项目</Text>
        <RoleGrantList grants={me.roles} roles={TECHNICIAN_ROLES} />
      </View>
    </View>
  );
}

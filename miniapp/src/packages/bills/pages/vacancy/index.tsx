import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Picker, Text, Textarea, View } from '@tarojs/components';
import { shanghaiMonth, VACANCY_STATUS_LABELS, type IMe, type IVacancyApplication } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { ApiError, errorMessage } from '../../../../services/api-error';
import { getMe } from '../../../../services/api/auth';
import { applyVacancy, getMyVacancies } from '../../../../services/api/bills';
import { newClientUploadId } from '../../../../services/api/media';
import { Routes } from '../../../../routes';
import { formatDay, formatPeriod } from '../../../../utils/bills';
import {
  REASON_MAX,
  toVacancyRequest,
  vacancyErrorsFromServer,
  vacancyMonthsText,
  validateVacancy,
  type IVacancyDraft,
  type VacancyErrors,
} from '../../utils/vacancy-form';
import './index.scss';

function Application({ app }: { app: IVacancyApplication }) {
  return (
    <View className="vacancy__app">
      <View className="vacancy__app-head">
        <Text className="vacancy__app-house">{app.houseLabel}</Text>
        <Text className={`vacancy__status vacancy__status--${app.status}`}>
          {VACANCY_STATUS_LABELS[app.status] ?? app.status}
        </Text>
      </View>
      <Text>{vacancyMonthsText(app.fromPeriod, app.toPeriod, formatPeriod)}</Text>
      <Text className="muted">原因：{app.reason}</Text>
      {app.status === 'approved' && (
        <Text className="vacancy__note">
          物业服务费按 {app.discountPercent}% 优惠，将在对应月份的账单中列为「空置房优惠」
        </Text>
      )}
      {app.decisionNote && <Text className="muted">物业意见：{app.decisionNote}</Text>}
      <Text className="muted">申请于 {formatDay(app.appliedAt)}</Text>
    </View>
  );
}

export default function Vacancy() {
  const { params } = useRouter();
  const { state, reload } = useRemoteData(async (): Promise<{ me: IMe; apps: IVacancyApplication[] }> => {
    const me = await getMe();
    return { me, apps: me.houses.length > 0 ? await getMyVacancies() : [] };
  });
  const month = shanghaiMonth(new Date());
  const [draft, setDraft] = useState<IVacancyDraft>({
    houseId: Number(params.houseId) || null,
    fromPeriod: month,
    toPeriod: month,
    reason: '',
  });
  const [errors, setErrors] = useState<VacancyErrors>({});
  const [submitting, setSubmitting] = useState(false);
  // One key per filled-in form: a double tap or a retry after a timeout files one application.
  const submitKey = useRef(newClientUploadId());

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  const { me, apps } = state.data;
  if (me.houses.length === 0) {
    return (
      <View className="card">
        <Text className="card-title">还没有认证的房屋</Text>
        <Text className="muted">认证房屋后才能申请空置房优惠。</Text>
        <Button
          type="primary"
          className="vacancy__submit"
          onClick={() => Taro.navigateTo({ url: Routes.residentHouses })}
        >
          去认证房屋
        </Button>
      </View>
    );
  }
  // One house: nothing to choose.
  const houseId =
    me.houses.length === 1
      ? me.houses[0].houseId
      : me.houses.some((h) => h.houseId === draft.houseId)
        ? draft.houseId
        : null;

  function update(patch: Partial<IVacancyDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors({});
  }

  async function submit() {
    if (submitting) return;
    const filled = { ...draft, houseId };
    const found = validateVacancy(filled, month);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    try {
      await applyVacancy(toVacancyRequest(filled), submitKey.current);
      submitKey.current = newClientUploadId();
      setDraft((d) => ({ ...d, reason: '' }));
      void Taro.showToast({ title: '申请已提交', icon: 'success' });
      await reload();
    } catch (error) {
      setErrors(
        error instanceof ApiError && error.fieldErrors.length > 0
          ? vacancyErrorsFromServer(error.fieldErrors)
          : { form: errorMessage(error) },
      );
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <View className="vacancy">
      <View className="card">
        <Text className="card-title">申请空置房优惠</Text>
        <Text className="muted">
          房屋整月无人居住时，经物业核实批准后，对应月份的物业服务费按比例优惠，在账单中单独列出。
        </Text>

        <Text className="vacancy__label">房屋</Text>
        <View className="vacancy__houses">
          {me.houses.map((h) => (
            <View
              key={h.houseId}
              className={`vacancy__house${houseId === h.houseId ? ' vacancy__house--on' : ''}`}
              onClick={() => update({ houseId: h.houseId })}
            >
              <Text>{h.label}</Text>
            </View>
          ))}
        </View>
        {errors.houseId && <Text className="field-error">{errors.houseId}</Text>}

        <Text className="vacancy__label">空置月份</Text>
        <View className="vacancy__months">
          <Picker
            mode="date"
            fields="month"
            value={draft.fromPeriod}
            start={month}
            onChange={(e) => update({ fromPeriod: String(e.detail.value).slice(0, 7) })}
          >
            <View className="vacancy__month">
              <Text>{formatPeriod(draft.fromPeriod)}</Text>
            </View>
          </Picker>
          <Text className="muted">至</Text>
          <Picker
            mode="date"
            fields="month"
            value={draft.toPeriod}
            start={draft.fromPeriod}
            onChange={(e) => update({ toPeriod: String(e.detail.value).slice(0, 7) })}
          >
            <View className="vacancy__month">
              <Text>{formatPeriod(draft.toPeriod)}</Text>
            </View>
          </Picker>
        </View>
        {(errors.fromPeriod || errors.toPeriod) && (
          <Text className="field-error">{errors.fromPeriod ?? errors.toPeriod}</Text>
        )}

        <Text className="vacancy__label">空置原因</Text>
        <Textarea
          className="vacancy__reason"
          placeholder="例如：房屋装修前空置、长期在外地工作"
          maxlength={REASON_MAX}
          value={draft.reason}
          onInput={(e) => update({ reason: e.detail.value })}
        />
        {errors.reason && <Text className="field-error">{errors.reason}</Text>}
        {errors.form && <Text className="field-error">{errors.form}</Text>}

        <Button
          type="primary"
          className="vacancy__submit"
          loading={submitting || undefined}
          disabled={submitting || undefined}
          onClick={submit}
        >
          提交申请
        </Button>
      </View>

      <View className="card">
        <Text className="card-title">我的申请</Text>
        {apps.length === 0 ? (
          <Text className="muted">还没有空置房申请</Text>
        ) : (
          apps.map((app) => <Application key={app.id} app={app} />)
        )}
      </View>
    </View>
  );
}

import { useEffect, useMemo, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { BindingStatus, RepairScope, Urgency, ticketCategories, type IMe, type IPublicFeeSchedule } from '@app/shared';
import PhotoUploader from '../../../../components/PhotoUploader';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { usePhotoUploads } from '../../../../hooks/use-photo-uploads';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { ApiError, errorMessage } from '../../../../services/api-error';
import { getMe } from '../../../../services/api/auth';
import { getMyBindings } from '../../../../services/api/bindings';
import { getPublicFeeSchedule } from '../../../../services/api/catalog';
import { newClientUploadId } from '../../../../services/api/media';
import { createTicket } from '../../../../services/api/tickets';
import { askSubscribe } from '../../../../services/api/notifications';
import { Routes, ticketUrl } from '../../../../routes';
import PreferredVisitPicker from '../../components/PreferredVisitPicker';
import {
  DESCRIPTION_MAX,
  MAX_PHOTOS,
  draftFromParams,
  hasReportErrors,
  reportErrorsFromServer,
  toCreateTicketRequest,
  validateReportDraft,
  type IReportDraft,
  type ReportField,
  type ReportFormErrors,
} from '../../utils/ticket-form';
import './index.scss';

const SCOPES = [
  { value: RepairScope.Home, label: '户内', hint: '房屋内部设施，按公示标准收费' },
  { value: RepairScope.Public, label: '公共区域', hint: '楼道、电梯等公共设施，免费维修' },
];
const URGENCIES = [
  { value: Urgency.Normal, label: '一般' },
  { value: Urgency.Emergency, label: '紧急' },
];

const REPAIR_WORDS = {
  title: '我要报修',
  house: '报修房屋',
  scope: '报修区域',
  category: '报修类别',
  submit: '提交报修',
  done: '报修已提交',
  placeholder: '请描述问题的位置和现象，如：主卫马桶水箱一直流水',
};
const BOOKING_WORDS = {
  title: '预约服务',
  house: '服务房屋',
  scope: '服务区域',
  category: '服务类别',
  submit: '提交预约',
  done: '预约已提交',
  placeholder: '请说明服务的要求，如：三室两厅，重点清洁厨房和卫生间',
};

interface IReportData {
  me: IMe;
  /** Categories of the schedule in force for each project the resident lives in. */
  schedules: Record<number, IPublicFeeSchedule | null>;
  /** Without a verified house: whether an application is under review (then say so, not 请先认证). */
  reviewing: boolean;
}

async function loadReport(): Promise<IReportData> {
  const me = await getMe();
  const projects = [...new Set(me.houses.map((h) => h.projectId))];
  const schedules: Record<number, IPublicFeeSchedule | null> = {};
  await Promise.all(
    projects.map(async (id) => {
      schedules[id] = await getPublicFeeSchedule(id).catch(() => null);
    }),
  );
  const reviewing =
    me.houses.length === 0 && (await getMyBindings().catch(() => [])).some((b) => b.status === BindingStatus.Pending);
  return { me, schedules, reviewing };
}

export default function Report() {
  const { state, reload } = useRemoteData(loadReport);
  const { params } = useRouter();
  const [draft, setDraft] = useState<IReportDraft>(() => draftFromParams(params));
  const itemName = params.itemName ? decodeURIComponent(params.itemName) : '';
  // 预约此项 on a 收费标准 service item is a paid-service booking, not a fault report: say so everywhere.
  const booking = draft.feeItemCode !== null;
  const words = booking ? BOOKING_WORDS : REPAIR_WORDS;
  useEffect(() => {
    if (booking) void Taro.setNavigationBarTitle({ title: BOOKING_WORDS.title });
  }, [booking]);
  const [errors, setErrors] = useState<ReportFormErrors>({});
  const photos = usePhotoUploads(MAX_PHOTOS, () => setErrors((e) => ({ ...e, mediaIds: undefined })));
  const [submitting, setSubmitting] = useState(false);
  // One key per filled-in form: a double tap or a retry after a timeout creates one ticket.
  const submitKey = useRef(newClientUploadId());

  const houses = useMemo(() => (state.status === 'ready' ? state.data.me.houses : []), [state]);
  useEffect(() => {
    if (draft.houseId === null && houses.length > 0) setDraft((d) => ({ ...d, houseId: houses[0].houseId }));
  }, [draft.houseId, houses]);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  if (houses.length === 0 && state.data.reviewing) {
    return (
      <View className="card report__empty">
        <Text className="card-title">房屋认证审核中</Text>
        <Text className="muted">您的房屋绑定申请正在审核，通过后即可在线报修。紧急情况请致电物业服务中心。</Text>
        <Button className="report__empty-btn" onClick={() => Taro.redirectTo({ url: Routes.residentHouses })}>
          查看申请进度
        </Button>
      </View>
    );
  }

  if (houses.length === 0) {
    return (
      <View className="card report__empty">
        <Text className="card-title">请先认证房屋</Text>
        <Text className="muted">报修需要您已认证的房屋，认证通过后即可在线报修。</Text>
        <Button
          type="primary"
          className="report__empty-btn"
          onClick={() => Taro.redirectTo({ url: Routes.residentHouses })}
        >
          去认证房屋
        </Button>
      </View>
    );
  }

  const house = houses.find((h) => h.houseId === draft.houseId);
  const schedule = house ? state.data.schedules[house.projectId] : null;
  // The same list as the console's 代客报修: no counter category (打字复印) is a repair.
  const categories = ticketCategories(schedule?.categories, 'repair');
  const bookedCategory = categories.find((c) => c.code === draft.category);

  function update(field: ReportField, patch: Partial<IReportDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  }

  async function submit() {
    if (submitting) return;
    askSubscribe('ticketProgress');
    const counts = { pending: photos.uploading, failed: photos.failed };
    const found = validateReportDraft(draft, counts);
    setErrors(found);
    if (hasReportErrors(found)) return;
    setSubmitting(true);
    try {
      const ticket = await createTicket(toCreateTicketRequest(draft, photos.mediaIds), submitKey.current);
      void Taro.showToast({ title: words.done, icon: 'success' });
      await Taro.redirectTo({ url: ticketUrl(ticket.id, true) });
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0)
        setErrors(reportErrorsFromServer(error.fieldErrors));
      else setErrors({ form: errorMessage(error) });
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <View className="report">
      {itemName && (
        <View className="card report__item">
          <Text className="report__item-label">{booking ? '预约项目' : '报修项目'}</Text>
          <Text className="report__item-name">{itemName}</Text>
          {booking && bookedCategory && <Text className="muted report__item-category">{bookedCategory.name}</Text>}
        </View>
      )}
      <View className="card">
        <Text className="card-title">{words.house}</Text>
        <View className="report__chips">
          {houses.map((h) => (
            <View
              key={h.houseId}
              className={`report__chip${draft.houseId === h.houseId ? ' report__chip--on' : ''}`}
              onClick={() => update('houseId', { houseId: h.houseId, category: booking ? draft.category : null })}
            >
              <Text>{h.label}</Text>
            </View>
          ))}
        </View>
        {errors.houseId && <Text className="field-error">{errors.houseId}</Text>}
        {/* A booked item fixes what and where (its category, in the home): only house, wishes and time are asked. */}
        {booking && (errors.scope || errors.category) && (
          <Text className="field-error">{errors.scope ?? errors.category}</Text>
        )}
        {!booking && (
          <>
            <Text className="report__label">{words.scope}</Text>
            <View className="report__segments">
              {SCOPES.map((s) => (
                <View
                  key={s.value}
                  className={`report__segment${draft.scope === s.value ? ' report__segment--on' : ''}`}
                  onClick={() => update('scope', { scope: s.value })}
                >
                  <Text>{s.label}</Text>
                </View>
              ))}
            </View>
            {draft.scope && (
              <Text className="muted report__hint">{SCOPES.find((s) => s.value === draft.scope)?.hint}</Text>
            )}
            {errors.scope && <Text className="field-error">{errors.scope}</Text>}

            <Text className="report__label">{words.category}</Text>
            {categories.length === 0 && <Text className="muted">暂未读取到收费标准的类别，请稍后下拉刷新。</Text>}
            <View className="report__chips">
              {categories.map((c) => (
                <View
                  key={c.code}
                  className={`report__chip${draft.category === c.code ? ' report__chip--on' : ''}`}
                  onClick={() => update('category', { category: c.code })}
                >
                  <Text>{c.name}</Text>
                </View>
              ))}
            </View>
            {errors.category && <Text className="field-error">{errors.category}</Text>}

            <Text className="report__label">紧急程度</Text>
            <View className="report__segments">
              {URGENCIES.map((u) => (
                <View
                  key={u.value}
                  className={`report__segment${draft.urgency === u.value ? ' report__segment--on' : ''}${u.value === Urgency.Emergency && draft.urgency === u.value ? ' report__segment--danger' : ''}`}
                  onClick={() => update('urgency', { urgency: u.value })}
                >
                  <Text>{u.label}</Text>
                </View>
              ))}
            </View>
            {draft.urgency === Urgency.Emergency && (
              <Text className="muted report__hint">漏水、断电等紧急情况请同时致电物业服务中心</Text>
            )}
          </>
        )}
      </View>

      <View className="card">
        <Text className="card-title">{booking ? '服务要求' : '问题描述'}</Text>
        <View className={`report__textarea-box${errors.description ? ' report__textarea-box--invalid' : ''}`}>
          <Textarea
            className="report__textarea"
            placeholder={words.placeholder}
            maxlength={DESCRIPTION_MAX}
            value={draft.description}
            onInput={(e) => update('description', { description: e.detail.value })}
          />
        </View>
        <Text className="muted report__count">
          {draft.description.length}/{DESCRIPTION_MAX}
        </Text>
        {errors.description && <Text className="field-error">{errors.description}</Text>}

        <Text className="report__label">
          现场照片 <Text className="muted">（选填，最多 {MAX_PHOTOS} 张）</Text>
        </Text>
        <PhotoUploader uploads={photos} />
        {errors.mediaIds && <Text className="field-error">{errors.mediaIds}</Text>}
      </View>

      <PreferredVisitPicker
        date={draft.preferredDate}
        window={draft.preferredWindow}
        error={errors.preferred}
        onChange={(patch) => update('preferred', patch)}
      />

      <View className="report__actions">
        {errors.form && <Text className="danger report__form-error">{errors.form}</Text>}
        {hasReportErrors(errors) && !errors.form && (
          <Text className="danger report__form-error">请按提示修改后再提交</Text>
        )}
        <Button type="primary" loading={submitting || undefined} disabled={submitting || undefined} onClick={submit}>
          {words.submit}
        </Button>
      </View>
    </View>
  );
}

import { useEffect, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { IMe, ITicket } from '@app/shared';
import PhotoUploader from '../../../../components/PhotoUploader';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { usePhotoUploads } from '../../../../hooks/use-photo-uploads';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { ApiError, errorMessage } from '../../../../services/api-error';
import { getMe } from '../../../../services/api/auth';
import { createComplaint } from '../../../../services/api/complaints';
import { getTicket } from '../../../../services/api/tickets';
import { Routes, complaintUrl } from '../../../../routes';
import {
  CATEGORY_OPTIONS,
  COMPLAINT_DESCRIPTION_MAX,
  COMPLAINT_PHOTOS_MAX,
  complaintErrorsFromServer,
  hasErrors,
  toComplaintRequest,
  validateComplaint,
  type ComplaintErrors,
  type ComplaintField,
  type IComplaintDraft,
} from '../../utils/complaint-form';
import '../complaints/index.scss';

interface IData {
  me: IMe;
  /** The request the complaint is about (投诉此单), if any. */
  ticket: ITicket | null;
}

/** 我要投诉: category, what happened, photos; optionally about one of the resident's requests. */
export default function NewComplaint() {
  const { params } = useRouter();
  const ticketId = Number(params.ticketId) > 0 ? Number(params.ticketId) : null;
  const { state, reload } = useRemoteData<IData>(async () => {
    const [me, ticket] = await Promise.all([getMe(), ticketId ? getTicket(ticketId) : Promise.resolve(null)]);
    return { me, ticket };
  });
  const [draft, setDraft] = useState<IComplaintDraft>({ houseId: null, ticketId, category: null, description: '' });
  const [errors, setErrors] = useState<ComplaintErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const photos = usePhotoUploads(COMPLAINT_PHOTOS_MAX, () => setErrors((e) => ({ ...e, mediaIds: undefined })));
  const houses = useMemo(() => (state.status === 'ready' ? state.data.me.houses : []), [state]);
  const ticket = state.status === 'ready' ? state.data.ticket : null;

  useEffect(() => {
    if (draft.houseId !== null) return;
    const houseId = ticket?.houseId ?? houses[0]?.houseId ?? null;
    if (houseId !== null) setDraft((d) => ({ ...d, houseId }));
  }, [draft.houseId, houses, ticket?.houseId]);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;
  if (houses.length === 0 && !ticket) {
    return (
      <View className="card">
        <Text className="card-title">请先认证房屋</Text>
        <Text className="muted">投诉需要您已认证的房屋。也可以直接致电物业服务中心。</Text>
        <Button type="primary" onClick={() => Taro.redirectTo({ url: Routes.residentHouses })}>
          去认证房屋
        </Button>
      </View>
    );
  }

  function update(field: ComplaintField, patch: Partial<IComplaintDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  }

  async function submit() {
    if (submitting) return;
    const found = validateComplaint(draft, { pending: photos.uploading, failed: photos.failed });
    setErrors(found);
    if (hasErrors(found)) return;
    setSubmitting(true);
    try {
      const created = await createComplaint(toComplaintRequest(draft, photos.mediaIds));
      void Taro.showToast({ title: '投诉已提交', icon: 'success' });
      await Taro.redirectTo({ url: complaintUrl(created.id, true) });
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0)
        setErrors(complaintErrorsFromServer(error.fieldErrors));
      else setErrors({ form: errorMessage(error) });
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <View className="cp">
      <View className="card">
        {ticket && (
          <Text className="cp__about">
            投诉工单 {ticket.serial}：{ticket.description}
          </Text>
        )}
        {!ticket && (
          <>
            <Text className="card-title">投诉涉及的房屋</Text>
            <View className="cp__chips">
              {houses.map((h) => (
                <View
                  key={h.houseId}
                  className={`cp__chip${draft.houseId === h.houseId ? ' cp__chip--on' : ''}`}
                  onClick={() => update('houseId', { houseId: h.houseId })}
                >
                  <Text>{h.label}</Text>
                </View>
              ))}
            </View>
          </>
        )}
        {errors.houseId && <Text className="field-error">{errors.houseId}</Text>}
        <Text className="cp__label">投诉类别</Text>
        <View className="cp__chips">
          {CATEGORY_OPTIONS.map((c) => (
            <View
              key={c.code}
              className={`cp__chip${draft.category === c.code ? ' cp__chip--on' : ''}`}
              onClick={() => update('category', { category: c.code })}
            >
              <Text>{c.name}</Text>
            </View>
          ))}
        </View>
        {errors.category && <Text className="field-error">{errors.category}</Text>}
      </View>

      <View className="card">
        <Text className="card-title">投诉内容</Text>
        <View className={`cp__textarea-box${errors.description ? ' cp__textarea-box--invalid' : ''}`}>
          <Textarea
            className="cp__textarea"
            placeholder="请说明发生了什么、涉及的人员和时间，以及您希望的处理方式"
            maxlength={COMPLAINT_DESCRIPTION_MAX}
            value={draft.description}
            onInput={(e) => update('description', { description: e.detail.value })}
          />
        </View>
        <Text className="muted cp__count">
          {draft.description.length}/{COMPLAINT_DESCRIPTION_MAX}
        </Text>
        {errors.description && <Text className="field-error">{errors.description}</Text>}
        <Text className="cp__label">
          照片证据 <Text className="muted">（选填，最多 {COMPLAINT_PHOTOS_MAX} 张）</Text>
        </Text>
        <PhotoUploader uploads={photos} />
        {errors.mediaIds && <Text className="field-error">{errors.mediaIds}</Text>}
      </View>

      <View className="card">
        <Text className="muted">
          提交后物业会指定专人跟进，并在规定时间内与您联系；处理结果需要您确认，不满意可以提出异议。
        </Text>
      </View>
      {errors.form && <Text className="danger cp__item">{errors.form}</Text>}
      {hasErrors(errors) && !errors.form && <Text className="danger cp__item">请按提示修改后再提交</Text>}
      <View className="cp__actions">
        <Button type="primary" loading={submitting || undefined} disabled={submitting || undefined} onClick={submit}>
          提交投诉
        </Button>
      </View>
    </View>
  );
}

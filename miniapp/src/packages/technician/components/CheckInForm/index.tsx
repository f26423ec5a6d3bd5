import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import PhotoUploader from '../../../../components/PhotoUploader';
import { usePhotoUploads } from '../../../../hooks/use-photo-uploads';

interface IProps {
  busy: boolean;
  onSubmit: (mediaIds: number[]) => Promise<void>;
}

const MAX_CHECK_IN_PHOTOS = 3;

/** 到场签到 with an optional photo of the door or the fault as found (the record of being there). */
export default function CheckInForm({ busy, onSubmit }: IProps) {
  const [hint, setHint] = useState<string | null>(null);
  const photos = usePhotoUploads(MAX_CHECK_IN_PHOTOS, () => setHint(null));

  function submit() {
    if (photos.uploading > 0 || photos.failed > 0) return setHint('请等待照片上传完成，或删除失败的照片');
    void onSubmit(photos.mediaIds);
  }

  return (
    <View className="card">
      <Text className="card-title">到场签到</Text>
      <Text className="muted job__hint">可拍一张门牌或故障现场照片（选填），随签到记录保存。</Text>
      <PhotoUploader uploads={photos} addLabel="现场照片" />
      {hint && <Text className="field-error">{hint}</Text>}
      <Button
        className="job__submit"
        type="primary"
        loading={busy || undefined}
        disabled={busy || undefined}
        onClick={submit}
      >
        确认到场
      </Button>
    </View>
  );
}

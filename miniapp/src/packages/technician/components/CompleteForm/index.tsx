import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { ICompleteRequest } from '@app/shared';
import PhotoUploader from '../../../../components/PhotoUploader';
import { usePhotoUploads } from '../../../../hooks/use-photo-uploads';

interface IProps {
  busy: boolean;
  onSubmit: (body: ICompleteRequest) => Promise<void>;
}

type Field = 'result' | 'photos';

const MAX_AFTER_PHOTOS = 9;

/** 完工: the required 处理结果 and at least one photo of the finished work. Each message clears once its field changes. */
export default function CompleteForm({ busy, onSubmit }: IProps) {
  const [result, setResult] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const photos = usePhotoUploads(MAX_AFTER_PHOTOS, () => setErrors((e) => ({ ...e, photos: undefined })));

  function submit() {
    const found: Partial<Record<Field, string>> = {};
    if (!result.trim()) found.result = '请填写处理结果';
    if (photos.uploading > 0 || photos.failed > 0) found.photos = '请等待照片上传完成，或删除失败的照片';
    else if (photos.mediaIds.length === 0) found.photos = '请至少上传一张完工照片';
    setErrors(found);
    if (found.result || found.photos) return;
    void onSubmit({ result: result.trim(), mediaIds: photos.mediaIds });
  }

  return (
    <View className="card">
      <Text className="card-title">完工</Text>
      <View className={`job__textarea-box${errors.result ? ' job__textarea-box--invalid' : ''}`}>
        <Textarea
          className="job__textarea"
          placeholder="处理结果，如：更换进水阀，试水 10 分钟无渗漏"
          maxlength={500}
          value={result}
          onInput={(e) => {
            setResult(e.detail.value);
            if (e.detail.value.trim()) setErrors((x) => ({ ...x, result: undefined }));
          }}
        />
      </View>
      {errors.result && <Text className="field-error">{errors.result}</Text>}
      <Text className="job__label">完工照片</Text>
      <PhotoUploader uploads={photos} />
      {errors.photos && <Text className="field-error">{errors.photos}</Text>}
      <Button
        className="job__submit"
        type="primary"
        loading={busy || undefined}
        disabled={busy || undefined}
        onClick={submit}
      >
        提交完工
      </Button>
    </View>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import { describeError } from '../api/api-error';
import { newClientUploadId, uploadPhoto } from '../api/media';

export const MAX_PHOTOS = 9;

/** Photos for a ticket, uploaded as they are picked; `onChange` receives the ids of the stored ones, in order. */
export function PhotoUploader({ onChange }: { onChange(mediaIds: number[]): void }) {
  const [files, setFiles] = useState<UploadFile[]>([]);
  // antd owns the list's statuses; the stored media id of each file is kept beside it, by uid.
  const stored = useRef(new Map<string, number>());

  function report(list: UploadFile[]) {
    onChange(
      list.filter((f) => f.status === 'done' && stored.current.has(f.uid)).map((f) => stored.current.get(f.uid)!),
    );
  }

  return (
    <Upload
      listType="picture-card"
      accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
      multiple
      maxCount={MAX_PHOTOS}
      fileList={files}
      data-testid="photo-uploader"
      onChange={({ fileList }) => {
        setFiles(fileList);
        report(fileList);
      }}
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        const picked = file as File & { uid: string };
        uploadPhoto(picked, picked.name || 'photo.jpg', newClientUploadId(), (percent) => onProgress?.({ percent }))
          .then((media) => {
            stored.current.set(picked.uid, media.id);
            onSuccess?.(media);
          })
          .catch((err: unknown) => onError?.(new Error(describeError(err))));
      }}
    >
      {files.length >= MAX_PHOTOS ? null : (
        <div>
          <PlusOutlined />
          <div style={{ marginTop: 8 }}>添加照片</div>
        </div>
      )}
    </Upload>
  );
}

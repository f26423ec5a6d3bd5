import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { IPhotoUploads } from '../../hooks/use-photo-uploads';
import './index.scss';

interface IProps {
  uploads: IPhotoUploads;
  addLabel?: string;
}

/** Thumbnails with upload progress, tap-to-retry on a failure, × to delete before submitting, and an add tile. */
export default function PhotoUploader({ uploads, addLabel = '添加照片' }: IProps) {
  const { photos, max } = uploads;
  return (
    <View className="photo-uploader">
      <View className="photo-uploader__grid">
        {photos.map((p) => (
          <View key={p.key} className="photo-uploader__photo">
            <Image
              className="photo-uploader__img"
              src={p.path}
              mode="aspectFill"
              onClick={() => void Taro.previewImage({ urls: photos.map((x) => x.path), current: p.path })}
            />
            {p.status === 'uploading' && (
              <View className="photo-uploader__mask">
                <Text>{p.progress > 0 ? `${p.progress}%` : '上传中'}</Text>
              </View>
            )}
            {p.status === 'failed' && (
              <View
                className="photo-uploader__mask photo-uploader__mask--failed"
                onClick={() => void uploads.retry(p.key)}
              >
                <Text>上传失败</Text>
                <Text className="photo-uploader__retry">点击重试</Text>
              </View>
            )}
            <View className="photo-uploader__remove" aria-label="删除照片" onClick={() => uploads.remove(p.key)}>
              <Text>×</Text>
            </View>
          </View>
        ))}
        {photos.length < max && (
          <View className="photo-uploader__photo photo-uploader__add" onClick={() => void uploads.add()}>
            <Text className="photo-uploader__plus">+</Text>
            <Text className="muted">{addLabel}</Text>
          </View>
        )}
      </View>
      {uploads.error && <Text className="field-error">{uploads.error}</Text>}
    </View>
  );
}

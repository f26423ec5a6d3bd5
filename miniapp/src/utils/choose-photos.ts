import Taro from '@tarojs/taro';

/**
 * H5: Taro's chooseImage opens the browser's file chooser and answers blob: URLs, which Taro.uploadFile reads back.
 * (chooseMedia is weapp-only; choose-photos.weapp.ts is the WeChat one.) Resolves [] when the user backs out.
 */
export async function choosePhotos(count: number): Promise<string[]> {
  try {
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFilePaths.slice(0, count);
  } catch {
    return [];
  }
}

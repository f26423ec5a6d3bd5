import Taro from '@tarojs/taro';

/**
 * weapp: chooseMedia (images only, compressed so 12–50 MP camera photos upload quickly). `tempFiles` is an array
 * (wechat.md §A6). Resolves [] when the user cancels.
 */
export async function choosePhotos(count: number): Promise<string[]> {
  try {
    const res = await Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
    });
    return res.tempFiles.map((file) => file.tempFilePath).slice(0, count);
  } catch {
    return [];
  }
}

import Taro from '@tarojs/taro';

/**
 * weapp: the phone's own encoder shrinks a 12–50 MP camera photo to ~1600 px wide before it goes over a mobile
 * network (the server keeps photos, not originals). `compressedWidth` needs base library 2.26; older ones ignore it
 * and still re-encode at `quality`. Any failure uploads the original: a large photo is better than none.
 */
export async function compressPhoto(path: string): Promise<string> {
  try {
    const res = await Taro.compressImage({ src: path, quality: 80, compressedWidth: 1600 });
    return res.tempFilePath || path;
  } catch {
    return path;
  }
}

import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Role } from '@app/shared';
import Taro from '../mocks/taro';
import { envelope, staff, tokenPair } from '../fixtures';
import { saveSession } from '../../src/services/session';
import PhotoUploader from '../../src/components/PhotoUploader';
import { usePhotoUploads } from '../../src/hooks/use-photo-uploads';
import { scaledSize } from '../../src/utils/compress-photo';

const chosen = vi.hoisted(() => ({ paths: [] as string[] }));
vi.mock('../../src/utils/choose-photos', () => ({
  choosePhotos: vi.fn(async (count: number) => chosen.paths.slice(0, count)),
}));
vi.mock('../../src/utils/compress-photo', async (original) => ({
  ...(await original<typeof import('../../src/utils/compress-photo')>()),
  compressPhoto: vi.fn(async (path: string) => `${path}#small`),
}));

function Harness({ max = 3 }: { max?: number }) {
  const uploads = usePhotoUploads(max);
  return (
    <div>
      <PhotoUploader uploads={uploads} />
      <span data-testid="ids">{uploads.mediaIds.join(',')}</span>
    </div>
  );
}

type UploadCall = { filePath: string; formData: { clientUploadId: string } };
const uploadCall = (i: number) => Taro.uploadFile.mock.calls[i][0] as UploadCall;

describe('PhotoUploader + usePhotoUploads', () => {
  it('uploads the compressed copy, retries a failure under the same upload id, and deletes before submit', async () => {
    saveSession(tokenPair(staff([Role.Technician])));
    chosen.paths = ['blob:a', 'blob:b'];
    let n = 0;
    Taro.uploadFile.mockImplementation(async ({ filePath }: { filePath: string }) => {
      n += 1;
      if (filePath === 'blob:b#small' && n === 2)
        return { statusCode: 413, data: JSON.stringify(envelope('MEDIA_TOO_LARGE', '图片过大')) };
      return { statusCode: 201, data: JSON.stringify({ id: filePath === 'blob:a#small' ? 7 : 8 }) };
    });
    render(<Harness />);
    fireEvent.click(screen.getByText('添加照片'));

    expect(await screen.findByText('点击重试')).toBeTruthy();
    expect(screen.getByText('图片过大')).toBeTruthy();
    expect(screen.getByTestId('ids').textContent).toBe('7');
    expect(uploadCall(0).filePath).toBe('blob:a#small');
    const failedId = uploadCall(1).formData.clientUploadId;
    expect(failedId).not.toBe(uploadCall(0).formData.clientUploadId);

    fireEvent.click(screen.getByText('点击重试'));
    await waitFor(() => expect(screen.getByTestId('ids').textContent).toBe('7,8'));
    expect(uploadCall(2).formData.clientUploadId).toBe(failedId);
    expect(screen.queryByText('图片过大')).toBeNull();

    fireEvent.click(document.querySelectorAll('.photo-uploader__remove')[0]);
    expect(screen.getByTestId('ids').textContent).toBe('8');
    expect(document.querySelectorAll('.photo-uploader__img')).toHaveLength(1);
  });

  it('shows progress while uploading and offers no add tile once full', async () => {
    saveSession(tokenPair(staff([Role.Technician])));
    chosen.paths = ['blob:a', 'blob:b', 'blob:c'];
    let finish: (v: unknown) => void = () => undefined;
    Taro.uploadFile.mockImplementation(() => {
      const task = new Promise((resolve) => {
        finish = resolve;
      }) as Promise<unknown> & { onProgressUpdate?: (cb: (r: { progress: number }) => void) => void };
      task.onProgressUpdate = (cb) => cb({ progress: 40 });
      return task;
    });
    render(<Harness max={1} />);
    fireEvent.click(screen.getByText('添加照片'));
    expect(await screen.findByText('40%')).toBeTruthy();
    expect(screen.queryByText('添加照片')).toBeNull();
    finish({ statusCode: 201, data: JSON.stringify({ id: 3 }) });
    await waitFor(() => expect(screen.getByTestId('ids').textContent).toBe('3'));
    expect(Taro.uploadFile).toHaveBeenCalledTimes(1);
  });
});

describe('compression size', () => {
  it('shrinks the longest side to 1600 px and leaves small photos alone', () => {
    expect(scaledSize(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(scaledSize(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(scaledSize(1200, 900)).toBeNull();
  });
});

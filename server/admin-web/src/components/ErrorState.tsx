import { ReloadOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { describeError, isApiError } from '../api/api-error';

/** A failed load, with a retry. Forbidden/not-found get their own wording: retrying will not help there. */
export function ErrorState({
  error,
  onRetry,
  title = '数据加载失败',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  if (isApiError(error) && error.status === 403) {
    return (
      <Result status="403" title="无权查看" subTitle="当前账号在所选项目下没有此功能的权限，可切换项目或联系管理员。" />
    );
  }
  if (isApiError(error) && error.status === 404) {
    return <Result status="404" title="内容不存在" subTitle="它可能已被删除，或不属于当前项目。" />;
  }
  return (
    <Result
      status="warning"
      title={title}
      subTitle={describeError(error, '请检查网络后重试')}
      extra={
        onRetry ? (
          <Button type="primary" icon={<ReloadOutlined />} onClick={onRetry}>
            重试
          </Button>
        ) : null
      }
    />
  );
}

import { Button, Text, View } from '@tarojs/components';
import './index.scss';

interface IProps {
  loading?: boolean;
  error?: string;
  onRetry?: () => void;
}

/** Loading and failure states shared by every page, so none of them shows a blank screen. */
export default function StatusView({ loading, error, onRetry }: IProps) {
  if (loading) {
    return (
      <View className="status-view">
        <Text className="muted">加载中…</Text>
      </View>
    );
  }
  if (!error) return null;
  return (
    <View className="status-view">
      <Text className="danger status-view__message">{error}</Text>
      {onRetry && (
        <Button className="status-view__retry" size="mini" onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  );
}

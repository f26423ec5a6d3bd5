import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * Catches render errors and failed lazy chunks. After a deploy, an open tab asks for chunk names that
 * no longer exist; a reload fetches the new index.html and fixes it.
 */
export class RouteErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(prev: { resetKey?: string }) {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title="页面加载失败"
        subTitle="系统可能刚刚更新，或网络不稳定。刷新页面通常可以解决。"
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Button>
        }
      />
    );
  }
}

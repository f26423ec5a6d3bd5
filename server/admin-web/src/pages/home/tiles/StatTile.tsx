import { ArrowRightOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Skeleton, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../../../api/api-error';
import type { AsyncState } from '../../../lib/use-async';

/** A link under a tile, to the page where the work is done. */
export function TileLink({ to, label }: { to: string; label: string }) {
  const navigate = useNavigate();
  return (
    <Button type="link" style={{ padding: 0, marginTop: 8 }} onClick={() => navigate(to)}>
      {label} <ArrowRightOutlined />
    </Button>
  );
}

/** A failed load inside a tile: the reason and a retry, never a bare dash. */
export function TileError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div data-testid="tile-error">
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        加载失败：{describeError(error, '请检查网络后重试')}
      </Typography.Text>
      <Button size="small" icon={<ReloadOutlined />} onClick={onRetry} style={{ marginTop: 6 }}>
        重试
      </Button>
    </div>
  );
}

interface StatTileProps<T> {
  title: string;
  state: AsyncState<T>;
  /** The number shown; strings are shown as they are (money already formatted from fen). */
  value: (data: T) => number | string;
  suffix?: string;
  /** Shown under the number when it is zero or empty: what "nothing to do" means here. */
  emptyHint?: (data: T) => string | null;
  extra?: (data: T) => ReactNode;
  link?: { to: string; label: string };
  testId?: string;
  /** Highlight a count that waits for this person. */
  urgent?: (data: T) => boolean;
}

/** One workbench figure with its loading skeleton, its error and retry, and a link to where it is worked. */
export function StatTile<T>({ title, state, value, suffix, emptyHint, extra, link, testId, urgent }: StatTileProps<T>) {
  const data = state.data;
  let body: ReactNode;
  if (state.error && data === undefined) body = <TileError error={state.error} onRetry={state.reload} />;
  else if (data === undefined) body = <Skeleton active paragraph={{ rows: 1 }} title={{ width: '40%' }} />;
  else {
    const hint = emptyHint?.(data);
    body = (
      <>
        <Statistic
          value={value(data)}
          suffix={suffix}
          styles={{ content: urgent?.(data) ? { color: '#d4380d' } : undefined }}
        />
        {hint ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hint}
          </Typography.Text>
        ) : null}
        {extra?.(data)}
      </>
    );
  }
  return (
    <Card variant="borderless" style={{ height: '100%' }} data-testid={testId}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div style={{ marginTop: 4 }}>{body}</div>
      {link ? <TileLink to={link.to} label={link.label} /> : null}
    </Card>
  );
}

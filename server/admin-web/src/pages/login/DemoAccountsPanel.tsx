import { ExperimentOutlined } from '@ant-design/icons';
import { ROLE_LABELS, Role, type IDemoAccount } from '@app/shared';
import { Avatar, Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { getDemoAccounts } from '../../api/auth';
import { useAsync } from '../../lib/use-async';
import { consoleDemoAccounts } from './demo-accounts';

interface Props {
  pickedUserId: number | null;
  onPick(account: IDemoAccount, demoPassword: string): void;
}

/** Shown only when /api/meta says the server runs the demo: fills the form, never signs in by itself. */
export function DemoAccountsPanel({ pickedUserId, onPick }: Props) {
  const { data, loading, error } = useAsync(getDemoAccounts, []);
  const accounts = data ? consoleDemoAccounts(data.accounts) : [];

  return (
    <Card
      className="demo-panel"
      data-testid="demo-panel"
      title={
        <span>
          <ExperimentOutlined style={{ color: '#d46b08', marginInlineEnd: 8 }} />
          演示环境 · 员工演示账号
        </span>
      }
      extra={<Tag color="orange">仅演示数据</Tag>}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        点击账号即可填入用户名与演示密码{data ? <Typography.Text code>{data.demoPassword}</Typography.Text> : null}，再点“登录”。
      </Typography.Paragraph>
      {loading ? <Skeleton active paragraph={{ rows: 5 }} /> : null}
      {error ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="演示账号暂时无法加载" /> : null}
      <div className="demo-list">
        {data &&
          accounts.map((account) => (
            <button
              type="button"
              key={account.userId}
              className={`demo-item${pickedUserId === account.userId ? ' demo-item-picked' : ''}`}
              onClick={() => onPick(account, data.demoPassword)}
              data-username={account.username ?? ''}
            >
              <Avatar style={{ background: '#1668dc', flex: 'none' }}>{account.name.slice(0, 1)}</Avatar>
              <span className="demo-item-body">
                <span className="demo-item-title">
                  <strong>{account.name}</strong>
                  <Typography.Text type="secondary">{account.username}</Typography.Text>
                  <span style={{ flex: 1 }} />
                  {account.roles.map((role) => (
                    <Tag key={role} color={role === Role.Admin ? 'red' : 'blue'} variant="filled" style={{ marginInlineEnd: 0 }}>
                      {ROLE_LABELS[role]}
                    </Tag>
                  ))}
                </span>
                <span className="demo-item-desc">{account.description}</span>
              </span>
            </button>
          ))}
      </div>
    </Card>
  );
}

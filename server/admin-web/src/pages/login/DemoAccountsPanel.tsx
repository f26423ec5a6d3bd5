import { ExperimentOutlined } from '@ant-design/icons';
import { Card, Tag, Typography } from 'antd';

/**
 * Shown only when /api/meta says the server runs the demo. Staff accounts are never offered for
 * password-free sign-in (the server lists residents and technicians only): staff type their password.
 */
export function DemoAccountsPanel() {
  return (
    <Card
      className="demo-panel"
      data-testid="demo-panel"
      title={
        <span>
          <ExperimentOutlined style={{ color: '#d46b08', marginInlineEnd: 8 }} />
          演示环境
        </span>
      }
      extra={<Tag color="orange">仅演示数据</Tag>}
    >
      <Typography.Paragraph style={{ marginTop: 0 }}>
        员工账号不提供免密码登录，请输入用户名和密码。演示数据中各岗位的员工账号与密码见项目 README 的演示账号表。
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        住户和维修师傅可在小程序 H5（<Typography.Link href="/h5/">/h5/</Typography.Link>）使用演示登录。
      </Typography.Paragraph>
    </Card>
  );
}

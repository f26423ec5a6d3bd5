import {
  BarChartOutlined,
  ClockCircleOutlined,
  CrownOutlined,
  FileDoneOutlined,
  WalletOutlined,
  AlertOutlined,
  ApartmentOutlined,
  HistoryOutlined,
  IdcardOutlined,
  LockOutlined,
  AppstoreOutlined,
  PhoneOutlined,
  SendOutlined,
  SolutionOutlined,
  AuditOutlined,
  AccountBookOutlined,
  ReconciliationOutlined,
  DollarOutlined,
  FileTextOutlined,
  GiftOutlined,
  PrinterOutlined,
  ProfileOutlined,
  SettingOutlined,
  FileAddOutlined,
  HomeOutlined,
  LogoutOutlined,
  TeamOutlined,
  TagsOutlined,
  ToolOutlined,
  UserOutlined,
  TagOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  ThunderboltOutlined,
  ContainerOutlined,
  NotificationOutlined,
  LineChartOutlined,
  SoundOutlined,
  FrownOutlined,
  CalculatorOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  UnorderedListOutlined,
  RollbackOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS } from '@app/shared';
import { Avatar, Dropdown, Layout, Menu, Select, Space, Tag, Typography, type MenuProps } from 'antd';
import { Suspense, useMemo, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useSession } from '../auth/session';
import { PageSkeleton } from '../components/PageSkeleton';
import { RouteErrorBoundary } from '../components/RouteErrorBoundary';
import { buildMenu, PAGES, type PageKey } from './access';
import { ProjectProvider, useProject } from './project-context';
import { NotificationBell } from '../components/notifications/NotificationBell';

const ICONS: Record<PageKey, ReactNode> = {
  home: <AppstoreOutlined />,
  tickets: <SolutionOutlined />,
  'ticket-new': <PhoneOutlined />,
  'dispatch-queue': <SendOutlined />,
  escalated: <AlertOutlined />,
  bindings: <AuditOutlined />,
  houses: <HomeOutlined />,
  'building-managers': <TeamOutlined />,
  technicians: <ToolOutlined />,
  cash: <DollarOutlined />,
  'counter-sales': <PrinterOutlined />,
  charges: <AccountBookOutlined />,
  waivers: <GiftOutlined />,
  'price-lists': <ProfileOutlined />,
  'fee-schedule': <FileTextOutlined />,
  'company-settings': <SettingOutlined />,
  'service-categories': <TagsOutlined />,
  organization: <ApartmentOutlined />,
  'staff-accounts': <IdcardOutlined />,
  'audit-log': <HistoryOutlined />,
  'change-password': <LockOutlined />,
  'billing-items': <TagOutlined />,
  readings: <DashboardOutlined />,
  vacancies: <FieldTimeOutlined />,
  'vacancy-apply': <FileAddOutlined />,
  'bill-runs': <ThunderboltOutlined />,
  bills: <ContainerOutlined />,
  arrears: <NotificationOutlined />,
  'collection-rate': <LineChartOutlined />,
  announcements: <SoundOutlined />,
  complaints: <FrownOutlined />,
  'prepay-accounts': <WalletOutlined />,
  'prepay-offers': <CrownOutlined />,
  invoices: <FileDoneOutlined />,
  reconciliation: <ReconciliationOutlined />,
  cashier: <CalculatorOutlined />,
  'payment-approvals': <SafetyCertificateOutlined />,
  handover: <ScheduleOutlined />,
  payments: <UnorderedListOutlined />,
  refunds: <RollbackOutlined />,
  'sla-policies': <ClockCircleOutlined />,
  'sla-report': <BarChartOutlined />,
};

export function ConsoleLayout() {
  return (
    <ProjectProvider>
      <Shell />
    </ProjectProvider>
  );
}

function Shell() {
  const navigate = useNavigate();
  const location = useLocation();
  const { roles } = useProject();

  const menuItems: MenuProps['items'] = useMemo(
    () =>
      buildMenu(roles).map((group) => ({
        type: 'group' as const,
        key: group.key,
        label: group.label,
        children: group.items.map((page) => ({ key: page.path, icon: ICONS[page.key], label: page.label })),
      })),
    [roles],
  );
  // Longest match wins: /tickets/new is 代客报修, not 工单中心.
  const selected =
    PAGES.filter((p) => p.path !== '/' && location.pathname.startsWith(p.path)).sort(
      (a, b) => b.path.length - a.path.length,
    )[0]?.path ?? '/';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider className="no-print" width={216} breakpoint="lg" collapsedWidth={64}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 10, height: 64, padding: '0 20px' }}>
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={28} height={28} />
          <span style={{ color: '#fff', fontSize: 16, fontWeight: 600, whiteSpace: 'nowrap' }}>物业服务工作台</span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          items={menuItems}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Header />
        <Layout.Content style={{ padding: 24 }}>
          <RouteErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<PageSkeleton />}>
              <Outlet />
            </Suspense>
          </RouteErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function Header() {
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const { projects, project, selectProject, loading, roles } = useProject();

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <LockOutlined />, label: '修改密码' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
    ],
    onClick: async ({ key }) => {
      if (key === 'password') return navigate('/change-password');
      if (key !== 'logout') return;
      await signOut();
      navigate('/login', { replace: true });
    },
  };

  return (
    <Layout.Header
      className="no-print"
      style={{ display: 'flex', alignItems: 'center', gap: 16, borderBottom: '1px solid #e8ebf0' }}
    >
      <Space size={8}>
        <Typography.Text type="secondary">当前项目</Typography.Text>
        <Select
          aria-label="切换项目"
          data-testid="project-switcher"
          style={{ minWidth: 200 }}
          loading={loading}
          value={project?.id}
          placeholder={loading ? '加载中…' : '暂无项目'}
          onChange={selectProject}
          options={projects.map((p) => ({ value: p.id, label: `${p.name}（${p.regionName}）` }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Space>
      <div style={{ flex: 1 }} />
      <Space size={4} wrap={false} data-testid="role-tags">
        {roles.map((role) => (
          <Tag key={role} color="blue" style={{ marginInlineEnd: 0 }}>
            {ROLE_LABELS[role]}
          </Tag>
        ))}
      </Space>
      <NotificationBell />
      <Dropdown menu={userMenu} placement="bottomRight" trigger={['click']}>
        <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1668dc' }} />
          <span data-testid="user-name">{me.name}</span>
        </Space>
      </Dropdown>
    </Layout.Header>
  );
}

import type { IProjectSummary } from '@app/shared';
import { Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { Forbidden } from '../components/Forbidden';
import { ErrorState } from '../components/ErrorState';
import { canOpen, pageByKey, type PageKey } from './access';
import { useProject } from './project-context';

/** Renders a page only once a project is selected and the user's roles there allow the page. */
export function PageGuard({ page, children }: { page: PageKey; children: ReactNode }) {
  const { loading, error, reload, project, roles } = useProject();
  if (loading && !project) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (error && !project) return <ErrorState error={error} onRetry={reload} title="项目列表加载失败" />;
  if (!project) {
    return (
      <Empty
        style={{ marginTop: 96 }}
        description="你的账号还没有分配任何项目。请联系系统管理员在“角色与权限”中为你授予项目权限。"
      />
    );
  }
  if (!canOpen(pageByKey(page), roles)) return <Forbidden />;
  return <>{children}</>;
}

export function useSelectedProject(): IProjectSummary {
  const { project } = useProject();
  if (!project) throw new Error('useSelectedProject outside PageGuard');
  return project;
}

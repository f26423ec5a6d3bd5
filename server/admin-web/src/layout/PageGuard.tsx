import { Role, type IProjectSummary } from '@app/shared';
import { Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { Forbidden } from '../components/Forbidden';
import { ErrorState } from '../components/ErrorState';
import { useMe } from '../auth/session';
import { canOpen, effectiveRoles, pageByKey, type PageKey } from './access';
import { useProject } from './project-context';

/** Renders a page only once a project is selected and the user's roles there allow the page. */
export function PageGuard({ page, children }: { page: PageKey; children: ReactNode }) {
  const { loading, error, reload, project, roles } = useProject();
  const me = useMe();
  const def = pageByKey(page);
  // Company-wide pages judge every grant, so an administrator of a company without projects can start building one.
  if (def.companyWide) return canOpen(def, effectiveRoles(me.roles, null)) ? <>{children}</> : <Forbidden />;
  if (loading && !project) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (error && !project) return <ErrorState error={error} onRetry={reload} title="项目列表加载失败" />;
  if (!project) {
    if (effectiveRoles(me.roles, null).includes(Role.Admin)) {
      return (
        <Empty
          style={{ marginTop: 96 }}
          description="公司还没有项目：请先在「组织架构」中新建区域和项目，再在「员工账号与权限」中为员工授权。"
        />
      );
    }
    return (
      <Empty
        style={{ marginTop: 96 }}
        description="你的账号还没有分配任何项目。请联系系统管理员在“员工账号与权限”中为你授予项目权限。"
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

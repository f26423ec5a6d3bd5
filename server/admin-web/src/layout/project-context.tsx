import type { IProjectSummary, Role } from '@app/shared';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { listProjects } from '../api/property';
import { useMe } from '../auth/session';
import { useAsync } from '../lib/use-async';
import { effectiveRoles } from './access';

interface ProjectValue {
  projects: IProjectSummary[];
  loading: boolean;
  error: unknown;
  reload: () => void;
  project: IProjectSummary | null;
  selectProject: (projectId: number) => void;
  /** Roles in force for the selected project. */
  roles: Role[];
}

const ProjectContext = createContext<ProjectValue | null>(null);

function storageKey(userId: number): string {
  return `admin-web.project.${userId}`;
}

export function ProjectProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const { data, loading, error, reload } = useAsync(listProjects, [me.id]);
  const [chosenId, setChosenId] = useState<number | null>(() => {
    const saved = Number(localStorage.getItem(storageKey(me.id)));
    return Number.isInteger(saved) && saved > 0 ? saved : null;
  });

  const projects = useMemo(() => data ?? [], [data]);
  // A remembered project that is no longer visible falls back to the first one.
  const project = projects.find((p) => p.id === chosenId) ?? projects[0] ?? null;

  const selectProject = useCallback(
    (projectId: number) => {
      localStorage.setItem(storageKey(me.id), String(projectId));
      setChosenId(projectId);
    },
    [me.id],
  );

  const roles = useMemo(() => effectiveRoles(me.roles, project), [me.roles, project]);
  const value = useMemo(
    () => ({ projects, loading, error, reload, project, selectProject, roles }),
    [projects, loading, error, reload, project, selectProject, roles],
  );
  return <ProjectContext.Provider value={value}>{children}</ProjectContext.Provider>;
}

export function useProject(): ProjectValue {
  const value = useContext(ProjectContext);
  if (!value) throw new Error('useProject outside ProjectProvider');
  return value;
}

import { IsOptional } from 'class-validator';
import type { IPage, IPageQuery } from '@app/shared';
import { IsQueryInt } from './decorators';

export class PageQueryDto implements IPageQuery {
  @IsOptional()
  @IsQueryInt(1, 100_000)
  page?: number;

  @IsOptional()
  @IsQueryInt(1, 200)
  pageSize?: number;
}

export function pageWindow(query: IPageQuery): { page: number; pageSize: number; skip: number } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  return { page, pageSize, skip: (page - 1) * pageSize };
}

/** One page of a list already filtered in memory (rules that SQL cannot express, e.g. pool qualification). */
export function pageOf<T>(all: T[], query: IPageQuery): IPage<T> {
  const { page, pageSize, skip } = pageWindow(query);
  return { items: all.slice(skip, skip + pageSize), total: all.length, page, pageSize };
}

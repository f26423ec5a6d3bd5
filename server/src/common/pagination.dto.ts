import { IsOptional } from 'class-validator';
import type { IPageQuery } from '@app/shared';
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

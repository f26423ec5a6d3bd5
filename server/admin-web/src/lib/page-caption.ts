import type { IPage } from '@app/shared';

/** A list card's title with its count, saying so when the page holds fewer rows than exist. */
export function pageCaption(title: string, page: IPage<unknown> | undefined): string {
  if (!page) return title;
  if (page.total > page.items.length) return `${title}（共 ${page.total} 条，显示前 ${page.items.length} 条）`;
  return `${title}（${page.total}）`;
}

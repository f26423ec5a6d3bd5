import type { IFeeItem, IMaterialPrice, IPublicFeeSchedule } from '@app/shared';

const norm = (text: string) => text.trim().toLowerCase();

/** Items of every category whose name, code or service standard contains the words typed (all of them). */
export function searchSchedule(schedule: Pick<IPublicFeeSchedule, 'categories'>, query: string): IFeeItem[] {
  const words = norm(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return schedule.categories
    .flatMap((c) => c.items)
    .filter((item) => {
      const text = norm(`${item.name} ${item.code} ${item.serviceStandard}`);
      return words.every((w) => text.includes(w));
    });
}

/** Materials whose name, spec or code contains the words typed; all of them when nothing is typed. */
export function searchMaterials(materials: readonly IMaterialPrice[], query: string): IMaterialPrice[] {
  const words = norm(query).split(/\s+/).filter(Boolean);
  return materials.filter((m) => {
    const text = norm(`${m.name} ${m.spec} ${m.code}`);
    return words.every((w) => text.includes(w));
  });
}

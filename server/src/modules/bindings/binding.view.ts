import { IBinding, maskPhone } from '@app/shared';
import { HouseBinding } from './house-binding.entity';

export function toBindingView(
  b: HouseBinding,
  names: { houseLabel: string; projectName: string; reviewerName: string | null },
): IBinding {
  return {
    id: b.id,
    houseId: b.houseId,
    houseLabel: names.houseLabel,
    projectId: b.projectId,
    projectName: names.projectName,
    userId: b.userId,
    relation: b.relation,
    name: b.name,
    phoneMasked: maskPhone(b.phone),
    status: b.status,
    rejectReason: b.rejectReason,
    reviewedByName: names.reviewerName,
    reviewedAt: b.reviewedAt ? b.reviewedAt.toISOString() : null,
    createdAt: b.createdAt.toISOString(),
  };
}

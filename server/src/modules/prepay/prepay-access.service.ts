import { Injectable } from '@nestjs/common';
import { Permission } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import type { Principal } from '../../common/principal';
import { BindingDirectory } from '../bindings/binding-directory.service';
import { AccessService } from '../identity/access.service';
import { PropertyDirectory } from '../property/property-directory.service';

/** Who may see a house's account: its approved residents, or staff with prepay.view on its project. Else 404. */
@Injectable()
export class PrepayAccessService {
  constructor(
    private readonly bindings: BindingDirectory,
    private readonly property: PropertyDirectory,
    private readonly access: AccessService,
  ) {}

  async assertResident(principal: Principal, houseId: number): Promise<void> {
    if (!(await this.bindings.isApprovedResident(principal.userId, houseId))) throw DomainException.notFound('房屋');
  }

  async assertStaff(principal: Principal, houseId: number): Promise<void> {
    const house = await this.property.house(houseId);
    if (!house || !this.access.canActOnProject(principal, house.projectId, Permission.PrepayView))
      throw DomainException.notFound('房屋');
  }
}

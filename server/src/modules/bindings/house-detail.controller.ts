import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BindingStatus, IHouseDetail, Permission, maskPhone } from '@app/shared';
import { CurrentUser } from '../../common/decorators';
import { DomainException } from '../../common/domain.exception';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { AccessService } from '../identity/access.service';
import { PropertyService } from '../property/property.service';
import { BindingDirectory } from './binding-directory.service';
import { BindingsService } from './bindings.service';

/**
 * A house with its residents: staff of the project see every binding, an approved resident the approved
 * ones. Served here (not in property) because it needs bindings, and property sits below bindings.
 */
@ApiTags('property')
@Controller('property')
export class HouseDetailController {
  constructor(
    private readonly property: PropertyService,
    private readonly access: AccessService,
    private readonly residents: BindingDirectory,
    private readonly bindings: BindingsService,
  ) {}

  @Get('houses/:houseId')
  async house(
    @CurrentUser() principal: Principal,
    @Param('houseId', ParseIdPipe) houseId: number,
  ): Promise<IHouseDetail> {
    const house = await this.property.houseWithProject(houseId);
    if (!house) throw DomainException.notFound('房屋');
    const isStaff = this.access.canActOnProject(principal, house.projectId, Permission.PropertyView);
    if (!isStaff && !(await this.residents.isApprovedResident(principal.userId, houseId)))
      throw DomainException.notFound('房屋');
    const manager = await this.property.customerManagerOf(house.buildingId);
    const { projectName, ...rest } = house;
    return {
      ...rest,
      projectName,
      customerManager: manager
        ? { userId: manager.userId, name: manager.name, phoneMasked: maskPhone(manager.phone) }
        : null,
      bindings: await this.bindings.ofHouse(houseId, isStaff ? undefined : BindingStatus.Approved, {
        houseLabel: house.label,
        projectName,
      }),
    };
  }
}

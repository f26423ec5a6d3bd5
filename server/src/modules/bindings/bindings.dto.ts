import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  BindingRelation,
  BindingStatus,
  ICallerLookupRequest,
  ICreateBindingRequest,
  IRejectBindingRequest,
} from '@app/shared';
import { IsEntityId, IsQueryInt, Trim } from '../../common/decorators';
import { PageQueryDto } from '../../common/pagination.dto';

export class CreateBindingDto implements ICreateBindingRequest {
  @IsEntityId()
  houseId: number;

  @IsIn(Object.values(BindingRelation), { message: 'relation 只能是 owner、tenant 或 family' })
  relation: BindingRelation;

  @Trim()
  @IsString({ message: 'name 必须是字符串' })
  @IsNotEmpty({ message: '请填写姓名' })
  @MaxLength(32, { message: '姓名不能超过 32 个字符' })
  name: string;

  @IsString({ message: 'phone 必须是字符串' })
  @Matches(/^1[3-9]\d{9}$/, { message: '请填写有效的 11 位手机号' })
  phone: string;
}

export class RejectBindingDto implements IRejectBindingRequest {
  @Trim()
  @IsString({ message: 'reason 必须是字符串' })
  @IsNotEmpty({ message: '请填写驳回原因' })
  @MaxLength(200, { message: '驳回原因不能超过 200 个字符' })
  reason: string;
}

export class CallerLookupDto implements ICallerLookupRequest {
  @IsEntityId()
  projectId: number;

  @IsString({ message: 'phone 必须是字符串' })
  @Matches(/^1[3-9]\d{9}$/, { message: '请填写有效的 11 位手机号' })
  phone: string;
}

export class BindingQueryDto extends PageQueryDto {
  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  projectId?: number;

  @IsOptional()
  @IsIn(Object.values(BindingStatus), { message: 'status 不是有效状态' })
  status?: BindingStatus;
}

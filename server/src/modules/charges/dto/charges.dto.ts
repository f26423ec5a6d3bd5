import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  ChargeConfirmation,
  ChargeStatus,
  IPhoneCashChoiceRequest,
  IPhoneConfirmChargeRequest,
  ISetPaymentMethodRequest,
  IWaiveChargeRequest,
} from '@app/shared';
import { IsQueryInt } from '../../../common/decorators';
import { PageQueryDto } from '../../../common/pagination.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SetPaymentMethodDto implements ISetPaymentMethodRequest {
  @IsIn(['bill', 'pay_now', 'cash'], { message: 'paymentMethod 只能是 bill、pay_now 或 cash' })
  paymentMethod: 'bill' | 'pay_now' | 'cash';
}

export class WaiveChargeDto implements IWaiveChargeRequest {
  @Transform(trim)
  @IsString({ message: 'reason 必须是字符串' })
  @IsNotEmpty({ message: '请填写免收原因' })
  @MaxLength(200, { message: '免收原因不能超过 200 个字符' })
  reason: string;
}

export class PhoneConfirmChargeDto implements IPhoneConfirmChargeRequest, IPhoneCashChoiceRequest {
  @Transform(trim)
  @IsString({ message: 'note 必须是字符串' })
  @IsNotEmpty({ message: '请填写电话确认的情况（如通话时间、确认人）' })
  @MaxLength(200, { message: '电话确认说明不能超过 200 个字符' })
  note: string;
}

export class ChargeQueryDto extends PageQueryDto {
  @IsOptional()
  @IsQueryInt(1, 2_147_483_647)
  projectId?: number;

  @IsOptional()
  @IsIn(Object.values(ChargeStatus), { message: 'status 不是有效状态' })
  status?: ChargeStatus;

  @IsOptional()
  @IsIn(Object.values(ChargeConfirmation), { message: 'confirmation 只能是 confirmed 或 unconfirmed' })
  confirmation?: ChargeConfirmation;
}

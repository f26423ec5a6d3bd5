import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  InvoiceStatus,
  InvoiceTitleKind,
  type IIssueInvoiceRequest,
  type IRequestInvoiceRequest,
  type IUpsertInvoiceTitleRequest,
} from '@app/shared';
import { IsQueryInt } from '../../common/decorators';
import { PageQueryDto } from '../../common/pagination.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const ID_MAX = 2_147_483_647;

export class UpsertInvoiceTitleDto implements IUpsertInvoiceTitleRequest {
  @IsOptional()
  @IsInt({ message: '抬头编号必须是整数' })
  @Min(1, { message: '抬头编号必须是正整数' })
  @Max(ID_MAX, { message: '发票抬头不存在' })
  id?: number;

  @IsIn(Object.values(InvoiceTitleKind), { message: '抬头类型只能是个人或企业' })
  kind: InvoiceTitleKind;

  @Transform(trim)
  @IsString({ message: '请填写发票抬头' })
  @IsNotEmpty({ message: '请填写发票抬头' })
  @MaxLength(100, { message: '发票抬头不能超过 100 个字符' })
  name: string;

  /** Checked in the service (15/18/20 characters, Chinese message) so the rule lives in shared. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString({ message: '纳税人识别号格式不正确' })
  @MaxLength(20, { message: '纳税人识别号应为 15、18 或 20 位' })
  taxId?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null && v !== '')
  @Transform(trim)
  @IsEmail({}, { message: '接收邮箱格式不正确' })
  @MaxLength(100, { message: '接收邮箱不能超过 100 个字符' })
  email?: string | null;

  @IsOptional()
  @IsBoolean({ message: '是否默认只能是 true 或 false' })
  isDefault?: boolean;
}

export class RequestInvoiceDto implements IRequestInvoiceRequest {
  @IsInt({ message: '请选择发票抬头' })
  @Min(1, { message: '请选择发票抬头' })
  @Max(ID_MAX, { message: '发票抬头不存在' })
  titleId: number;

  @IsArray({ message: '请选择要开票的缴费记录' })
  @ArrayMinSize(1, { message: '请选择要开票的缴费记录' })
  @ArrayMaxSize(50, { message: '一次最多选择 50 笔缴费记录' })
  @ArrayUnique({ message: '缴费记录不能重复' })
  @IsInt({ each: true, message: '缴费记录编号必须是整数' })
  @Min(1, { each: true, message: '缴费记录编号必须是正整数' })
  @Max(ID_MAX, { each: true, message: '缴费记录不存在' })
  paymentIds: number[];
}

export class IssueInvoiceDto implements IIssueInvoiceRequest {
  @Transform(trim)
  @Matches(/^[A-Za-z0-9-]{6,40}$/, { message: '发票号码为 6–40 位字母、数字或短横线' })
  invoiceNo: string;

  @IsOptional()
  @IsInt({ message: '发票 PDF 编号必须是整数' })
  @Min(1, { message: '发票 PDF 编号必须是正整数' })
  @Max(ID_MAX, { message: '发票 PDF 不存在' })
  pdfMediaId?: number;
}

export class RejectInvoiceDto {
  @Transform(trim)
  @IsString({ message: '请填写驳回原因' })
  @IsNotEmpty({ message: '请填写驳回原因' })
  @MaxLength(200, { message: '驳回原因不能超过 200 个字符' })
  reason: string;
}

export class InvoiceListQueryDto extends PageQueryDto {
  @IsQueryInt(1, ID_MAX)
  projectId: number;

  @IsOptional()
  @IsIn(Object.values(InvoiceStatus), { message: '状态不是有效选项' })
  status?: InvoiceStatus;
}

import { ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { ErrorCode, IFieldError } from '@app/shared';
import { DomainException } from './domain.exception';
import { fieldLabel } from './field-labels';
import { cacheValidationMetadata } from './validation-metadata-cache';

/**
 * Validation messages are written here, once, from the failed constraint and its arguments — not taken
 * from whatever text each decorator happens to carry. Rules:
 * - one message per field, in Simplified Chinese, naming the field by its Chinese label (field-labels.ts);
 * - a missing value says so ("请填写类别"), whatever other constraints also failed on `undefined`
 *   (that is how "category 过长" and "不能大于 2147483647" used to answer a missing field);
 * - otherwise the most basic failure wins: type before format before range or length;
 * - unknown fields: "不允许的字段 foo";
 * - a decorator's own Chinese message is kept only for pattern (`@Matches`) and custom constraints,
 *   whose meaning cannot be derived from their arguments (e.g. "请填写有效的 11 位手机号").
 */
const PRIORITY = [
  'whitelistValidation',
  'isDefined',
  'isNotEmpty',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'nestedValidation',
  'isIn',
  'isEnum',
  'isIso8601',
  'isDateString',
  'matches',
  '*',
  'isPositive',
  'min',
  'max',
  'minLength',
  'maxLength',
  'arrayNotEmpty',
  'arrayMinSize',
  'arrayMaxSize',
  'arrayUnique',
];
const rank = (name: string): number => {
  const at = PRIORITY.indexOf(name);
  return at >= 0 ? at : PRIORITY.indexOf('*');
};
const CJK = /[\u4e00-\u9fff]/;

interface ConstraintInfo {
  args: unknown[];
  each: boolean;
}

/** The arguments a decorator was declared with (MaxLength(32) → [32]), found from the class metadata. */
function constraintInfo(target: object | undefined, property: string, name: string): ConstraintInfo {
  if (!target || typeof target !== 'object' || Array.isArray(target)) return { args: [], each: false };
  const storage = getMetadataStorage();
  for (const meta of storage.getTargetValidationMetadatas(target.constructor, '', true, false)) {
    if (meta.propertyName !== property) continue;
    const constraintName = meta.constraintCls
      ? storage.getTargetValidatorConstraints(meta.constraintCls)[0]?.name
      : meta.type;
    if ((constraintName ?? meta.type) === name) return { args: meta.constraints ?? [], each: meta.each ?? false };
  }
  return { args: [], each: false };
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

function describe(
  name: string,
  label: string,
  field: string,
  info: ConstraintInfo,
  original: string,
  value: unknown,
): string {
  const [a] = info.args;
  const every = info.each ? '中的每一项' : '';
  switch (name) {
    case 'whitelistValidation':
      return `不允许的字段 ${field}`;
    case 'isDefined':
    case 'isNotEmpty':
      return `请填写${label}`;
    case 'isString':
      return `${label}${every}必须是文本`;
    case 'isInt':
      return `${label}${every}必须是整数`;
    case 'isNumber':
      return `${label}${every}必须是数字`;
    case 'isBoolean':
      return `${label}必须是 true 或 false`;
    case 'isArray':
      return `${label}必须是数组`;
    case 'isObject':
    case 'nestedValidation':
      return `${label}必须是对象`;
    case 'isIn':
    case 'isEnum': {
      const allowed = name === 'isEnum' ? Object.values((a ?? {}) as object) : ((a as unknown[]) ?? []);
      if (info.each && Array.isArray(value)) return `${label}含无效的取值，可选：${allowed.join('、')}`;
      return allowed.length > 0 && allowed.length <= 12
        ? `${label}只能是 ${allowed.join('、')}`
        : `${label}不是有效的取值`;
    }
    case 'isIso8601':
    case 'isDateString':
      return `${label}必须是 ISO 8601 时间，如 2026-12-01T09:00:00+08:00`;
    case 'isPositive':
      return `${label}${every}必须大于 0`;
    case 'min':
      return `${label}${every}不能小于 ${String(a)}`;
    case 'max':
      return `${label}${every}不能大于 ${String(a)}`;
    case 'minLength':
      return `${label}至少 ${String(a)} 个字符`;
    case 'maxLength':
      return `${label}不能超过 ${String(a)} 个字符`;
    case 'arrayNotEmpty':
      return `${label}至少 1 项`;
    case 'arrayMinSize':
      return `${label}至少 ${String(a)} 项`;
    case 'arrayMaxSize':
      return `${label}最多 ${String(a)} 项`;
    case 'arrayUnique':
      return `${label}不能有重复项`;
    case 'matches':
    default:
      return CJK.test(original) ? original : `${label}格式不正确`;
  }
}

/** Array elements are named by position: "收费项目第 2 项：编码格式不正确". */
function positionLabel(parentLabel: string, property: string): string | null {
  return /^\d+$/.test(property) ? `${parentLabel}第 ${Number(property) + 1} 项` : null;
}

export function toFieldErrors(errors: ValidationError[], parent = '', parentLabel = ''): IFieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const position = parent ? positionLabel(parentLabel, error.property) : null;
    const dtoName = error.target && typeof error.target === 'object' ? error.target.constructor?.name : undefined;
    const label = position ?? fieldLabel(error.property, dtoName);
    // A field inside an array element is introduced by the element: "收费项目第 1 项：请填写编码".
    const prefix = parentLabel && !position ? `${parentLabel}：` : '';
    const names = Object.keys(error.constraints ?? {});
    const own: IFieldError[] = [];
    if (names.length > 0) {
      let message: string;
      if (names.includes('whitelistValidation')) message = `不允许的字段 ${field}`;
      else if (isMissing(error.value)) message = `${prefix}请填写${label}`;
      else {
        const name = [...names].sort((x, y) => rank(x) - rank(y))[0];
        const info = constraintInfo(error.target, error.property, name);
        message = prefix + describe(name, label, field, info, error.constraints?.[name] ?? '', error.value);
      }
      own.push({ field, message });
    }
    return [
      ...own,
      ...toFieldErrors(error.children ?? [], field, position ?? (prefix ? `${parentLabel}${label}` : label)),
    ];
  });
}

/** The envelope's message: the field messages themselves (up to three), so a toast alone is useful. */
export function summarize(fields: IFieldError[]): string {
  const shown = fields
    .slice(0, 3)
    .map((f) => f.message)
    .join('；');
  return fields.length > 3 ? `${shown}；等 ${fields.length} 处错误` : shown || '请求参数有误';
}

/** A JSON body that is an array, a string or null has no fields to name: say what is expected instead. */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto =
      typeof metadata.metatype === 'function' &&
      ![Object, Array, String, Number, Boolean].includes(metadata.metatype as never);
    if (metadata.type === 'body' && isDto && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new DomainException(ErrorCode.ValidationFailed, '请求体必须是 JSON 对象', HttpStatus.UNPROCESSABLE_ENTITY, {
        fields: [{ field: 'body', message: '请求体必须是 JSON 对象' }],
      });
    }
    return super.transform(value, metadata);
  }
}

/** 422 with one entry per offending field; unknown fields are refused so nobody sets what they may not. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The messages above need the object and the value to describe the failure.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => {
      const fields = toFieldErrors(errors);
      return new DomainException(ErrorCode.ValidationFailed, summarize(fields), HttpStatus.UNPROCESSABLE_ENTITY, {
        fields,
      });
    },
  });
}

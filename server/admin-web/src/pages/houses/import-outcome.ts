import { ErrorCode, type IHouseImportResult } from '@app/shared';
import { ApiError, describeError } from '../../api/api-error';

export type ImportOutcome =
  | { kind: 'invalid'; result: IHouseImportResult }
  | { kind: 'ok'; result: IHouseImportResult }
  | { kind: 'failed'; message: string };

function isImportResult(value: unknown): value is IHouseImportResult {
  const v = value as Partial<IHouseImportResult> | null;
  return !!v && typeof v === 'object' && Array.isArray(v.errors) && typeof v.totalRows === 'number';
}

/** Folds the two ways the server reports bad rows (422 IMPORT_INVALID, or a result listing errors) into one. */
export function importOutcome(settled: { result: IHouseImportResult } | { error: unknown }): ImportOutcome {
  if ('result' in settled) {
    return settled.result.errors.length > 0
      ? { kind: 'invalid', result: settled.result }
      : { kind: 'ok', result: settled.result };
  }
  const { error } = settled;
  if (error instanceof ApiError && error.code === ErrorCode.ImportInvalid && isImportResult(error.details)) {
    return { kind: 'invalid', result: error.details };
  }
  if (error instanceof ApiError && error.code === ErrorCode.ValidationFailed && error.fieldErrors.length > 0) {
    return { kind: 'failed', message: error.fieldErrors.map((f) => f.message).join('；') };
  }
  return { kind: 'failed', message: describeError(error, '导入失败，请稍后重试') };
}

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** Client-side check before uploading; the server validates again. */
export function checkImportFile(file: { name: string; size: number }): string | null {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return '仅支持 .xlsx 或 .csv 文件，请使用模板整理后上传';
  if (file.size === 0) return '文件是空的';
  if (file.size > IMPORT_MAX_BYTES) return '文件超过 10 MB，请拆分后分批导入';
  return null;
}

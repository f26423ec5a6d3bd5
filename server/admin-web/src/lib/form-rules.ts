import type { FormInstance } from 'antd';
import { isApiError } from '../api/api-error';
import { parseQuantityInput, parseYuanInput } from './money-input';

/** antd rule: the text must be an exact yuan amount (converted to fen on save, never through a float). */
export const yuanRule = (optional = false, maxFen?: number) => ({
  validator: (_: unknown, value: string | undefined) => {
    const parsed = parseYuanInput(value, optional, maxFen);
    return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.message));
  },
});

export const quantityRule = () => ({
  validator: (_: unknown, value: string | undefined) => {
    const parsed = parseQuantityInput(value);
    return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.message));
  },
});

/** Shows the server's 422 field messages on the matching inputs; false when there were none. */
export function applyFieldErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  fieldOf: Record<string, string> = {},
): boolean {
  if (!isApiError(error) || !error.fieldErrors.length) return false;
  form.setFields(error.fieldErrors.map((f) => ({ name: (fieldOf[f.field] ?? f.field) as never, errors: [f.message] })));
  return true;
}

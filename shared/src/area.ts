import { parseFixed2 } from './money';

/** Areas are integer hundredths of a square metre (89.50 m² → 8950). */
export function parseAreaToHundredths(text: string): number | null {
  const value = parseFixed2(text);
  return value === null || value <= 0 ? null : value;
}

export function formatArea(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const frac = (hundredths % 100).toString().padStart(2, '0');
  return `${whole}.${frac} m²`;
}

import { BINDING_RELATION_LABELS, type BindingRelation } from '@app/shared'

export function relationLabel(relation: string): string {
  return BINDING_RELATION_LABELS[relation as BindingRelation] ?? relation
}

/** "2026-11-22T08:36:42.800Z" → "2026-11-22" in the phone's time zone. */
export function formatDate(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

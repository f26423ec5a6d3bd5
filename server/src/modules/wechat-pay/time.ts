/** RFC 3339 in +08:00, as WeChat writes and expects times ("2026-11-01T12:00:00+08:00"). */
export function rfc3339Shanghai(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

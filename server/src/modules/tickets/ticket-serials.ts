import type { EntityManager } from 'typeorm';
import { shanghaiDate } from '@app/shared';
import { TicketSerialCounter } from './ticket-support.entity';

/**
 * Serial per project and Shanghai day: <code>-<yyMMdd>-<0001>, unique per project. The bump returns the new
 * value in the same statement (LAST_INSERT_ID(expr) on MySQL/MariaDB, RETURNING on SQLite), so drawing a
 * number is one statement on the day's counter row; the caller decides whether that runs inside the
 * ticket's transaction (see TicketsService.create).
 */
export async function nextSerial(tx: EntityManager, project: { id: number; code: string }, at: Date): Promise<string> {
  const day = shanghaiDate(at).replace(/-/g, '').slice(2);
  let seq = await bump(tx, project.id, day);
  if (seq === null) {
    try {
      await tx.getRepository(TicketSerialCounter).insert({ projectId: project.id, day, lastSeq: 0 });
    } catch {
      // Another ticket created the day's counter first; the bump below uses it.
    }
    seq = await bump(tx, project.id, day);
    if (seq === null) throw new Error(`serial counter for project ${project.id} day ${day} is missing`);
  }
  return `${project.code}-${day}-${String(seq).padStart(4, '0')}`;
}

async function bump(tx: EntityManager, projectId: number, day: string): Promise<number | null> {
  if (tx.connection.options.type === 'better-sqlite3') {
    const rows: { last_seq: number }[] = await tx.query(
      'UPDATE ticket_serial_counters SET last_seq = last_seq + 1 WHERE project_id = ? AND day = ? RETURNING last_seq',
      [projectId, day],
    );
    return rows.length ? Number(rows[0].last_seq) : null;
  }
  const result: { affectedRows: number; insertId: number } = await tx.query(
    'UPDATE ticket_serial_counters SET last_seq = LAST_INSERT_ID(last_seq + 1) WHERE project_id = ? AND day = ?',
    [projectId, day],
  );
  return result.affectedRows === 1 ? Number(result.insertId) : null;
}

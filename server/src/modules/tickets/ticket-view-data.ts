import type { DataSource, EntityManager } from 'typeorm';
import { entityFromRow, instantOf, intOf, placeholders } from '../../database/raw-rows';
import type { Agreement, Rating } from './ticket-outcomes.service';
import { Ticket, TicketQuote, TicketSignature } from './ticket.entity';

/** A ticket's one-to-one parts: the agreement, the acceptance rating and the current quote. */
export interface Outcome {
  agreement: Agreement;
  rating: Rating | null;
  /** The newest quote that is not superseded. */
  quote: TicketQuote | null;
}

export interface Children {
  links: { ticketId: number; mediaId: number; stage: string }[];
  signatures: TicketSignature[];
}

type Row = Record<string, unknown>;
type Db = DataSource | EntityManager;

/**
 * The one-to-one parts joined to `t` (tickets) as a, r and q; a list selects them with the page itself
 * (one statement instead of three per page).
 */
export const OUTCOME_COLUMNS = `a.agreed_quote_id AS a_agreed_quote_id, a.agreed_total_fen AS a_agreed_total_fen,
  a.agreement_signature_id AS a_agreement_signature_id, a.final_quote_id AS a_final_quote_id,
  r.overall AS r_overall, r.punctuality AS r_punctuality, r.attitude AS r_attitude, r.comment AS r_comment,
  q.id AS q_id, q.seq AS q_seq, q.status AS q_status, q.lines_json AS q_lines_json, q.total_fen AS q_total_fen,
  q.schedule_version_id AS q_schedule_version_id, q.materials_version_id AS q_materials_version_id,
  q.snapshot_hash AS q_snapshot_hash, q.created_by AS q_created_by, q.created_at AS q_created_at`;

export const OUTCOME_JOINS = `LEFT JOIN ticket_agreements a ON a.ticket_id = t.id
  LEFT JOIN ticket_ratings r ON r.ticket_id = t.id
  LEFT JOIN ticket_quotes q ON q.id = (SELECT q2.id FROM ticket_quotes q2 WHERE q2.ticket_id = t.id AND q2.status <> 'superseded' ORDER BY q2.seq DESC LIMIT 1)`;

export function outcomeFromRow(row: Row): Outcome {
  return {
    agreement: {
      agreedQuoteId: intOf(row.a_agreed_quote_id),
      agreedTotalFen: intOf(row.a_agreed_total_fen),
      agreementSignatureId: intOf(row.a_agreement_signature_id),
      finalQuoteId: intOf(row.a_final_quote_id),
    },
    rating:
      row.r_overall === null || row.r_overall === undefined
        ? null
        : {
            overall: Number(row.r_overall),
            punctuality: Number(row.r_punctuality),
            attitude: Number(row.r_attitude),
            comment: (row.r_comment as string | null) ?? null,
          },
    quote:
      row.q_id === null || row.q_id === undefined
        ? null
        : {
            id: Number(row.q_id),
            ticketId: Number(row.id ?? row.ticket_id),
            seq: Number(row.q_seq),
            status: row.q_status as TicketQuote['status'],
            linesJson: String(row.q_lines_json),
            totalFen: Number(row.q_total_fen),
            scheduleVersionId: Number(row.q_schedule_version_id),
            materialsVersionId: intOf(row.q_materials_version_id),
            snapshotHash: String(row.q_snapshot_hash),
            createdBy: Number(row.q_created_by),
            createdAt: instantOf(row.q_created_at)!,
          },
  };
}

export function ticketFromRow(db: DataSource, row: Row): Ticket {
  return entityFromRow(db, Ticket, row);
}

/** The one-to-one parts of tickets already loaded (detail, pool, queues): one statement. */
export async function outcomesOf(db: Db, ids: readonly number[]): Promise<Map<number, Outcome>> {
  if (!ids.length) return new Map();
  const rows: Row[] = await db.query(
    `SELECT t.id AS id, ${OUTCOME_COLUMNS} FROM tickets t ${OUTCOME_JOINS} WHERE t.id IN (${placeholders(ids.length)})`,
    [...ids],
  );
  return new Map(rows.map((r) => [Number(r.id), outcomeFromRow(r)]));
}

const SIGNATURE_FIELDS = [
  'id',
  'quote_id',
  'purpose',
  'media_id',
  'image_sha256',
  'signer_user_id',
  'signer_name',
  'relation',
  'snapshot_hash',
  'collected_by',
  'signed_at',
] as const;

function signatureFromRow(r: Row): TicketSignature {
  return {
    id: Number(r.id),
    ticketId: Number(r.ticket_id),
    quoteId: intOf(r.quote_id),
    purpose: r.purpose as TicketSignature['purpose'],
    mediaId: Number(r.media_id),
    imageSha256: String(r.image_sha256),
    signerUserId: intOf(r.signer_user_id),
    signerName: String(r.signer_name),
    relation: String(r.relation),
    snapshotHash: String(r.snapshot_hash),
    collectedBy: intOf(r.collected_by),
    signedAt: instantOf(r.signed_at)!,
  };
}

/** Photo links and signatures of tickets already loaded, in one statement, each in the order it was added. */
export async function childrenOf(db: Db, ids: readonly number[]): Promise<Children> {
  const out: Children = { links: [], signatures: [] };
  if (!ids.length) return out;
  const list = placeholders(ids.length);
  const rows: Row[] = await db.query(
    `SELECT 's' AS k, ${SIGNATURE_FIELDS.map((f) => `s.${f} AS ${f}`).join(', ')}, s.ticket_id AS ticket_id
     FROM ticket_signatures s WHERE s.ticket_id IN (${list})
     UNION ALL
     SELECT 'm', l.id, NULL, l.stage, l.media_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, l.ticket_id
     FROM ticket_media l WHERE l.ticket_id IN (${list})`,
    [...ids, ...ids],
  );
  rows.sort((a, b) => Number(a.id) - Number(b.id));
  for (const r of rows) {
    if (r.k === 'm')
      out.links.push({ ticketId: Number(r.ticket_id), mediaId: Number(r.media_id), stage: String(r.purpose) });
    else out.signatures.push(signatureFromRow(r));
  }
  return out;
}

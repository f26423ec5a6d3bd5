#!/usr/bin/env node
// P2 floor (docs/benchmarks.md): a bare node:http + mysql2 server doing what the product's two benchmarked
// routes must do at the least — check the HS256 access token, then list a resident's tickets (page +
// COUNT) or insert a ticket with its event row in one transaction. Same database, same pool size, same
// JSON in and out, no framework. Args: port, DATABASE_URL, JWT secret, pool size.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [port, databaseUrl, secret, poolSize] = process.argv.slice(2);
const root = join(fileURLToPath(import.meta.url), '..', '..');
const mysql = createRequire(join(root, 'server', 'package.json'))('mysql2/promise');
const pool = mysql.createPool({
  uri: databaseUrl,
  connectionLimit: Number(poolSize),
  timezone: 'Z',
  dateStrings: false,
});

/** The same check the product makes of an access token's signature and expiry (HS256, no library). */
function userFromToken(header) {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  if (!token) return null;
  const [h, p, s] = token.split('.');
  if (!s) return null;
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return null;
  return claims.sub;
}

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

async function listMine(userId, url) {
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
  const pageSize = Math.min(50, Math.max(1, Number(url.searchParams.get('pageSize') ?? 20)));
  const [houses] = await pool.query("SELECT house_id FROM house_bindings WHERE user_id = ? AND status = 'approved'", [
    userId,
  ]);
  const ids = houses.map((r) => r.house_id);
  const where = ids.length ? 'reporter_id = ? OR house_id IN (?)' : 'reporter_id = ?';
  const args = ids.length ? [userId, ids] : [userId];
  const [rows] = await pool.query(`SELECT * FROM tickets WHERE ${where} ORDER BY id DESC LIMIT ? OFFSET ?`, [
    ...args,
    pageSize,
    (page - 1) * pageSize,
  ]);
  const [[{ total }]] = await pool.query(`SELECT COUNT(*) AS total FROM tickets WHERE ${where}`, args);
  return { items: rows, total: Number(total), page, pageSize };
}

let serialCounter = 0;
async function createTicket(userId, body) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    const [[house]] = await conn.query(
      "SELECT h.id, h.project_id, h.building_id FROM houses h JOIN house_bindings b ON b.house_id = h.id AND b.user_id = ? AND b.status = 'approved' WHERE h.id = ?",
      [userId, body.houseId],
    );
    if (!house) {
      await conn.rollback();
      return null;
    }
    const now = new Date();
    const serial = `F${process.pid}${(serialCounter++).toString().padStart(8, '0')}`;
    const [result] = await conn.query(
      `INSERT INTO tickets (project_id, house_id, building_id, serial, kind, scope, paid, category, urgency, description, channel, status,
        dispatch_mode, reporter_id, created_by, registered_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 'mini_program', 'submitted', 'manual', ?, ?, NULL, ?, ?)`,
      [
        house.project_id,
        house.id,
        house.building_id,
        serial,
        body.kind,
        body.scope,
        body.category,
        body.urgency,
        body.description,
        userId,
        userId,
        now,
        now,
      ],
    );
    await conn.query(
      "INSERT INTO ticket_events (ticket_id, actor_id, actor_role, action, from_status, to_status, at) VALUES (?, ?, 'resident', 'submit', NULL, 'submitted', ?)",
      [result.insertId, userId, now],
    );
    await conn.commit();
    return { id: result.insertId, serial, status: 'submitted', ...body };
  } catch (error) {
    await conn.rollback().catch(() => undefined);
    throw error;
  } finally {
    conn.release();
  }
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://floor');
    const userId = userFromToken(req.headers.authorization);
    if (!userId) return send(res, 401, { code: 'UNAUTHENTICATED' });
    if (req.method === 'GET' && url.pathname === '/api/tickets/mine')
      return send(res, 200, await listMine(userId, url));
    if (req.method === 'POST' && url.pathname === '/api/tickets') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const created = await createTicket(userId, JSON.parse(raw));
      return created ? send(res, 201, created) : send(res, 404, { code: 'NOT_FOUND' });
    }
    send(res, 404, { code: 'NOT_FOUND' });
  } catch (error) {
    send(res, 500, { code: 'INTERNAL', message: String(error?.message ?? error) });
  }
});
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));

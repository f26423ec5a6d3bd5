// The SQL half of pnpm bench:billing (scripts/bench-billing.mjs): the set-based seed on MariaDB and the two
// hand-written floors the real run is measured against. Pure SQL over a mysql2 connection; no server code.

export const PERIOD = '2026-11';
export const HOUSES_PER_UNIT = 100;
export const UNITS_PER_BUILDING = 2;
export const BUILDINGS_PER_PROJECT = 10;

export const seconds = (from) => Number(process.hrtime.bigint() - from) / 1e9;

/**
 * Set-based seed from MariaDB's sequence engine (seq_1_to_N): projects → buildings → units → houses
 * (1 in 10 a shop, areas spread 50–200 m²), three fee items per project (物业费 by type with a fallback, a
 * fixed 公共能耗费), H/2 billable charges and H/20 unconfirmed ones (never billed).
 */
export async function seed(db, { houses, projects }) {
  const t0 = process.hrtime.bigint();
  const units = houses / HOUSES_PER_UNIT;
  if (!Number.isInteger(units) || units !== projects * BUILDINGS_PER_PROJECT * UNITS_PER_BUILDING) {
    throw new Error(`houses must be projects × ${BUILDINGS_PER_PROJECT * UNITS_PER_BUILDING * HOUSES_PER_UNIT}`);
  }
  const at = "'2026-10-01 00:00:00.000'";
  await db.query("INSERT INTO companies (code, name) VALUES ('BENCH', '压测物业公司')");
  const [[{ id: companyId }]] = await db.query('SELECT MAX(id) AS id FROM companies');
  await db.query('INSERT INTO regions (company_id, code, name) VALUES (?, ?, ?)', [companyId, 'BR', '压测区域']);
  const [[{ id: regionId }]] = await db.query('SELECT MAX(id) AS id FROM regions');
  await db.query(
    `INSERT INTO users (kind, name, company_id, created_at, updated_at) VALUES ('staff', '压测财务', ?, ${at}, ${at})`,
    [companyId],
  );
  const [[{ id: userId }]] = await db.query('SELECT MAX(id) AS id FROM users');
  await db.query(
    `INSERT INTO projects (company_id, region_id, code, name) SELECT ?, ?, CONCAT('BP', seq), CONCAT('压测项目', seq) FROM seq_1_to_${projects}`,
    [companyId, regionId],
  );
  const [[{ id: p0 }]] = await db.query('SELECT MIN(id) AS id FROM projects WHERE company_id = ?', [companyId]);
  const buildings = projects * BUILDINGS_PER_PROJECT;
  await db.query(
    `INSERT INTO buildings (project_id, name, sort_order) SELECT ? + (seq - 1) DIV ${BUILDINGS_PER_PROJECT}, CONCAT((seq - 1) % ${BUILDINGS_PER_PROJECT} + 1, '栋'), 1 FROM seq_1_to_${buildings}`,
    [p0],
  );
  const [[{ id: b0 }]] = await db.query('SELECT MIN(id) AS id FROM buildings WHERE project_id >= ?', [p0]);
  await db.query(
    `INSERT INTO units (project_id, building_id, name) SELECT ? + (seq - 1) DIV ${BUILDINGS_PER_PROJECT * UNITS_PER_BUILDING}, ? + (seq - 1) DIV ${UNITS_PER_BUILDING},
     CONCAT((seq - 1) % ${UNITS_PER_BUILDING} + 1, '单元') FROM seq_1_to_${units}`,
    [p0, b0],
  );
  const [[{ id: u0 }]] = await db.query('SELECT MIN(id) AS id FROM units WHERE project_id >= ?', [p0]);
  await db.query(
    `INSERT INTO houses (project_id, building_id, unit_id, room_no, floor, area_hundredths, type, created_at, updated_at)
     SELECT ? + (seq - 1) DIV ${HOUSES_PER_UNIT * UNITS_PER_BUILDING * BUILDINGS_PER_PROJECT}, ? + (seq - 1) DIV ${HOUSES_PER_UNIT * UNITS_PER_BUILDING},
       ? + (seq - 1) DIV ${HOUSES_PER_UNIT}, CONCAT(((seq - 1) % ${HOUSES_PER_UNIT}) DIV 4 + 1, LPAD((seq - 1) % 4 + 1, 2, '0')), ((seq - 1) % ${HOUSES_PER_UNIT}) DIV 4 + 1,
       5000 + (seq * 7919) % 15000, IF(seq % 10 = 0, 'shop', 'residential'), ${at}, ${at}
     FROM seq_1_to_${houses}`,
    [p0, b0, u0],
  );
  const [[{ id: h0 }]] = await db.query('SELECT MIN(id) AS id FROM houses WHERE project_id >= ?', [p0]);
  await db.query(
    `INSERT INTO billing_items (company_id, project_id, code, name, kind, house_type, unit_price_fen, unit, effective_from, created_by, created_at)
     SELECT ?, p.id, i.code, i.name, i.kind, i.house_type, i.price, i.unit, '2026-01', ?, ${at} FROM projects p
     CROSS JOIN (SELECT 'WY' AS code, '物业服务费' AS name, 'area' AS kind, 'residential' AS house_type, 235 AS price, '元/㎡·月' AS unit
       UNION ALL SELECT 'WY', '物业服务费', 'area', NULL, 417, '元/㎡·月'
       UNION ALL SELECT 'GG', '公共能耗费', 'fixed', NULL, 1500, '元/月') i
     WHERE p.company_id = ?`,
    [companyId, userId, companyId],
  );
  const charge = (count, confirmation, keyPrefix) =>
    db.query(
      `INSERT INTO charges (company_id, project_id, house_id, source, source_key, ticket_id, ticket_serial, total_fen, payment_method, status, confirmation, created_by, created_at, updated_at)
     SELECT ?, h.project_id, h.id, 'ticket', CONCAT('${keyPrefix}', s.seq), s.seq, CONCAT('BP-261110-', LPAD(s.seq, 6, '0')), 1000 + (s.seq * 37) % 9000, 'bill', 'open', ?, ?,
       '2026-11-10 02:00:00.000', '2026-11-10 02:00:00.000'
     FROM seq_1_to_${count} s JOIN houses h ON h.id = ? + (s.seq * 7) % ${houses}`,
      [companyId, confirmation, userId, h0],
    );
  await charge(houses / 2, 'confirmed', 'bench-c-');
  await charge(houses / 20, 'unconfirmed', 'bench-u-');
  await db.query('ANALYZE TABLE houses, charges, billing_items');
  return { companyId, userId, projectIds: Array.from({ length: projects }, (_, i) => p0 + i), seedS: seconds(t0) };
}

const inForce = (alias) =>
  `${alias}.effective_from <= '${PERIOD}' AND (${alias}.effective_to IS NULL OR ${alias}.effective_to >= '${PERIOD}')`;
const CUTOFF = "'2026-11-30 16:00:00.000'";
const BILLABLE = `status = 'open' AND payment_method = 'bill' AND confirmation = 'confirmed' AND billed_period IS NULL AND created_at < ${CUTOFF}`;

/**
 * The narrow floor (the first version of this bench): ONE INSERT … SELECT of (house, total) into a
 * two-column table. It computes the same totals but writes none of what a bill run must write.
 */
export async function narrowFloor(db, companyId) {
  await db.query('CREATE TABLE bench_floor (house_id INT PRIMARY KEY, total_fen INT NOT NULL)');
  const t0 = process.hrtime.bigint();
  await db.query(
    `INSERT INTO bench_floor (house_id, total_fen)
     SELECT h.id, COALESCE((h.area_hundredths * COALESCE(t.unit_price_fen, f.unit_price_fen) + 50) DIV 100, 0) + COALESCE(g.unit_price_fen, 0) + COALESCE(c.fen, 0)
     FROM houses h JOIN projects p ON p.id = h.project_id AND p.company_id = ?
     LEFT JOIN billing_items t ON t.project_id = h.project_id AND t.kind = 'area' AND t.house_type = h.type AND ${inForce('t')}
     LEFT JOIN billing_items f ON f.project_id = h.project_id AND f.kind = 'area' AND f.house_type IS NULL AND ${inForce('f')}
     LEFT JOIN billing_items g ON g.project_id = h.project_id AND g.kind = 'fixed' AND g.house_type IS NULL AND ${inForce('g')}
     LEFT JOIN (SELECT house_id, SUM(total_fen) AS fen FROM charges WHERE ${BILLABLE} GROUP BY house_id) c ON c.house_id = h.id`,
    [companyId],
  );
  return seconds(t0);
}

/**
 * The floor (docs/benchmarks.md P1): the hand-written best for the SAME output a bill run writes — in one
 * transaction, set-based, on copies of bills / bill_lines / charges with the same columns and indexes
 * (CREATE TABLE … LIKE, untimed): every house's bill with its total (one INSERT … SELECT), its 物业服务费,
 * 公共能耗费 and 特约服务 lines (one INSERT … SELECT each; charge lines named after their schedule items), the billed charges claimed (one UPDATE), and the
 * content hash (one UPDATE with SHA2 over the bill's lines, in SQL). No resume cursor, no lease, no batches.
 */
export async function floor(db, companyId) {
  await db.query('CREATE TABLE bench_floor_bills LIKE bills');
  await db.query('CREATE TABLE bench_floor_lines LIKE bill_lines');
  await db.query('CREATE TABLE bench_floor_charges LIKE charges');
  await db.query('INSERT INTO bench_floor_charges SELECT * FROM charges');
  await db.query('ANALYZE TABLE bench_floor_charges');
  const steps = {};
  const step = async (name, sql, params = []) => {
    const t = process.hrtime.bigint();
    await db.query(sql, params);
    steps[name] = seconds(t);
  };
  const t0 = process.hrtime.bigint();
  await db.query('START TRANSACTION');
  const price = (alias, kind, type) =>
    `LEFT JOIN billing_items ${alias} ON ${alias}.project_id = h.project_id AND ${alias}.kind = '${kind}' AND ${type} AND ${inForce(alias)}`;
  await step(
    'bills',
    `INSERT INTO bench_floor_bills (company_id, project_id, house_id, building_id, unit_id, period, revision, run_id, status, total_fen, paid_fen, content_hash, created_at)
     SELECT ?, h.project_id, h.id, h.building_id, h.unit_id, '${PERIOD}', 0, 0, 'draft',
       COALESCE((h.area_hundredths * COALESCE(t.unit_price_fen, f.unit_price_fen) + 50) DIV 100, 0) + COALESCE(g.unit_price_fen, 0) + COALESCE(c.fen, 0), 0, '', NOW(3)
     FROM houses h JOIN projects p ON p.id = h.project_id AND p.company_id = ?
     ${price('t', 'area', 't.house_type = h.type')} ${price('f', 'area', 'f.house_type IS NULL')} ${price('g', 'fixed', 'g.house_type IS NULL')}
     LEFT JOIN (SELECT house_id, SUM(total_fen) AS fen FROM bench_floor_charges WHERE ${BILLABLE} GROUP BY house_id) c ON c.house_id = h.id`,
    [companyId, companyId],
  );
  const LINE =
    'INSERT INTO bench_floor_lines (bill_id, house_id, period, kind, item_code, name, quantity_text, unit_price_fen, amount_fen, charge_id, billed_charge_id, ticket_id, ticket_serial, waived, sort_order)';
  await step(
    'area_lines',
    `${LINE} SELECT b.id, b.house_id, b.period, 'property_fee', i.code, i.name, CONCAT(h.area_hundredths DIV 100, '.', LPAD(h.area_hundredths MOD 100, 2, '0'), ' ㎡'),
       i.unit_price_fen, (h.area_hundredths * i.unit_price_fen + 50) DIV 100, NULL, NULL, NULL, NULL, 0, 100000
     FROM bench_floor_bills b JOIN houses h ON h.id = b.house_id ${price('t', 'area', 't.house_type = h.type')} ${price('f', 'area', 'f.house_type IS NULL')}
     JOIN billing_items i ON i.id = COALESCE(t.id, f.id)`,
  );
  await step(
    'fixed_lines',
    `${LINE} SELECT b.id, b.house_id, b.period, 'fixed', g.code, g.name, '1 月', g.unit_price_fen, g.unit_price_fen, NULL, NULL, NULL, NULL, 0, 300000
     FROM bench_floor_bills b JOIN billing_items g ON g.project_id = b.project_id AND g.kind = 'fixed' AND g.house_type IS NULL AND ${inForce('g')}`,
  );
  await step(
    'charge_lines',
    // Named like the run's lines (chargeLineName): first schedule item + 等N项 + ticket serial, by correlated subqueries.
    `${LINE} SELECT b.id, b.house_id, b.period, 'charge', NULL,
       SUBSTR(CONCAT(CASE WHEN n.item_count < 1 OR n.first_item IS NULL THEN '特约服务' ELSE CONCAT('特约服务：', SUBSTR(n.first_item, 1, 30),
         CASE WHEN n.item_count > 1 THEN CONCAT(' 等', n.item_count, '项') ELSE '' END) END,
         CASE WHEN c.ticket_serial IS NULL THEN '' ELSE CONCAT('（', c.ticket_serial, '）') END), 1, 80),
       '1 次', c.total_fen, c.total_fen, c.id, c.id, c.ticket_id, c.ticket_serial, 0, 700000
     FROM bench_floor_charges c
     JOIN (SELECT x.id AS charge_id,
             (SELECT l.name FROM charge_lines l WHERE l.charge_id = x.id AND l.kind = 'labour' ORDER BY l.sort_order, l.id LIMIT 1) AS first_item,
             (SELECT COUNT(*) FROM charge_lines l WHERE l.charge_id = x.id AND l.kind = 'labour') AS item_count
           FROM bench_floor_charges x) n ON n.charge_id = c.id JOIN bench_floor_bills b ON b.house_id = c.house_id WHERE c.${BILLABLE.replace(/ AND /g, ' AND c.')}`,
  );
  await step(
    'claim',
    `UPDATE bench_floor_charges SET status = 'billed', billed_period = '${PERIOD}', updated_at = NOW(3), version = version + 1
     WHERE project_id IN (SELECT id FROM projects WHERE company_id = ?) AND ${BILLABLE}`,
    [companyId],
  );
  await step(
    'hash',
    `UPDATE bench_floor_bills b SET b.content_hash = (SELECT SHA2(CONCAT_WS('|', b.house_id, b.period, b.total_fen,
       GROUP_CONCAT(CONCAT_WS('~', l.kind, l.item_code, l.name, l.quantity_text, l.unit_price_fen, l.amount_fen, l.charge_id, l.ticket_id, l.ticket_serial, l.waived, l.sort_order)
         ORDER BY l.sort_order, l.kind, l.item_code, l.charge_id, l.amount_fen, l.name SEPARATOR '\\n')), 256)
       FROM bench_floor_lines l WHERE l.bill_id = b.id)`,
  );
  await db.query('COMMIT');
  return { floorS: seconds(t0), steps };
}

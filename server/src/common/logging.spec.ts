import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryFailedError } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { createRootLogger, serializeError } from './logging';

const PHONE = '13912345678';

/** What mysql2 attaches to an error: the formatted statement (values inlined) and the server's message. */
function mysqlError(): Error {
  const driver = Object.assign(new Error(`Duplicate entry '${PHONE}' for key 'uq_users_phone'`), {
    code: 'ER_DUP_ENTRY',
    errno: 1062,
    sqlState: '23000',
    sqlMessage: `Duplicate entry '${PHONE}' for key 'uq_users_phone'`,
    sql: `INSERT INTO \`users\`(\`phone\`, \`name\`) VALUES ('${PHONE}', '张三')`,
  });
  return new QueryFailedError('INSERT INTO `users`(`phone`, `name`) VALUES (?, ?)', [PHONE, '张三'], driver);
}

describe('serializeError (R9)', () => {
  it('keeps the driver code and a scrubbed message of a MariaDB error, never the statement or its values', () => {
    const out = serializeError(mysqlError());
    expect(out).toMatchObject({ type: 'QueryFailedError', code: 'ER_DUP_ENTRY', errno: 1062, sqlState: '23000' });
    expect(out.message).toBe("Duplicate entry '…' for key '…'");
    const text = JSON.stringify(out);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('张三');
    expect(text).not.toMatch(/INSERT|VALUES/);
  });

  it('scrubs a SQLite error too, and long digit runs outside quotes', () => {
    const driver = Object.assign(new Error(`CHECK constraint failed: phone = ${PHONE}`), {
      code: 'SQLITE_CONSTRAINT_CHECK',
    });
    const text = JSON.stringify(
      serializeError(new QueryFailedError('INSERT INTO users (phone) VALUES (?)', [PHONE], driver)),
    );
    expect(text).not.toContain(PHONE);
    expect(text).toContain('SQLITE_CONSTRAINT_CHECK');
  });

  it('writes nothing of it through the configured logger, under err or any other key', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-')), 'app.log');
    const logger = createRootLogger(
      loadConfig({
        NODE_ENV: 'test',
        JWT_SECRET: 'x'.repeat(40),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'cfg-')),
        LOG_FILE: file,
        LOG_LEVEL: 'info',
      }),
    );
    const error = mysqlError();
    logger.error({ err: error }, 'failed');
    logger.error({ error: serializeError(error) }, 'failed');
    logger.warn(
      { detail: { sql: (error as unknown as { driverError: { sql: string } }).driverError.sql, parameters: [PHONE] } },
      'failed',
    );
    const written = readFileSync(file, 'utf8');
    expect(written.split('\n').filter(Boolean)).toHaveLength(3);
    expect(written).not.toContain(PHONE);
  });
});

describe('scan-logs.mjs (the R9 check over the e2e logs)', () => {
  const script = join(__dirname, '..', '..', 'test', 'support', 'scan-logs.mjs');
  const requests = Array.from({ length: 60 }, (_, i) =>
    JSON.stringify({ level: 30, req: { id: `r${i}`, url: '/api/meta' }, msg: 'request completed' }),
  );

  const scan = (extra: string[]) => {
    const file = join(mkdtempSync(join(tmpdir(), 'scan-')), 'server.log');
    writeFileSync(file, [...requests, ...extra].join('\n'));
    return spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
  };

  it('passes a clean log', () => {
    expect(scan([]).status).toBe(0);
  });

  it('fails on a statement with a phone number, as an unredacted MariaDB error would write it', () => {
    const leaked = JSON.stringify({
      level: 50,
      err: { sql: `INSERT INTO house_bindings (phone) VALUES ('${PHONE}')` },
      msg: 'Unhandled error',
    });
    const result = scan([leaked]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('mobile number');
  });
});

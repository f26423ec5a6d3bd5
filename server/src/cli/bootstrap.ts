import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/app-config';
import { openDataSource } from '../database/data-source';
import { bootstrapCompany, BootstrapInput } from './bootstrap-company';

const USAGE = `用法：pnpm --filter @app/server bootstrap -- --company <公司名称> --company-code <编码> --admin-name <姓名> (--admin-username <用户名> | --admin-phone <手机号>) [--admin-phone …]
管理员密码取自环境变量 BOOTSTRAP_ADMIN_PASSWORD（至少 8 位，含字母和数字）；未设置时生成临时密码并只显示这一次，首次登录须修改。`;

/** Creates the first company and its administrator on an empty (migrated) database; refuses otherwise. */
async function main(): Promise<void> {
  // `pnpm … bootstrap -- --company …` passes the separator through; it is not an end of options here.
  const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
  const { values } = parseArgs({
    args,
    options: {
      company: { type: 'string' },
      'company-code': { type: 'string' },
      'admin-name': { type: 'string' },
      'admin-username': { type: 'string' },
      'admin-phone': { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: false,
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const input: BootstrapInput = {
    companyName: values.company ?? '',
    companyCode: values['company-code'] ?? '',
    adminName: values['admin-name'] ?? '系统管理员',
    adminUsername: values['admin-username'] ?? null,
    adminPhone: values['admin-phone'] ?? null,
    password: process.env.BOOTSTRAP_ADMIN_PASSWORD || null,
  };
  const ds = await openDataSource(loadConfig());
  try {
    await ds.runMigrations({ transaction: 'each' });
    const result = await bootstrapCompany(ds, input);
    const login = input.adminUsername ?? input.adminPhone;
    process.stdout.write(
      `已创建公司「${input.companyName}」（编码 ${input.companyCode}）和系统管理员「${input.adminName}」。\n`,
    );
    if (result.temporaryPassword) {
      process.stdout.write(
        `登录名：${login}\n临时密码（只显示这一次）：${result.temporaryPassword}\n首次登录后须修改密码。\n`,
      );
    } else {
      process.stdout.write(`登录名：${login}\n密码：取自 BOOTSTRAP_ADMIN_PASSWORD\n`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(1);
});

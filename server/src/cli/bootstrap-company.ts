import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { Role, ScopeType, UserKind } from '@app/shared';
import { now } from '../common/time';
import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { ServiceCategoryService } from '../modules/catalog/service-category.service';
import { RoleAssignment } from '../modules/identity/role-assignment.entity';
import { passwordProblem } from '../modules/identity/password.service';
import { temporaryPassword } from '../modules/identity/staff-accounts.service';
import { User } from '../modules/identity/user.entity';
import { Company } from '../modules/property/company.entity';

export interface BootstrapInput {
  companyName: string;
  companyCode: string;
  adminName: string;
  adminUsername: string | null;
  adminPhone: string | null;
  /** From the environment; without one a temporary password is generated and must be changed at first sign-in. */
  password: string | null;
}

export class BootstrapRefused extends Error {}

function check(input: BootstrapInput): void {
  if (!input.companyName.trim() || input.companyName.length > 100)
    throw new BootstrapRefused('请用 --company 给出公司名称（最多 100 字）');
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/.test(input.companyCode))
    throw new BootstrapRefused('请用 --company-code 给出公司编码（字母、数字或短横线，最多 32 位）');
  if (!input.adminName.trim() || input.adminName.length > 64)
    throw new BootstrapRefused('--admin-name 不能为空，最多 64 字');
  if (!input.adminUsername && !input.adminPhone)
    throw new BootstrapRefused('请给出 --admin-username 或 --admin-phone（登录名）');
  if (input.adminUsername && !/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/.test(input.adminUsername))
    throw new BootstrapRefused('--admin-username 须以字母开头，3–32 位字母、数字、下划线、点或短横线');
  if (input.adminPhone && !/^1\d{10}$/.test(input.adminPhone))
    throw new BootstrapRefused('--admin-phone 须为 11 位手机号');
  const problem = input.password === null ? null : passwordProblem(input.password);
  if (problem) throw new BootstrapRefused(`BOOTSTRAP_ADMIN_PASSWORD 不符合要求：${problem}`);
}

/**
 * The first company and its company-wide administrator, in one transaction. Refused as soon as any
 * company exists, so it can never add a second administrator to a running installation.
 */
export async function bootstrapCompany(
  ds: DataSource,
  input: BootstrapInput,
): Promise<{ companyId: number; userId: number; temporaryPassword: string | null }> {
  check(input);
  const generated = input.password === null ? temporaryPassword() : null;
  const hash = await bcrypt.hash(input.password ?? (generated as string), 10);
  return ds.transaction(async (tx) => {
    if (await tx.getRepository(Company).count())
      throw new BootstrapRefused('数据库中已有公司，bootstrap 只用于空数据库；请在控制台「员工账号」中添加管理员');
    const companyId = Number(
      (await tx.getRepository(Company).insert({ code: input.companyCode, name: input.companyName.trim() }))
        .identifiers[0].id,
    );
    await ServiceCategoryService.seedDefaults(tx, companyId);
    const at = now();
    const userId = Number(
      (
        await tx.getRepository(User).insert({
          kind: UserKind.Staff,
          name: input.adminName.trim(),
          username: input.adminUsername,
          phone: input.adminPhone,
          passwordHash: hash,
          companyId,
          status: 'active',
          mustChangePassword: generated !== null,
          createdAt: at,
          updatedAt: at,
        })
      ).identifiers[0].id,
    );
    await tx
      .getRepository(RoleAssignment)
      .insert({ userId, role: Role.Admin, scopeType: ScopeType.Company, scopeId: companyId, createdAt: at });
    await tx.getRepository(AuditEntry).insert({
      actorId: null,
      action: 'company.bootstrap',
      entityType: 'company',
      entityId: companyId,
      companyId,
      projectId: null,
      beforeJson: null,
      afterJson: JSON.stringify({
        company: input.companyName,
        code: input.companyCode,
        adminUserId: userId,
        admin: input.adminUsername ?? input.adminPhone,
      }),
      reason: null,
      at,
    });
    return { companyId, userId, temporaryPassword: generated };
  });
}

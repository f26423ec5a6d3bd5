import { Injectable } from '@nestjs/common';
import {
  IDemoAccount,
  IDemoAccountList,
  IMe,
  IRoleGrant,
  ITokenPair,
  Role,
  ROLE_LABELS,
  UserKind,
  maskPhone,
} from '@app/shared';
import { BindingDirectory } from '../bindings/binding-directory.service';
import { Account, AuthService, DEMO_PASSWORD, SignedIn } from '../identity/auth.service';
import { UserDirectory } from '../identity/user-directory.service';
import { PropertyDirectory } from '../property/property-directory.service';

/** Describes the signed-in user (`/me`, the user inside every token pair) from identity, property and bindings. */
@Injectable()
export class MeService {
  constructor(
    private readonly users: UserDirectory,
    private readonly property: PropertyDirectory,
    private readonly residents: BindingDirectory,
    private readonly auth: AuthService,
  ) {}

  async describe(user: Account): Promise<IMe> {
    const [roles, houses] = await Promise.all([this.roleGrants(user.id), this.residents.approvedHouses(user.id)]);
    return {
      id: user.id,
      kind: user.kind,
      name: user.name,
      phoneMasked: maskPhone(user.phone),
      username: user.username,
      roles,
      houses,
      wechatBound: Boolean(user.wechatOpenId),
      mustChangePassword: Boolean(user.mustChangePassword),
    };
  }

  async pair({ user, tokens }: SignedIn): Promise<ITokenPair> {
    return {
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
      refreshToken: tokens.refreshToken,
      refreshTokenExpiresAt: tokens.refreshTokenExpiresAt.toISOString(),
      user: await this.describe(user),
    };
  }

  async demoAccounts(): Promise<IDemoAccountList> {
    const accounts: IDemoAccount[] = [];
    for (const { user, roles } of await this.auth.demoAccounts()) {
      const described = await this.describe(user);
      const where = described.houses[0]?.label ?? described.roles[0]?.scopeName ?? '';
      const roleText =
        user.kind === UserKind.Resident
          ? described.houses.length
            ? '已认证住户'
            : '未认证住户'
          : roles.map((r) => ROLE_LABELS[r as Role]).join('、');
      accounts.push({
        userId: user.id,
        name: user.name,
        kind: user.kind,
        roles,
        username: user.username,
        description: `${where} ${roleText}`.trim(),
      });
    }
    return { demoPassword: DEMO_PASSWORD, accounts };
  }

  private async roleGrants(userId: number): Promise<IRoleGrant[]> {
    const grants = await this.users.grants(userId);
    const names = await this.property.scopeNames(grants);
    return grants.map((a) => ({
      role: a.role,
      scopeType: a.scopeType,
      scopeId: a.scopeId,
      scopeName: names.get(`${a.scopeType}:${a.scopeId}`) ?? '',
    }));
  }
}

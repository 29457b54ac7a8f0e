import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/src';
import { UserEntity, verifyPassword } from '../../../../libs/persistence/src';
import { APP_CONFIG } from '../tokens';
import { LoginThrottle } from './login-throttle.service';
import { Principal, toGrant } from './principal';

// Compared against when the user does not exist, so timing does not reveal usernames.
const DUMMY_HASH = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks the password from `address`, throttled per account and address
   * (LoginThrottle); a wrong password, an unknown or an inactive user all get
   * the same 401 and count the same.
   */
  async login(username: string, password: string, address: string): Promise<{ accessToken: string; expiresIn: number; user: ReturnType<typeof describe> }> {
    const keys = { account: username, address };
    const user = await this.ds.getRepository(UserEntity).findOneBy({ username });
    const ok = await this.throttle.verify(keys, () => verifyPassword(password, user?.passwordHash ?? DUMMY_HASH));
    if (!user || !ok || !user.active) return this.throttle.failed(keys, user ?? undefined);
    await this.throttle.succeeded(keys);
    const principal = await this.loadPrincipal(user.id);
    const accessToken = await this.jwt.signAsync({ sub: user.id }, { expiresIn: this.config.JWT_TTL_SECONDS });
    return { accessToken, expiresIn: this.config.JWT_TTL_SECONDS, user: describe(principal!) };
  }

  /** Reads the user's roles afresh on every request, so a revoked role stops working at once. */
  async loadPrincipal(userId: string): Promise<Principal | undefined> {
    const rows: Array<{ user_id: string; username: string; display_name: string; active: boolean; role: string | null; organisation_id: string | null; name: string | null; level: string | null; path: string | null }> =
      await this.ds.query(
        `SELECT u.id AS user_id, u.username, u.display_name, u.active, r.role, r.organisation_id, o.name, o.level, o.path
           FROM users u
           LEFT JOIN role_assignments r ON r.user_id = u.id
           LEFT JOIN organisations o ON o.id = r.organisation_id
          WHERE u.id = $1`,
        [userId],
      );
    const first = rows[0];
    if (!first || !first.active) return undefined;
    const grants = rows
      .filter((r) => r.role && r.organisation_id)
      .map((r) => toGrant({ role: r.role as never, organisationId: r.organisation_id!, organisationName: r.name!, level: r.level as never, path: r.path! }));
    return new Principal(first.user_id, first.username, first.display_name, grants);
  }
}

export function describe(p: Principal) {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    roles: p.grants.map((g) => ({ role: g.role, organisationId: g.organisationId, organisationName: g.organisationName, level: g.level })),
  };
}

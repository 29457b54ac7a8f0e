import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { WithoutIdempotency } from '../common/idempotency';
import { AuthService, describe } from './auth.service';
import type { Principal } from './principal';
import { CurrentPrincipal, Public } from './public.decorator';
import { Endpoint } from '../openapi/endpoint';
import { currentUserExample, currentUserSchema, loginResponseExample, loginResponseSchema } from './auth.responses';

const loginSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

@ApiTags('认证')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @WithoutIdempotency()
  @Post('login')
  @HttpCode(200)
  @Endpoint({
    summary: '登录，返回访问令牌（JWT）；连续失败过多时账号或地址暂时锁定',
    description: '账号或网络地址连续失败过多时暂时锁定，同一地址同时登录过多时暂缓受理；Retry-After 给出等待的秒数。',
    ok: { status: 200, description: '访问令牌与当前用户', schema: loginResponseSchema, example: loginResponseExample },
    errors: ['LOGIN_FAILED', 'LOGIN_LOCKED', 'LOGIN_ADDRESS_LOCKED', 'LOGIN_CONCURRENCY_LIMITED', 'LOGIN_BUSY'],
  })
  login(@Body({ schema: loginSchema }) body: z.infer<typeof loginSchema>, @Ip() ip: string | undefined) {
    return this.auth.login(body.username, body.password, ip ?? 'unknown');
  }

  @Get('me')
  @ApiBearerAuth()
  @Endpoint({ summary: '当前用户及其角色', ok: { status: 200, description: '当前用户', schema: currentUserSchema, example: currentUserExample } })
  me(@CurrentPrincipal() principal: Principal) {
    return describe(principal);
  }
}

import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
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
    summary: '登录，返回访问令牌（JWT）',
    ok: { status: 200, description: '访问令牌与当前用户', schema: loginResponseSchema, example: loginResponseExample },
    errors: ['LOGIN_FAILED'],
  })
  login(@Body({ schema: loginSchema }) body: z.infer<typeof loginSchema>) {
    return this.auth.login(body.username, body.password);
  }

  @Get('me')
  @ApiBearerAuth()
  @Endpoint({ summary: '当前用户及其角色', ok: { status: 200, description: '当前用户', schema: currentUserSchema, example: currentUserExample } })
  me(@CurrentPrincipal() principal: Principal) {
    return describe(principal);
  }
}

import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { WithoutIdempotency } from '../common/idempotency';
import { AuthService, describe } from './auth.service';
import type { Principal } from './principal';
import { CurrentPrincipal, Public } from './public.decorator';

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
  @ApiOperation({ summary: '登录，返回访问令牌（JWT）；连续失败过多时账号或地址暂时锁定' })
  @ApiResponse({ status: 401, description: '用户名或密码错误' })
  @ApiResponse({ status: 429, description: '账号或地址因失败过多暂时锁定（LOGIN_LOCKED、LOGIN_ADDRESS_LOCKED），或同一地址同时登录过多；Retry-After 给出秒数' })
  @ApiResponse({ status: 503, description: '登录请求过多，服务器繁忙（LOGIN_BUSY）；Retry-After 给出秒数' })
  login(@Body({ schema: loginSchema }) body: z.infer<typeof loginSchema>, @Ip() ip: string | undefined) {
    return this.auth.login(body.username, body.password, ip ?? 'unknown');
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前用户及其角色' })
  me(@CurrentPrincipal() principal: Principal) {
    return describe(principal);
  }
}

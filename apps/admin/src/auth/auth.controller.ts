import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AdminSettings } from '../admin.settings';
import { AllowPendingPasswordChange, Public, Roles } from './access.decorators';
import { Actor, CurrentActor, CurrentUser } from './actor';
import { ChangePasswordRequest, LoginRequest, SessionView } from './auth.dto';
import { AuthService } from './auth.service';
import { ROLES, SessionUser } from './roles';
import { sessionCookie } from './session-cookie';
import { SessionStore } from './session-store';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionStore,
    private readonly settings: AdminSettings,
  ) {}

  private get secureCookie(): boolean {
    return this.settings.ADMIN_MODE === 'production';
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in: sets the session cookie (HttpOnly, SameSite=Strict)' })
  @ApiOkResponse({ type: SessionView })
  @ApiUnauthorizedResponse({ description: 'wrong user name or password, or the user is disabled' })
  @ApiTooManyRequestsResponse({ description: 'too many failed log-ins for this user name' })
  async login(
    @Body() body: LoginRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionView> {
    const { token, user } = await this.auth.login(body.username, body.password, request.ip ?? null);
    response.setHeader(
      'Set-Cookie',
      sessionCookie(token, { maxAgeSeconds: this.sessions.cookieMaxAgeSeconds(), secure: this.secureCookie }),
    );
    return user;
  }

  @Post('logout')
  @Roles(...ROLES)
  @AllowPendingPasswordChange()
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out: ends this session and deletes the cookie' })
  async logout(
    @CurrentUser() user: SessionUser,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(user, actor);
    response.setHeader('Set-Cookie', sessionCookie('', { maxAgeSeconds: 0, secure: this.secureCookie }));
  }

  @Get('me')
  @Roles(...ROLES)
  @AllowPendingPasswordChange()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: SessionView })
  me(@CurrentUser() user: SessionUser): SessionView {
    return {
      username: user.username,
      role: user.role,
      department: user.department,
      mustChangePassword: user.mustChangePassword,
    };
  }

  @Post('password')
  @Roles(...ROLES)
  @AllowPendingPasswordChange()
  @HttpCode(200)
  @ApiOperation({ summary: "Change one's own password; ends one's other sessions" })
  @ApiOkResponse({ type: SessionView })
  changePassword(
    @Body() body: ChangePasswordRequest,
    @CurrentUser() user: SessionUser,
    @CurrentActor() actor: Actor,
  ): Promise<SessionView> {
    return this.auth.changePassword(user, body.currentPassword, body.newPassword, actor);
  }
}

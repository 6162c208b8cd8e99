import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { Actor, CurrentActor } from '../auth/actor';
import { CreateUserRequest, TemporaryPasswordView, UserView, UserWithTemporaryPassword } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('api/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Every user of the console' })
  @ApiOkResponse({ type: [UserView] })
  list() {
    return this.users.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a user with a one-time password (shown once, changed at first log-in)' })
  @ApiCreatedResponse({ type: UserWithTemporaryPassword })
  @ApiConflictResponse({ description: 'the user name is taken' })
  create(@Body() body: CreateUserRequest, @CurrentActor() actor: Actor) {
    return this.users.create(body, actor);
  }

  @Post(':username/disable')
  @HttpCode(200)
  @ApiOperation({ summary: "Disable a user and end the user's sessions" })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the last enabled admin cannot be disabled' })
  disable(@Param('username') username: string, @CurrentActor() actor: Actor) {
    return this.users.disable(username, actor);
  }

  @Post(':username/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled user again' })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse()
  enable(@Param('username') username: string, @CurrentActor() actor: Actor) {
    return this.users.enable(username, actor);
  }

  @Post(':username/password-reset')
  @HttpCode(200)
  @ApiOperation({ summary: "Give a user a new one-time password (shown once) and end the user's sessions" })
  @ApiOkResponse({ type: TemporaryPasswordView })
  @ApiNotFoundResponse()
  resetPassword(@Param('username') username: string, @CurrentActor() actor: Actor) {
    return this.users.resetPassword(username, actor);
  }
}

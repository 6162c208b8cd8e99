import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { DEPARTMENTS } from '@hub/contract';
import { PASSWORD_MAX_LENGTH } from '../users/password-policy';
import { ROLES, Role } from './roles';

export class LoginRequest {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 128)
  username: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  password: string;
}

export class ChangePasswordRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({
    format: 'password',
    description: 'at least 12 characters, 5 of them different, not containing the user name',
  })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  newPassword: string;
}

/** The signed-in user as the console needs it. */
export class SessionView {
  @ApiProperty() username: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, nullable: true, enum: DEPARTMENTS }) department: string | null;
  @ApiProperty({
    description: 'true: every route but me, password and logout refuses this user until the password is changed',
  })
  mustChangePassword: boolean;
}

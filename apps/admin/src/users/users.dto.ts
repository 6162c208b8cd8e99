import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DEPARTMENTS } from '@hub/contract';
import { ROLES, Role } from '../auth/roles';

export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{1,63}$/;

export class CreateUserRequest {
  @ApiProperty({ example: 'wang.reviewer', pattern: USERNAME_PATTERN.source })
  @Matches(USERNAME_PATTERN, { message: 'username: 2–64 lower-case letters, digits, . _ -, starting with a letter' })
  username: string;

  @ApiProperty({ example: '王审核' })
  @IsString()
  @Length(1, 100)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ enum: DEPARTMENTS, description: 'required for role department, refused for the others' })
  @IsOptional()
  @IsIn(DEPARTMENTS)
  department?: string;
}

export class UserView {
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, nullable: true }) department: string | null;
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty() disabled: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) passwordChangedAt: Date | null;
}

export class UserWithTemporaryPassword {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ description: 'shown once; the user must change it at first log-in' }) temporaryPassword: string;
}

export class TemporaryPasswordView {
  @ApiProperty({ description: 'shown once; the user must change it at first log-in' }) temporaryPassword: string;
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { AuditLog } from './audit-log';
import { AuditPage, AuditQuery } from './audit.dto';

@ApiTags('audit')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'The audit log, newest first, a page at a time; nobody can change it' })
  @ApiOkResponse({ type: AuditPage })
  find(@Query() query: AuditQuery): Promise<AuditPage> {
    return this.audit.find({ ...query, limit: query.limit ?? 100 });
  }
}

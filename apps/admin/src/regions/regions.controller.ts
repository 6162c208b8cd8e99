import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegionName, loadRegionTable } from '@hub/rules';
import { Roles } from '../auth/access.decorators';
import { AdminSettings } from '../admin.settings';

/** The county's region names (ADMIN_REGIONS_FILE), so the console shows 吴兴区 where a record says 330502. */
@ApiTags('regions')
@Controller('api/regions')
export class RegionsController {
  private readonly regions: RegionName[];

  constructor(settings: AdminSettings) {
    // Loaded once at start-up: a wrong table stops the admin naming the entry, not the first page that reads it.
    this.regions = loadRegionTable(settings.ADMIN_REGIONS_FILE || undefined);
  }

  @Get()
  @Roles('reviewer', 'admin', 'auditor', 'department')
  @ApiOperation({ summary: 'Region codes and names of the county (districts, townships, villages)' })
  @ApiOkResponse({ description: '[{ code, name }], by code' })
  list(): RegionName[] {
    return this.regions;
  }
}

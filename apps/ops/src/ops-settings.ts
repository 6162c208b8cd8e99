import type { HubService } from '@hub/topics';

/** The setting that carries a service role's database password to hub-ops migrate (the chart's and compose file's). */
export const databasePasswordSetting = (service: HubService): string => `HUB_DB_PASSWORD_${service.toUpperCase()}`;

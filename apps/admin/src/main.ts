import { runService } from '@hub/runtime';
import { AdminModule, configureAdminApp } from './admin.module';
import { AdminSettings } from './admin.settings';

runService({
  name: 'admin',
  settings: AdminSettings,
  module: (s) => AdminModule.forSettings(s),
  port: (s) => s.ADMIN_HTTP_PORT,
  configure: (app) => configureAdminApp(app),
  paths: 'API on /api (log in with POST /api/auth/login), Swagger UI on /api/docs, metrics on /metrics',
});

import { runService } from '@hub/runtime';
import { MatcherModule } from './matcher.module';
import { MatcherSettings } from './matcher.settings';

runService({
  name: 'matcher',
  settings: MatcherSettings,
  module: (s) => MatcherModule.forSettings(s),
  port: (s) => s.MATCHER_HTTP_PORT,
  openApi:
    'Matcher: counters, persons and their records, review pairs and their decisions, unlinking a record, the purge of a person.',
  paths: 'counters on /matcher/stats',
});

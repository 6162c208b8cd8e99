import { randomBytes } from 'node:crypto';
import { serviceTokenHeaders } from '@hub/runtime';

/**
 * The service token of the services a test starts (in this process or as children): deploy/hub.sh's, or one
 * made for this test process when jest runs alone. Kept in process.env so every child inherits it.
 */
export function testServiceToken(): string {
  process.env.HUB_SERVICE_TOKEN ||= randomBytes(32).toString('hex');
  return process.env.HUB_SERVICE_TOKEN;
}

/** Headers of a call to a guarded route of intake, matcher or detector, as the admin makes it. */
export const asHubService = (): Record<string, string> => serviceTokenHeaders(testServiceToken());

import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-cookie';

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';

export function adminOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('assist-hub admin')
    .setDescription(
      'Administration of the social-assistance data-sharing hub (社会救助数据共享). Log in with POST /api/auth/login; ' +
        `the session travels in the ${SESSION_COOKIE} cookie (HttpOnly, SameSite=Strict). Each route names the roles that may call it.`,
    )
    .setVersion('1')
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', description: 'set by POST /api/auth/login' }, SESSION_COOKIE)
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * Swagger UI at /api/docs and the document at /api/docs-json. These are served by the HTTP adapter
 * directly, outside Nest's routes and guards: they are public, and the document lists every route
 * with its roles (no data). The UI sends the session cookie itself (same origin), so a signed-in
 * user can try routes from it.
 */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = adminOpenApiDocument(app);
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'assist-hub admin API',
    swaggerOptions: { withCredentials: true, persistAuthorization: false },
  });
  return document;
}

import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Where every internal service serves the OpenAPI document of its HTTP API (the admin's is /api/docs-json). */
export const SERVICE_OPENAPI_PATH = 'openapi';
export const SERVICE_OPENAPI_JSON_PATH = 'openapi.json';

/**
 * The OpenAPI document of an internal service (intake, matcher, detector), served at /openapi.json. It is
 * served by the HTTP adapter outside Nest's guards: public, as it lists routes and no data; the routes themselves
 * answer only with the service token (Authorization: Bearer HUB_SERVICE_TOKEN), except /health, /ready, /metrics.
 */
export function serveServiceOpenApi(app: INestApplication, service: string, description: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`assist-hub ${service}`)
    .setDescription(
      `${description} Internal: called by the admin service and the county's operators, with the service token.`,
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'HUB_SERVICE_TOKEN' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(SERVICE_OPENAPI_PATH, app, document, {
    ui: false,
    raw: ['json'],
    jsonDocumentUrl: SERVICE_OPENAPI_JSON_PATH,
  });
  return document;
}

import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { RouteAccess } from '../../apps/admin/src/auth/access-decision';
import { routeAccess } from '../../apps/admin/src/auth/access.guard';

/** A route as Nest registered it, with what its decorators declare about access. */
export interface DeclaredRoute {
  method: string;
  /** Express pattern, e.g. /api/users/:username */
  path: string;
  handler: string;
  access: RouteAccess;
}

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/**
 * Every route of every controller in the app, found through Nest's discovery (not a list kept by
 * hand): a controller or route added later is walked without anyone remembering to add it.
 */
export function nestRoutes(app: INestApplication): DeclaredRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: DeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as { name: string; prototype: Record<string, (...args: unknown[]) => unknown> };
    const bases = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    for (const name of scanner.getAllMethodNames(type.prototype)) {
      const handler = type.prototype[name];
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      for (const base of bases) {
        for (const path of ([] as string[]).concat(paths)) {
          routes.push({
            method,
            path: joinPath(base, path),
            handler: `${type.name}.${name}`,
            access: routeAccess(reflector, [handler, type as never]),
          });
        }
      }
    }
  }
  return routes;
}

/** Every route the HTTP server (Express) answers, Nest's and those added to Express directly (Swagger UI). */
export function expressRoutes(app: INestApplication): { method: string; path: string }[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack
    .filter((layer) => layer.route)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods)
        .filter((m) => m !== '_all')
        .map((m) => ({ method: m.toUpperCase(), path: layer.route!.path })),
    );
}

/** A concrete path for a pattern: each :parameter becomes a harmless value. */
export const concretePath = (pattern: string) =>
  pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => `walk-${name.toLowerCase()}`);

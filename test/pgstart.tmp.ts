import { startEmbeddedPostgres } from '@hub/persistence';
(async () => { const pg = await startEmbeddedPostgres({ dataDir: '/tmp/pgdev', port: 54329, fast: true }); console.log(pg.serverUrl); setInterval(() => {}, 1e9); })();

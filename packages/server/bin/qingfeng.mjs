#!/usr/bin/env node
// Runs the bundled server (dist/cli.js, see bundle.mjs) when it is up to date, else the TypeScript
// sources directly through tsx: no build step is needed between a checkout and a server.
import { freshBundle } from './bundle.mjs';

process.env.TZ ??= 'Asia/Shanghai';
const bundle = freshBundle();
if (!bundle) (await import('tsx/esm/api')).register();
const { runCli } = await import(bundle ?? '../src/cli.ts');
await runCli(process.argv);

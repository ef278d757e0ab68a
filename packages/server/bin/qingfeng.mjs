#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step between a checkout and a server.
import { register } from 'tsx/esm/api';

process.env.TZ ??= 'Asia/Shanghai';
register();
const { runCli } = await import('../src/cli.ts');
await runCli(process.argv);

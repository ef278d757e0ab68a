import { describe, expect, it } from 'vitest';
import { runDurability, summary } from '../scripts/durability.js';
import { ENGINE } from './harness.js';

// The real server in a child process, SIGKILLed during a burst of writes and started again on the
// same data (scripts/durability.ts). Each vitest project runs its own engine.
describe(`crash durability (${ENGINE})`, () => {
  it('loses no acknowledged write when the server is killed with SIGKILL mid-burst', async () => {
    const r = await runDurability({ engine: ENGINE, concurrency: 8, killAfterMs: 1500 });
    console.log(summary(r));
    expect(r.acknowledged).toBeGreaterThan(0);
    expect(r.inFlightAtKill).toBeGreaterThan(0);
    expect(r).toMatchObject({ lost: 0, altered: 0, found: r.acknowledged, auditChainOk: true });
  }, 120_000);
});

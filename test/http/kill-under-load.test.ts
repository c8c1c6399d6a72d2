import { expect, it } from 'vitest';
import { killUnderLoad } from '../../bench/kill-under-load.js';

it('keeps every click that received a 302 when the server is killed with SIGKILL under load', async () => {
  const result = await killUnderLoad({
    port: 18_000 + Math.floor(Math.random() * 2000),
    loadMs: 1500,
    connections: 16,
  });
  expect(result.acknowledged).toBeGreaterThan(100);
  expect(result.missing).toEqual([]);
  expect(result.found).toBe(result.acknowledged);
  expect(result.stored).toBeGreaterThanOrEqual(result.acknowledged);
}, 60_000);

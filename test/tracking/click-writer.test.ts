import { describe, expect, it } from 'vitest';
import { ClickWriter } from '../../src/tracking/click-writer.js';
import type {
  ClickRecord,
  ClicksRepository,
} from '../../src/storage/repositories/clicks-repository.js';

/** A repository whose commits the test completes by hand. */
function controlledRepository() {
  const batches: {
    records: readonly ClickRecord[];
    commit: () => void;
    fail: (error: Error) => void;
  }[] = [];
  const repository = {
    insertBatch: (records: readonly ClickRecord[]) =>
      new Promise<void>((resolve, reject) =>
        batches.push({ records, commit: resolve, fail: reject }),
      ),
  } as unknown as ClicksRepository;
  return { repository, batches };
}

const record = (id: number): ClickRecord => [id, 'prg', 'sit', null, null, null, null, '{}', null];
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ClickWriter (group commit)', () => {
  it('acknowledges a click only after the batch holding it committed', async () => {
    const { repository, batches } = controlledRepository();
    const writer = new ClickWriter(repository, 100);
    let acknowledged = false;
    const written = writer.write(record(1)).then(() => (acknowledged = true));
    await tick();
    expect(batches).toHaveLength(1);
    await tick();
    expect(acknowledged).toBe(false);
    batches[0]!.commit();
    await written;
    expect(acknowledged).toBe(true);
  });

  it('groups clicks that arrive during a commit into the next batch, up to the maximum', async () => {
    const { repository, batches } = controlledRepository();
    const writer = new ClickWriter(repository, 3);
    const first = writer.write(record(1));
    await tick();
    const later = [2, 3, 4, 5].map((id) => writer.write(record(id)));
    await tick();
    expect(batches.map((batch) => batch.records.length)).toEqual([1]);
    batches[0]!.commit();
    await first;
    await tick();
    expect(batches.map((batch) => batch.records.map((r) => r[0]))).toEqual([[1], [2, 3, 4]]);
    batches[1]!.commit();
    await tick();
    await tick();
    expect(batches.map((batch) => batch.records.map((r) => r[0]))).toEqual([[1], [2, 3, 4], [5]]);
    batches[2]!.commit();
    await Promise.all(later);
    expect(writer.stats).toMatchObject({ batches: 3, clicks: 5 });
  });

  it('fails every click of a batch whose commit failed, and goes on with the next', async () => {
    const { repository, batches } = controlledRepository();
    const writer = new ClickWriter(repository, 100);
    const doomed = writer.write(record(1));
    await tick();
    batches[0]!.fail(new Error('disk full'));
    await expect(doomed).rejects.toThrow('disk full');
    const next = writer.write(record(2));
    await tick();
    batches[1]!.commit();
    await expect(next).resolves.toBeUndefined();
  });

  it('drains everything queued before shutdown', async () => {
    const { repository, batches } = controlledRepository();
    const writer = new ClickWriter(repository, 100);
    const writes = [1, 2, 3].map((id) => writer.write(record(id)));
    const drained = writer.drain();
    await tick();
    batches[0]!.commit();
    await drained;
    await Promise.all(writes);
    expect(batches).toHaveLength(1);
  });
});

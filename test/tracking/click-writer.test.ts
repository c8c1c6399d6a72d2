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
/** Signs as `t<id>`: enough to see which click an answer is for. */
const signer = { sign: (id: number) => `t${id}` };
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ClickWriter (group commit)', () => {
  it('acknowledges a click only after the batch holding it committed', async () => {
    const { repository, batches } = controlledRepository();
    const writer = new ClickWriter(repository, 100, signer);
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
    const writer = new ClickWriter(repository, 3, signer);
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
    const writer = new ClickWriter(repository, 100, signer);
    const doomed = writer.write(record(1));
    await tick();
    batches[0]!.fail(new Error('disk full'));
    await expect(doomed).rejects.toThrow('disk full');
    const next = writer.write(record(2));
    await tick();
    batches[1]!.commit();
    await expect(next).resolves.toBe('t2');
  });

  it('drains everything queued before shutdown', async () => {
    const { repository, batches } = controlledRepository();
    const writer = new ClickWriter(repository, 100, signer);
    const writes = [1, 2, 3].map((id) => writer.write(record(id)));
    const drained = writer.drain();
    await tick();
    batches[0]!.commit();
    await drained;
    await Promise.all(writes);
    expect(batches).toHaveLength(1);
  });

  it('with the writer thread, sends each burst at once and in pieces, without waiting for the last', async () => {
    const { repository, batches } = controlledRepository();
    const sent: { records: readonly ClickRecord[]; commit: () => void }[] = [];
    const thread = {
      running: true,
      insertClicks: (records: readonly ClickRecord[]) =>
        new Promise<readonly string[]>((resolve) =>
          sent.push({ records, commit: () => resolve(records.map((r) => `thread-${r[0]}`)) }),
        ),
    };
    const writer = new ClickWriter(repository, 100, signer);
    writer.useThread(thread);
    const burst = Array.from({ length: 40 }, (_, n) => writer.write(record(n)));
    // Every 16 clicks go at once; the rest at the end of the tick.
    expect(sent.map((batch) => batch.records.length)).toEqual([16, 16]);
    await tick();
    expect(sent.map((batch) => batch.records.length)).toEqual([16, 16, 8]);
    // A later click is sent while the first pieces are still being committed.
    const later = writer.write(record(99));
    await tick();
    expect(sent).toHaveLength(4);
    let answered = 0;
    for (const write of burst) void write.then(() => (answered += 1));
    sent[1]!.commit();
    await tick();
    expect(answered).toBe(16); // only the clicks of the committed piece
    const drained = writer.drain();
    for (const batch of sent) batch.commit();
    await drained;
    // Each click gets the tduid the thread signed for it, not its neighbour's.
    expect(await Promise.all([...burst, later])).toEqual(
      [...Array.from({ length: 40 }, (_, n) => n), 99].map((n) => `thread-${n}`),
    );
    expect(answered).toBe(40);
    expect(batches).toHaveLength(0); // nothing went to this thread's connection
  });

  it('writes here again once the thread ended, and fails only the clicks it had in flight', async () => {
    const { repository, batches } = controlledRepository();
    let fail: (error: Error) => void = () => undefined;
    const thread = {
      running: true,
      insertClicks: () => new Promise<readonly string[]>((_, reject) => (fail = reject)),
    };
    const writer = new ClickWriter(repository, 100, signer);
    writer.useThread(thread);
    const inFlight = writer.write(record(1));
    await tick();
    thread.running = false;
    fail(new Error('the writer thread exited with code 1'));
    await expect(inFlight).rejects.toThrow('exited');
    const next = writer.write(record(2));
    await tick();
    expect(batches.map((batch) => batch.records.map((r) => r[0]))).toEqual([[2]]);
    batches[0]!.commit();
    await expect(next).resolves.toBe('t2');
  });

  it('fails a piece the thread answered with the wrong number of tduids, never a wrong one', async () => {
    const { repository } = controlledRepository();
    const writer = new ClickWriter(repository, 100, signer);
    writer.useThread({ running: true, insertClicks: async () => ['thread-1'] });
    const pair = [writer.write(record(1)), writer.write(record(2))];
    for (const write of pair) await expect(write).rejects.toThrow('signed 1 of 2 clicks');
  });

  it('on the thread, commits the batches that arrive during a commit next, never split', async () => {
    const { repository, batches } = controlledRepository();
    const writer = new ClickWriter(repository, 3, signer);
    const first = writer.writeMany([record(1), record(2)]);
    await tick();
    const second = writer.writeMany([record(3), record(4)]);
    const third = writer.writeMany([record(5), record(6)]);
    batches[0]!.commit();
    expect(await first).toEqual(['t1', 't2']);
    await tick();
    // 3, 4, 5, 6 would pass the maximum of 3: a batch is never split, the third waits.
    expect(batches.map((batch) => batch.records.map((r) => r[0]))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    batches[1]!.commit();
    await second;
    await tick();
    batches[2]!.commit();
    await third;
    expect(batches.map((batch) => batch.records.length)).toEqual([2, 2, 2]);
    // Under the maximum, batches that arrived during a commit go together.
    const roomy = controlledRepository();
    const grouping = new ClickWriter(roomy.repository, 10, signer);
    const a = grouping.writeMany([record(1)]);
    await tick();
    const rest = [grouping.writeMany([record(2), record(3)]), grouping.writeMany([record(4)])];
    roomy.batches[0]!.commit();
    await a;
    await tick();
    roomy.batches[1]!.commit();
    await Promise.all(rest);
    expect(roomy.batches.map((batch) => batch.records.map((r) => r[0]))).toEqual([[1], [2, 3, 4]]);
  });
});

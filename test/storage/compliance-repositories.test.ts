import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { repos } from '../../src/storage/repositories/repos.js';

const NOW = Date.UTC(2026, 2, 2, 12);

describeEachEngine('compliance repositories', (context) => {
  it('records audit events in the transaction and reads them newest first, filtered', async () => {
    const r = repos(context().store);
    const event = (action: string, subjectId: string) => ({
      actor: 'user:a',
      action,
      subjectType: 'publisher',
      subjectId,
      details: { n: 1 },
    });
    await r.audit.record(event('enforcement.warning', 'pub_1'), NOW);
    await r.audit.record(event('enforcement.deduction', 'pub_2'), NOW + 1);
    await expect(
      r.transaction(async (t) => {
        await t.audit.record(event('enforcement.lifted', 'pub_1'), NOW + 2);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await r.audit.record(event('claim.submitted', 'pub_1'), NOW + 3);
    expect((await r.audit.read()).map((row) => row.action)).toEqual([
      'claim.submitted',
      'enforcement.deduction',
      'enforcement.warning',
    ]);
    expect((await r.audit.read({ action: 'enforcement.' })).map((row) => row.subject_id)).toEqual([
      'pub_2',
      'pub_1',
    ]);
    const [one] = await r.audit.read({ subjectId: 'pub_2' });
    expect(one).toMatchObject({ actor: 'user:a', subject_type: 'publisher', created_at: NOW + 1 });
    expect(JSON.parse(one!.details)).toEqual({ n: 1 });
    expect(await r.audit.read({ limit: 1 })).toHaveLength(1);
  });

  it('finds no mailing windows for no link parameters or unknown ones', async () => {
    const mailings = repos(context().store).mailings;
    expect(await mailings.windowsByLinkParam([])).toEqual([]);
    expect(await mailings.windowsByLinkParam(['nope'])).toEqual([]);
  });
});

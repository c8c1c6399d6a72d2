import type { Page } from 'playwright-core';
import type { ProgramSetupInput } from '../../src/domain/terms/program-setup.js';

/** Fills the guided form's fields (the first rows of groups and leads) from `input`. */
export async function fillSetup(page: Page, input: ProgramSetupInput): Promise<void> {
  for (const name of [
    'name',
    'id',
    'company',
    'landingUrl',
    'descriptionNl',
    'descriptionEn',
    'deeplinkDomains',
    'currencies',
    'categories',
    'markets',
    'cookieDays',
    'validationDays',
    'contactEmail',
  ] as const)
    await page.fill(`#setup-${name}`, input[name]);
  for (const [index, group] of input.groups.entries()) {
    if (group.nameNl === '') continue;
    await page.fill(`#setup-groupNameNl-${index}`, group.nameNl);
    await page.fill(`#setup-groupNameEn-${index}`, group.nameEn);
    await page.fill(`#setup-groupRate-${index}`, group.rate);
    await page.fill(`#setup-groupCategories-${index}`, group.categories);
  }
  await page.fill('#setup-leadName-0', input.leads[0]!.name);
  await page.fill('#setup-leadAmount-0', input.leads[0]!.amount);
  await page.selectOption('#setup-atDeadline', input.atDeadline);
  for (const [method, status] of Object.entries(input.methods))
    await page.selectOption(`#setup-method-${method}`, status);
}

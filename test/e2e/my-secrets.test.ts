/**
 * Issue 19 in Chromium, "My secrets" (O6): revoking asks first, naming the recipient, and says the
 * outcome on the secret's own row; on a 390 px phone each secret is a card with every status word
 * whole, nothing off-screen, the expiry only for waiting secrets and "opened <when> by <whom>" for
 * opened ones (a team secret names its member). German (Sven) and Dutch (Dirk).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/protocol/i18n/index.ts';
import { expectAccessible } from './support/browser.ts';
import { createSecret, type Person, personOn, signedIn, text } from './support/people.ts';
import { useServerAndBrowser } from './support/server.ts';

const PHONE = { width: 390, height: 844 };

/** Every status badge on the page: its text, and whether it is cut (narrower than its text, or off-screen). */
async function badges(page: Page) {
  return page.locator('.badge').evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return {
        text: element.textContent ?? '',
        cut: element.scrollWidth > element.clientWidth || box.left < 0 || box.right > window.innerWidth,
      };
    }),
  );
}

/** Whether anything sticks out of the page sideways (a table scrolling off-screen would). */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('My secrets: revoking, and on a phone', () => {
  const world = useServerAndBrowser();
  const person = (who: Parameters<typeof signedIn>[2]) => signedIn(world.browser, world.server.baseUrl, who);

  /** The recipient signs in and reveals the secret behind `link`. */
  async function reveal(recipient: Person, link: string): Promise<void> {
    await recipient.page.goto(link);
    await recipient.page.getByRole('button', { name: recipient.t('open.reveal') }).click();
    await expect
      .poll(() => recipient.page.getByLabel(recipient.t('open.secret'), { exact: true }).inputValue())
      .not.toBe('');
  }

  it('O6: revoke asks first, naming the recipient, and says it on the row; a phone shows cards with whole status words (de, nl)', async () => {
    const sven = await person('sven');
    const carla = await person('carla');
    await createSecret(sven, 'to be revoked', { email: 'carla@acme.test' });
    const opened = await createSecret(sven, 'to be opened', { email: 'carla@acme.test' });
    await createSecret(sven, 'revoked on the phone', { email: 'carla@acme.test' });
    await reveal(carla, opened);

    // Desktop: a table. Keeping it changes nothing; confirming revokes and says so on that row.
    await sven.page.goto('/secrets');
    const revokeButtons = sven.page.getByRole('button', {
      name: `${sven.t('secrets.revoke')}: carla@acme.test`,
    });
    await expect.poll(() => revokeButtons.count()).toBe(2);
    await revokeButtons.first().click();
    const dialog = sven.page.getByRole('dialog', { name: sven.t('secretList.confirmTitle') });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain(
      sven.t('secretList.confirmText', { recipient: 'carla@acme.test' }),
    );
    await expectAccessible(sven.page, 'the revoke confirmation');
    await dialog.getByRole('button', { name: sven.t('secretList.keep') }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await revokeButtons.count()).toBe(2);

    await revokeButtons.first().click();
    await sven.page.getByRole('button', { name: sven.t('secretList.confirmRevoke') }).click();
    const notice = sven.page.getByRole('status').filter({ hasText: sven.t('secrets.revoked') });
    await expect.poll(() => notice.isVisible()).toBe(true);
    // Where the person is looking: in the row that was revoked, which now says so, with focus on it.
    const row = sven.page.getByRole('row').filter({ has: notice });
    expect(await row.textContent()).toContain(sven.t('status.revoked'));
    expect(await notice.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await notice.isVisible()).toBe(true);
    expect(await revokeButtons.count()).toBe(1);

    // A phone: cards, nothing sideways, every status word whole; the last waiting one revoked there.
    await sven.page.setViewportSize(PHONE);
    await expect.poll(() => sven.page.locator('.cards').first().isVisible()).toBe(true);
    expect(await sven.page.locator('table').count()).toBe(0);
    expect(await scrollsSideways(sven.page)).toBe(false);
    const statusWords = ['waiting', 'opened', 'revoked', 'expired'].map((s) => sven.t(`status.${s}`));
    for (const badge of await badges(sven.page)) {
      expect(badge.cut, badge.text).toBe(false);
      expect(statusWords).toContain(badge.text);
    }
    const cards = sven.page.locator('.cards').first().locator('.card');
    const cardTexts = await cards.allTextContents();
    const openedCard = cardTexts.find((card) => card.includes(sven.t('status.opened'))) ?? '';
    const afterDate = (key: string) =>
      sven.t(key, { date: '\u0000', name: 'Carla Customer' }).split('\u0000')[1];
    expect(openedCard).toContain(afterDate('secretList.openedOnBy'));
    const expiryWords = sven.t('secretList.expiresOn', { date: '\u0000' }).split('\u0000')[0] as string;
    for (const card of cardTexts) {
      // The expiry only while a secret waits.
      expect(card.includes(expiryWords), card).toBe(card.includes(sven.t('status.waiting')));
    }
    const lastRevoke = sven.page.getByRole('button', {
      name: `${sven.t('secrets.revoke')}: carla@acme.test`,
    });
    const box = await lastRevoke.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    await lastRevoke.click();
    await sven.page.getByRole('button', { name: sven.t('secretList.confirmRevoke') }).click();
    const cardNotice = sven.page.locator('.card').getByRole('status');
    await expect.poll(() => cardNotice.textContent()).toBe(sven.t('secrets.revoked'));
    expect(await scrollsSideways(sven.page)).toBe(false);
    await expectAccessible(sven.page, 'my secrets as cards');

    // Dutch, a team secret: Dirk sees which member of Service opened it.
    const dirk = await person('dirk');
    const team = await createSecret(dirk, 'for the service team', { team: 'Service' });
    await reveal(personOn(sven.page, 'sven'), team);
    await dirk.page.setViewportSize(PHONE);
    await dirk.page.goto('/secrets');
    const dirkCard = dirk.page.locator('.card').filter({ hasText: 'Team Service' });
    await expect.poll(() => dirkCard.textContent()).toContain(dirk.t('status.opened'));
    expect(await dirkCard.textContent()).toContain(
      dirk.t('secretList.openedOnBy', { date: '\u0000', name: 'Sven Service' }).split('\u0000')[1],
    );
    expect(await dirkCard.textContent()).not.toContain(
      text('nl', 'secretList.expiresOn', { date: '\u0000' }).split('\u0000')[0] as string,
    );
    for (const badge of await badges(dirk.page)) expect(badge.cut, badge.text).toBe(false);
    expect(await scrollsSideways(dirk.page)).toBe(false);
    expect(translate('nl', 'status.opened')).toBe(await dirkCard.locator('.badge').textContent());
  });
});

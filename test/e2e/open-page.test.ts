/**
 * Issue 19 in Chromium, the page a link opens (O4, O5, X1): after the reveal (masked, copied while
 * masked, shown and hidden, a warning before leaving, and a reload or Back that says the secret was
 * opened here and is gone, with the sender still named); a key with one character changed, which the
 * page cannot tell from a gone secret (O5), so it says both; and refusals under headings that fit: a
 * person outside the team ("Not for your team"), someone else's direct share ("Not for your account"),
 * and the sender following their own link. German, English and Dutch.
 */
import type { Dialog } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, traffic } from './support/browser.ts';
import {
  createSecret,
  expectHeading,
  followAsNewVisitor,
  type Person,
  signedIn,
  withChangedKey,
} from './support/people.ts';
import { useServerAndBrowser } from './support/server.ts';

describe('the open page after the reveal, with a damaged key, and refusing', () => {
  const world = useServerAndBrowser();
  const person = (who: Parameters<typeof signedIn>[2]) => signedIn(world.browser, world.server.baseUrl, who);
  const follow = (link: string, who: Parameters<typeof followAsNewVisitor>[3]) =>
    followAsNewVisitor(world.browser, world.server.baseUrl, link, who);

  /** Records the dialogs a page opens: leaving questions are answered `leave`, the rest `stay`. */
  function answerDialogs({ page }: Person) {
    const seen: string[] = [];
    page.on('dialog', (dialog: Dialog) => {
      seen.push(`${dialog.type()}: ${dialog.message()}`);
      void (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss());
    });
    return seen;
  }

  const secretField = ({ page, t }: Person) => page.getByLabel(t('open.secret'), { exact: true });

  /** One character of the key changed: the page says the link is wrong or the secret gone (O5). */
  async function expectWrongOrGone(recipient: Person, link: string): Promise<void> {
    const { page, t } = recipient;
    await page.goto(withChangedKey(link));
    await expectHeading(page, t('open.goneTitle'));
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(t('open.wrongOrGone'));
    expect(await page.getByRole('button', { name: t('open.reveal') }).count()).toBe(0);
  }

  it('X1, O2, O5: masked, copied while masked, a warning before leaving; a reload and Back say it was opened here (de, en); a changed key says wrong or gone', async () => {
    const sven = await person('sven');
    const link = await createSecret(sven, 'vpn: Kranich-7', { email: 'carla@acme.test' });

    const carla = await follow(withChangedKey(link), 'carla');
    await expectWrongOrGone(carla, link);
    // The right link still opens: the changed key burned nothing.
    await carla.page.goto(link);
    await expect.poll(() => carla.page.getByText('Sven Service', { exact: false }).isVisible()).toBe(true);
    await carla.page.getByRole('button', { name: carla.t('open.reveal') }).click();

    // Masked by default: a password field holding the text, which the copy button copies as it is.
    await expect.poll(() => secretField(carla).getAttribute('type')).toBe('password');
    expect(await secretField(carla).inputValue()).toBe('vpn: Kranich-7');
    expect(await carla.page.locator('main').textContent()).not.toContain('vpn: Kranich-7');
    const sender = carla.page.locator('.sender');
    expect(await sender.textContent()).toContain(
      carla.t('open.from', { name: 'Sven Service', email: 'sven.service@example.com' }),
    );
    expect(await sender.textContent()).toContain(carla.t('open.sentAt', { date: '' }).trim());
    await carla.page.getByRole('button', { name: carla.t('open.copy') }).click();
    await expect.poll(() => carla.page.getByText(carla.t('open.copied')).isVisible()).toBe(true);
    expect(await carla.page.evaluate(() => navigator.clipboard.readText())).toBe('vpn: Kranich-7');
    await expectAccessible(carla.page, 'the revealed secret, masked');

    // Shown and hidden again.
    await carla.page.getByRole('button', { name: carla.t('open.show') }).click();
    await expect
      .poll(() => carla.page.locator('textarea#revealed-secret').inputValue())
      .toBe('vpn: Kranich-7');
    await carla.page.getByRole('button', { name: carla.t('open.hide') }).click();
    await expect.poll(() => secretField(carla).getAttribute('type')).toBe('password');

    // Leaving within the app asks first; staying keeps the secret on screen.
    const dialogs = answerDialogs(carla);
    await carla.page.getByRole('link', { name: carla.t('nav.mySecrets') }).click();
    expect(dialogs).toEqual([`confirm: ${carla.t('open.leaveWarning')}`]);
    expect(new URL(carla.page.url()).pathname).toMatch(/^\/s\//);
    expect(await secretField(carla).inputValue()).toBe('vpn: Kranich-7');

    // A reload asks too (the browser's own question); afterwards the page says it was opened here.
    await carla.page.reload();
    expect(dialogs[1]).toMatch(/^beforeunload/);
    await expectHeading(carla.page, carla.t('open.openedTitle'));
    const afterDate = carla.t('open.openedHere', { date: '\u0000' }).split('\u0000')[1] as string;
    expect(await carla.page.locator('main .note').textContent()).toContain(afterDate);
    expect(await carla.page.getByRole('alert').count()).toBe(0);
    expect(await carla.page.locator('.sender').textContent()).toContain('Sven Service');
    expect(new URL(carla.page.url()).hash).toBe('');

    // Back from another page: the same.
    await carla.page.goto('/secrets');
    await carla.page.goBack();
    await expectHeading(carla.page, carla.t('open.openedTitle'));
    expect(await carla.page.locator('.sender').textContent()).toContain('Sven Service');
    await expectAccessible(carla.page, 'the page of a secret opened here');

    // English, a team secret: Ines of Inside Sales, from Dirk.
    const dirk = await person('dirk');
    const teamLink = await createSecret(dirk, 'alarm code 2468', { team: 'Inside Sales' });
    const ines = await follow(teamLink, 'ines');
    await expectWrongOrGone(ines, teamLink);
    await ines.page.goto(teamLink);
    await ines.page.getByRole('button', { name: ines.t('open.reveal') }).click();
    await expect.poll(() => secretField(ines).getAttribute('type')).toBe('password');
    answerDialogs(ines);
    await ines.page.reload();
    await expectHeading(ines.page, ines.t('open.openedTitle'));
    expect(await ines.page.locator('.sender').textContent()).toContain(
      ines.t('open.from', { name: 'Dirk Customer', email: 'dirk@globex.test' }),
    );
  });

  it('O1, O5: the sender of a link is told who alone can open it (de, nl); others are told it is not for them, team included (de, en)', async () => {
    const sven = await person('sven');
    const direct = await createSecret(sven, 'for carla only', { email: 'carla@acme.test' });
    await sven.page.goto(direct);
    await expectHeading(sven.page, sven.t('open.ownTitle'));
    const note = await sven.page.locator('main .note').textContent();
    expect(note).toContain(sven.t('open.own', { recipient: 'carla@acme.test' }));
    expect(note).toContain(sven.t('open.ownUnchanged'));
    expect(await sven.page.getByRole('alert').count()).toBe(0);
    await sven.page.getByRole('link', { name: sven.t('open.ownStatus') }).click();
    await expectHeading(sven.page, sven.t('secrets.title'));

    const dirk = await person('dirk');
    const team = await createSecret(dirk, 'for inside sales', { team: 'Inside Sales' });
    await dirk.page.goto(team);
    await expectHeading(dirk.page, dirk.t('open.ownTitle'));
    expect(await dirk.page.locator('main .note').textContent()).toContain(
      dirk.t('open.ownTeam', { team: 'Inside Sales' }),
    );

    // Not the sender, not in the team: the server says it is a team's secret (and not which), so the
    // heading and the text say "team" (issue 19): Sven, staff in another team, and Ada, an admin in none.
    await sven.page.goto(team);
    await expectHeading(sven.page, sven.t('open.notForYourTeamTitle'));
    expect(sven.t('open.notForYourTeamTitle')).toBe('Nicht für Ihr Team');
    await expect.poll(() => sven.page.getByRole('alert').textContent()).toBe(sven.t('open.notForYourTeam'));
    expect(await sven.page.locator('main').textContent()).not.toContain('Inside Sales');
    const ada = await person('ada');
    await ada.page.goto(team);
    await expectHeading(ada.page, 'Not for your team');
    await expect.poll(() => ada.page.getByRole('alert').textContent()).toBe(ada.t('open.notForYourTeam'));
    expect(await ada.page.title()).toBe('Not for your team – Safe Share');
    await expectAccessible(ada.page, 'the refusal of a team secret');
    // A direct share keeps the person's wording.
    await ada.page.goto(direct);
    await expectHeading(ada.page, 'Not for your account');
    await expect.poll(() => ada.page.getByRole('alert').textContent()).toBe(ada.t('open.notForYou'));

    // Nothing was burned: the real recipients still open both.
    const ines = await follow(team, 'ines');
    await ines.page.getByRole('button', { name: ines.t('open.reveal') }).click();
    await expect.poll(() => secretField(ines).inputValue()).toBe('for inside sales');
  });

  it('X5: the open pages ran under the strict CSP without a single violation', () => {
    expect(traffic.cspViolations).toEqual([]);
  });
});

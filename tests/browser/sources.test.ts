/**
 * A member keeps their availability from their own calendar, in Chromium: they paste the address
 * of a calendar served by a real local https server, see its events as busy times on /me, the
 * calendar changes, and "Refresh now" replaces them (the count follows, the cancelled event is
 * gone). Screenshotted at desktop and phone size, light and dark, and checked with axe.
 */
import { describeBrowser, openPage } from '../helpers/browser.ts';
import { calendar } from '../helpers/calendar-server.ts';
import { memberLink } from '../helpers/cli.ts';
import { expectCleanPage } from '../helpers/page-check.ts';
import {
	calendarServer,
	expect,
	startsServerAndBrowser,
	test as base
} from '../helpers/fixture.ts';

const ev = (uid: string, day: string, summary: string) => ({
	uid,
	start: `2024-03-${day}T09:00`,
	end: `2024-03-${day}T10:30`,
	summary
});

// The calendar server first: the app's server is told where it is (and to trust its certificate).
const it = base.extend('cal', { scope: 'file' }, calendarServer);
it.override('serverOptions', ({ cal }) => ({ env: { ...cal.env(), ICS_REFRESH_HOURS: '0' } }));

describeBrowser('calendar subscriptions in Chromium', () => {
	it.beforeAll(startsServerAndBrowser);
	it.for([
		['desktop', 'light', 'lise-fuhr'],
		['phone', 'dark', 'maria-ressa']
	] as const)(
		'a member subscribes and refreshes at %s size (%s)',
		{ timeout: 60_000 },
		async ([size, colorScheme, person], { cal, server, browser }) => {
			const name = `cal-${size}`;
			cal.calendars.set(
				name,
				calendar([
					ev('teach', '05', 'Teaching'),
					ev('board', '06', 'Board meeting'),
					ev('trip', '07', 'Trip')
				])
			);
			const link = memberLink(server, person);
			await using opened = await openPage(browser, link, size, { colorScheme });
			const { page, errors } = opened;
			await page
				.getByLabel('Calendar address (https:// or webcal://)')
				.fill(`${cal.https}/cal/${name}.ics`);
			const form = page.locator('form[action="?/subscribe#sources"]');
			await form.getByLabel('Name (optional)').fill('Work calendar');
			await form.getByLabel("Keep each event's title as its reason").check();
			await form.getByRole('button', { name: 'Subscribe' }).click();
			await page.getByText('Imported 3 busy times').waitFor();
			const card = page.locator('li.source', { hasText: 'Work calendar' });
			await expect.poll(() => card.locator('[data-count]').innerText()).toBe('3');
			await card.getByText('Its busy times', { exact: true }).click();
			expect(await card.locator('.periods').innerText()).toContain('Board meeting');
			await expectCleanPage(page, `sources-subscribed-${size}`, { errors });

			// The calendar changes: the board meeting is cancelled, the trip moves, a call is new.
			cal.calendars.set(
				name,
				calendar([
					ev('teach', '05', 'Teaching'),
					ev('trip', '14', 'Trip'),
					ev('call', '15', 'Call')
				])
			);
			await card.getByRole('button', { name: 'Refresh now' }).click();
			await page.getByText('1 new, 1 changed, 1 removed, 1 unchanged').waitFor();
			const after = page.locator('li.source', { hasText: 'Work calendar' });
			expect(await after.locator('[data-count]').innerText()).toBe('3');
			const periods = (await after.locator('.periods').textContent()) ?? '';
			expect(periods).not.toContain('Board meeting');
			expect(periods).toContain('Call');
			expect(periods).toContain('14 Mar 2024');
			await after.getByText('Its busy times', { exact: true }).click();
			await expectCleanPage(page, `sources-refreshed-${size}`, { errors });
			expect(errors).toEqual([]);
		}
	);
});

/**
 * The virtual finder in Chromium: an organizer reads a call on everyone's own clock (night and
 * outside working hours marked in words and a symbol, not colour alone), sees the series skip
 * Christmas and New Year, saves the whole series in one go, and finds the occurrences in the
 * plan. Axe-clean and without sideways scroll at 375 px, light and dark.
 */
import { describeBrowser } from '../helpers/browser.ts';
import { expectCleanPage } from '../helpers/page-check.ts';
import { expect, signedInAs, startsServerAndBrowser, test as base } from '../helpers/fixture.ts';

const PASSWORD = 'find-virtual-organizer-password';
const SEARCH = '/find?tab=virtual&item=plenary-2023-12-18&zone=Europe%2FBrussels';

const it = base.extend('signedIn', signedInAs('Ana', PASSWORD));
it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD } });

describeBrowser('the virtual finder', () => {
	it.beforeAll(startsServerAndBrowser);
	for (const scheme of ['light', 'dark'] as const)
		it(`reads well at 375 px and 1280 px (${scheme})`, async ({ server, signedIn }) => {
			for (const size of ['phone', 'desktop'] as const) {
				await using opened = await signedIn(size, { colorScheme: scheme });
				const { page, errors } = opened;
				await page.goto(`${server.url}${SEARCH}`);
				await expectCleanPage(page, `find-virtual-${size}-${scheme}`, { errors });
			}
		});

	it('shows everyone’s clock, skips the holidays and saves the series', async ({
		server,
		signedIn
	}) => {
		await using opened = await signedIn('desktop');
		const { page, errors } = opened;
		await page.goto(`${server.url}${SEARCH}`);
		const first = page.locator('details.vcand').first();
		// The viewer's zone, then a row per person on their own clock.
		await expect(first.locator('summary').innerText()).resolves.toMatch(
			/^Mon 18 Dec 2023, \d\d:\d\d CET – \d\d:\d\d \(Europe\/Brussels\)/
		);
		const tokyo = first.locator('tr', { hasText: 'Hiroshi Yoshida' });
		// The start asked about (16:00 UTC) is 01:00 the next day in Tokyo: night, in words.
		await expect(tokyo.innerText()).resolves.toMatch(/Tue 19 Dec, 01:00–02:00 in Tokyo\s+☾ night/);
		const brussels = first.locator('tr', { hasText: 'Lise Fuhr' });
		await expect(brussels.innerText()).resolves.toMatch(/in Brussels\s+◐ outside working hours/);
		await expect(page.locator('main').innerText()).resolves.not.toMatch(/score/i);

		const note = await page.locator('p.note').innerText();
		expect(note).toMatch(/Mon 25 Dec \(Christmas Day for \d+ of 13 people\)/);
		expect(note).toMatch(/Mon 1 Jan \(New Year's Day for \d+ of 13 people\)/);

		const form = page.locator('form.series-save');
		await form.getByLabel('Title').fill('Panel weekly call');
		await form.getByLabel('Lead').selectOption({ label: 'Vint Cerf' });
		await form.getByRole('button', { name: /^Save the series as 4 meetings$/ }).click();
		await page.waitForURL(/\/items\/panel-weekly-call-/);
		await expect(page.locator('h1').innerText()).resolves.toContain('Panel weekly call');

		// All four are in the plan, none on 25 Dec or 1 Jan.
		const plan = (await (await page.request.get(`${server.url}/api/plan`)).json()) as {
			items: { title: string; when: { start?: string } }[];
		};
		const starts = plan.items
			.filter((i) => i.title === 'Panel weekly call')
			.map((i) => i.when.start ?? '');
		expect(starts).toHaveLength(4);
		for (const s of starts) expect(s.slice(0, 10)).not.toMatch(/^(2023-12-25|2024-01-01)$/);
		expect(errors).toEqual([]);
	});
});

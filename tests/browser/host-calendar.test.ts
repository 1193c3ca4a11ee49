/**
 * An organizer corrects Riyadh's calendar on /locations/riyadh with JavaScript off (plain forms):
 * a Sunday-only weekend with its source, an added and a removed holiday, a refused bad link.
 * The page is checked with axe at 375 px and 1280 px, light and dark, and the history keeps the
 * source links.
 */
import type { Locator, Page } from 'playwright-core';
import { describeBrowser, openPage, openSignedIn, type ViewportName } from '../helpers/browser.ts';
import { expectCleanPage, type PageCheck } from '../helpers/page-check.ts';
import { expect, it, startsServerAndBrowser } from '../helpers/fixture.ts';

const PASSWORD = 'host-calendar-organizer-password';
const SOURCE = 'https://example.org/official-weekend';

/** Clean in both colour schemes, each with every axe rule; left in the light one. */
async function check(page: Page, name: string, size: ViewportName, pageCheck: PageCheck = {}) {
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		await expectCleanPage(page, `host-calendar-${name}-${size}-${scheme}`, pageCheck);
	}
	await page.emulateMedia({ colorScheme: 'light' });
}

/** Submits a plain form and waits for the page it leads to (this machine can be slow). */
async function submit(page: Page, button: Locator, url: RegExp) {
	await Promise.all([page.waitForURL(url, { timeout: 60_000 }), button.click()]);
}

const rowOf = (page: Page, date: string) =>
	page.locator('tbody tr', { has: page.locator('td.nowrap', { hasText: date }) });

it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD } });

describeBrowser('host calendar of a location in Chromium', () => {
	it.beforeAll(startsServerAndBrowser);
	it('anyone sees the weekend and holidays with their origin (1280 px)', async ({
		server,
		browser
	}) => {
		await using opened = await openPage(
			browser,
			`${server.url}/locations/riyadh?today=2024-02-01`,
			'desktop'
		);
		const { page, errors, response } = opened;
		const weekend = page.locator('section', { has: page.locator('#weekend-h') });
		await expect.poll(() => weekend.textContent()).toMatch(/Friday–Saturday\s*CLDR week data/);
		await expect
			.poll(() => rowOf(page, 'Thu 22 Feb 2024').textContent())
			.toMatch(/Founding Day.*public holiday.*holiday library/);
		// Eid al-Fitr: expected (lunar) and beginning the evening before.
		await expect
			.poll(() => rowOf(page, 'Tue 9 Apr 2024').textContent())
			.toMatch(/may move by a day once announced.*Begins at sunset the evening before/);
		expect(await page.getByRole('heading', { name: 'Correct this calendar' }).count()).toBe(0);
		await check(page, 'public', 'desktop', { response, errors });
	});

	it(
		'an organizer corrects it with plain forms at 375 px, and the history keeps the sources',
		{ timeout: 240_000 },
		async ({ server, browser }) => {
			// The page ships no JavaScript (csr = false): its forms are plain HTML forms.
			await using opened = await openSignedIn(
				browser,
				server.url,
				{ name: 'Ana', password: PASSWORD },
				'phone'
			);
			const { page, context } = opened;
			await page.goto(`${server.url}/locations/riyadh?today=2024-02-01`);
			expect(await page.locator('script[src], link[rel=modulepreload]').count()).toBe(0);
			await check(page, 'organizer', 'phone');

			// A Sunday-only weekend, with its source.
			const weekendForm = page.locator('form#weekend');
			await weekendForm.getByLabel('These days:').check();
			await weekendForm.getByLabel('Friday').uncheck();
			await weekendForm.getByLabel('Saturday').uncheck();
			await weekendForm.getByLabel('Sunday').check();
			await weekendForm.getByLabel(/^Source/).fill(SOURCE);
			await submit(
				page,
				weekendForm.getByRole('button', { name: 'Save the weekend' }),
				/#weekend$/
			);
			const weekend = page.locator('section', { has: page.locator('#weekend-h') });
			await expect.poll(() => weekend.textContent()).toMatch(/Sunday\s*set by an organizer/);
			expect(await weekend.getByRole('link', { name: 'source' }).getAttribute('href')).toBe(SOURCE);

			// A bad link is refused next to its field, and nothing is written.
			const add = page.locator('form#add');
			await add.getByLabel('Date').fill('2024-03-05');
			await add.getByLabel('Name').fill('Venue closed');
			await add.getByLabel('Source').fill('javascript:alert(1)');
			await submit(page, add.getByRole('button', { name: 'Add the holiday' }), /\?\/add/);
			await expect
				.poll(() => page.locator('form#add').textContent())
				.toMatch(/must be an http\(s\) link/);
			expect(await rowOf(page, 'Tue 5 Mar 2024').count()).toBe(0);
			await check(page, 'refused', 'phone');

			// Fixed and added.
			await page.locator('form#add').getByLabel('Source').fill('https://example.org/venue');
			await submit(
				page,
				page.locator('form#add').getByRole('button', { name: 'Add the holiday' }),
				/#add$/
			);
			await expect
				.poll(() => rowOf(page, 'Tue 5 Mar 2024').textContent())
				.toMatch(/Venue closed.*set by an organizer/);

			// Founding Day removed, with a reason.
			const remove = page.locator('form#remove');
			await remove.getByLabel('Date').fill('2024-02-22');
			await remove.getByLabel('Reason').fill('The venue works that day');
			await submit(page, remove.getByRole('button', { name: 'Remove the holiday' }), /#remove$/);
			await expect
				.poll(() => rowOf(page, 'Thu 22 Feb 2024').textContent())
				.toMatch(/Not a holiday: The venue works that day \(set by an organizer\)/);
			await check(page, 'corrected', 'phone');

			// The history records each change with its source link.
			await page.goto(`${server.url}/history`);
			const history = (await page.locator('main').textContent()) ?? '';
			expect(history).toContain(SOURCE);
			expect(history).toContain('https://example.org/venue');

			// Undo the added holiday.
			await page.goto(`${server.url}/locations/riyadh?today=2024-02-01`);
			await submit(page, page.getByRole('button', { name: 'Undo adding 2024-03-05' }), /#undo$/);
			await expect.poll(() => rowOf(page, 'Tue 5 Mar 2024').count()).toBe(0);
			expect(await context.cookies()).not.toEqual([]);
		}
	);
});

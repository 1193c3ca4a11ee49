/** /find in Chromium: both tabs at desktop and phone size, accessible, no sideways scroll. */
import { describeBrowser, openPage, SIZES } from '../helpers/browser.ts';
import { expect, it, startsServerAndBrowser } from '../helpers/fixture.ts';
import { expectCleanPage } from '../helpers/page-check.ts';

describeBrowser('/find in Chromium', () => {
	it.beforeAll(startsServerAndBrowser);
	const cases = SIZES.flatMap((size) => [
		{ size, path: '/find', name: 'find-in-person', expect: 'The proposed dates' },
		{ size, path: '/find?tab=virtual', name: 'find-virtual', expect: 'A fair series' }
	]);

	it.for(cases)(
		'$path at $size size',
		async ({ size, path, name, expect: text }, { server, browser }) => {
			await using opened = await openPage(browser, `${server.url}${path}`, size);
			const { page, response, errors } = opened;
			await expectCleanPage(page, `${name}-${size}`, { response, errors });
			expect(await page.getByText(text).count()).toBeGreaterThan(0);
		}
	);

	it('searches with the form and switches tabs without JavaScript', async ({ server, browser }) => {
		await using opened = await openPage(browser, `${server.url}/find`, 'desktop', {
			javaScriptEnabled: false
		});
		const { page } = opened;
		await page.fill('input[name=required]', 'LF, HD, HY');
		await page.fill('input[name=from]', '2024-02-24');
		await page.fill('input[name=to]', '2024-03-01');
		await Promise.all([page.waitForURL(/required=LF/), page.click('button[type=submit]')]);
		await expect(page.locator('#best').textContent()).resolves.toBe(
			'No window suits every required person'
		);
		await page.click('text=Virtual');
		await page.waitForURL(/tab=virtual/);
		await expect(page.locator('h2').first().textContent()).resolves.toBe(
			'The start you asked about'
		);
	});
});

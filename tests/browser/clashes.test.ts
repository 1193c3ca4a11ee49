/** /clashes in a real Chromium at desktop and phone size: clean, accessible, no sideways scroll. */
import { describeBrowser, openPage, SIZES } from '../helpers/browser.ts';
import { expectCleanPage } from '../helpers/page-check.ts';
import { expect, it, startsServerAndBrowser } from '../helpers/fixture.ts';

describeBrowser('/clashes in Chromium', () => {
	it.beforeAll(startsServerAndBrowser);
	const cases = SIZES.flatMap((size) => [
		{ size, path: '/clashes', name: 'clashes' },
		{ size, path: '/people/lise-fuhr', name: 'person-clashes' }
	]);

	it.for(cases)('$path at $size size', async ({ size, path, name }, { server, browser }) => {
		await using opened = await openPage(browser, `${server.url}${path}`, size);
		const { page, response, errors } = opened;
		await expectCleanPage(page, `${name}-${size}`, { response, errors });
		expect(await page.getByText('Barcelona–Riyadh').count()).toBeGreaterThan(0);
	});

	it.for(SIZES)(
		'a page of a longer list at %s size: where it is, a next page link, clean',
		async (size, { server, browser }) => {
			await using opened = await openPage(browser, `${server.url}/clashes?limit=3`, size);
			const { page, response, errors } = opened;
			await expect(page.getByText(/Showing 1–3 of \d+/).count()).resolves.toBe(1);
			await expect(page.locator('nav[aria-label="Pages"] a[rel=next]').count()).resolves.toBe(1);
			await expectCleanPage(page, `clashes-paged-${size}`, { response, errors });
		}
	);

	it('filters by person with the form, without JavaScript', async ({ server, browser }) => {
		await using opened = await openPage(browser, `${server.url}/clashes`, 'desktop', {
			javaScriptEnabled: false
		});
		const { page } = opened;
		await page.selectOption('#person', 'hiroshi-yoshida');
		await Promise.all([
			page.waitForURL(/person=hiroshi-yoshida/),
			page.click('button[type=submit]')
		]);
		await expect(page.locator('h1').textContent()).resolves.toBe('Clashes for Hiroshi Yoshida');
	});
});

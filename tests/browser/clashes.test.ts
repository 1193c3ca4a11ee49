/** /clashes in a real Chromium at desktop and phone size: clean, accessible, no sideways scroll. */
import { expect, it } from 'vitest';
import {
	describeBrowser,
	useServerAndBrowser,
	openPage,
	VIEWPORTS,
	type ViewportName
} from '../helpers/browser.ts';
import { expectCleanPage } from '../helpers/page-check.ts';

describeBrowser('/clashes in Chromium', () => {
	const fx = useServerAndBrowser();

	const cases = (Object.keys(VIEWPORTS) as ViewportName[]).flatMap((size) => [
		{ size, path: '/clashes', name: 'clashes' },
		{ size, path: '/people/lise-fuhr', name: 'person-clashes' }
	]);

	it.each(cases)('$path at $size size', async ({ size, path, name }) => {
		const opened = await openPage(fx.browser, `${fx.server.url}${path}`, size);
		try {
			const { page, response, errors } = opened;
			await expectCleanPage(page, `${name}-${size}`, { response, errors });
			expect(await page.getByText('Barcelona–Riyadh').count()).toBeGreaterThan(0);
		} finally {
			await opened.close();
		}
	});

	it.each(Object.keys(VIEWPORTS) as ViewportName[])(
		'a page of a longer list at %s size: where it is, a next page link, clean',
		async (size) => {
			const opened = await openPage(fx.browser, `${fx.server.url}/clashes?limit=3`, size);
			try {
				const { page, response, errors } = opened;
				await expect(page.getByText(/Showing 1–3 of \d+/).count()).resolves.toBe(1);
				await expect(page.locator('nav[aria-label="Pages"] a[rel=next]').count()).resolves.toBe(1);
				await expectCleanPage(page, `clashes-paged-${size}`, { response, errors });
			} finally {
				await opened.close();
			}
		}
	);

	it('filters by person with the form, without JavaScript', async () => {
		const context = await fx.browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
		try {
			const page = await context.newPage();
			await page.goto(`${fx.server.url}/clashes`);
			await page.selectOption('#person', 'hiroshi-yoshida');
			await Promise.all([
				page.waitForURL(/person=hiroshi-yoshida/),
				page.click('button[type=submit]')
			]);
			await expect(page.locator('h1').textContent()).resolves.toBe('Clashes for Hiroshi Yoshida');
		} finally {
			await context.close();
		}
	});
});

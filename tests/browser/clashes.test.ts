/** /clashes in a real Chromium at desktop and phone size: clean, accessible, no sideways scroll. */
import { expect, it } from 'vitest';
import {
	describeBrowser,
	formatViolations,
	horizontalOverflow,
	useServerAndBrowser,
	openPage,
	runAxe,
	screenshot,
	VIEWPORTS,
	type ViewportName
} from '../helpers/browser.ts';

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
			await screenshot(page, `${name}-${size}`);
			expect(response?.status()).toBe(200);
			expect(errors).toEqual([]);
			const violations = await runAxe(page);
			expect(violations, formatViolations(violations)).toEqual([]);
			const { scrollWidth, culprits } = await horizontalOverflow(page);
			expect(scrollWidth, `too wide: ${culprits.join(', ')}`).toBeLessThanOrEqual(
				VIEWPORTS[size].width + 1
			);
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
				await screenshot(page, `clashes-paged-${size}`);
				expect(response?.status()).toBe(200);
				expect(errors).toEqual([]);
				await expect(page.getByText(/Showing 1–3 of \d+/).count()).resolves.toBe(1);
				await expect(page.locator('nav[aria-label="Pages"] a[rel=next]').count()).resolves.toBe(1);
				const violations = await runAxe(page);
				expect(violations, formatViolations(violations)).toEqual([]);
				const { scrollWidth, culprits } = await horizontalOverflow(page);
				expect(scrollWidth, `too wide: ${culprits.join(', ')}`).toBeLessThanOrEqual(
					VIEWPORTS[size].width + 1
				);
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

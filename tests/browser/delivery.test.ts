/** /delivery in a real Chromium, signed in as an organizer: accessible, no sideways scroll. */
import { beforeAll, expect, it } from 'vitest';
import { describeBrowser, openPage, useServerAndBrowser, SIZES } from '../helpers/browser.ts';
import { feedLink } from '../helpers/cli.ts';
import { signInAs } from '../helpers/forms.ts';
import { expectCleanPage } from '../helpers/page-check.ts';

const PASSWORD = 'delivery browser password';

describeBrowser('/delivery in Chromium', () => {
	let session: string;

	const fx = useServerAndBrowser({ env: { ORGANIZER_PASSWORD: PASSWORD } });

	beforeAll(async () => {
		// Two calendars: Lise's Google fetched, Vint's Apple fetched; the rest never subscribed.
		for (const [person, agent] of [
			['lise-fuhr', 'Google-Calendar-Importer'],
			['vint-cerf', 'macOS/14.1 (23B74) dataaccessd/1.0']
		] as const) {
			const url = feedLink(fx.server, person);
			const res = await fetch(url, { headers: { 'user-agent': agent } }).catch(() =>
				fetch(url, { headers: { 'user-agent': agent } })
			);
			await res.arrayBuffer();
		}
		session = (await signInAs(fx.server.url, 'Anja', PASSWORD)).replace(/^session=/, '');
	});
	it.each(SIZES)('at %s size', async (size) => {
		await using opened = await openPage(fx.browser, `${fx.server.url}/delivery`, size, {
			cookies: [{ name: 'session', value: session, url: fx.server.url }]
		});
		const { page, response, errors } = opened;
		await expect
			.poll(() => page.getByText(/Lise Fuhr's Google calendar last fetched/).count())
			.toBe(1);
		expect(await page.getByText(/Vint Cerf's Apple calendar/).count()).toBe(1);
		expect(await page.getByText(/has not subscribed a calendar/).count()).toBeGreaterThan(0);
		expect(await page.getByText(/Email is off/).count()).toBe(1);
		await expectCleanPage(page, `delivery-${size}`, { response, errors });
	});
});

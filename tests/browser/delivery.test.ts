/** /delivery in a real Chromium, signed in as an organizer: accessible, no sideways scroll. */
import { describeBrowser, openPage, SIZES } from '../helpers/browser.ts';
import { feedLink } from '../helpers/cli.ts';
import { signInAs } from '../helpers/forms.ts';
import { expectCleanPage } from '../helpers/page-check.ts';
import { expect, it, startsServerAndBrowser } from '../helpers/fixture.ts';

const PASSWORD = 'delivery browser password';

it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD } });

describeBrowser('/delivery in Chromium', () => {
	it.beforeAll(startsServerAndBrowser);
	let session: string;

	it.beforeAll(async ({ server }) => {
		// Two calendars: Lise's Google fetched, Vint's Apple fetched; the rest never subscribed.
		for (const [person, agent] of [
			['lise-fuhr', 'Google-Calendar-Importer'],
			['vint-cerf', 'macOS/14.1 (23B74) dataaccessd/1.0']
		] as const) {
			const url = feedLink(server, person);
			const res = await fetch(url, { headers: { 'user-agent': agent } }).catch(() =>
				fetch(url, { headers: { 'user-agent': agent } })
			);
			await res.arrayBuffer();
		}
		session = (await signInAs(server.url, 'Anja', PASSWORD)).replace(/^session=/, '');
	});
	it.for(SIZES)('at %s size', async (size, { server, browser }) => {
		await using opened = await openPage(browser, `${server.url}/delivery`, size, {
			cookies: [{ name: 'session', value: session, url: server.url }]
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

/** /delivery in a real Chromium, signed in as an organizer: accessible, no sideways scroll. */
import { execFileSync } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';
import {
	describeBrowser,
	formatViolations,
	horizontalOverflow,
	useServerAndBrowser,
	runAxe,
	screenshot,
	VIEWPORTS,
	type ViewportName
} from '../helpers/browser.ts';
import { signInAs } from '../helpers/forms.ts';
import { ROOT } from '../helpers/server.ts';

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
			const out = execFileSync(process.execPath, ['scripts/plan.ts', 'rotate-token', person], {
				cwd: ROOT,
				env: {
					PATH: process.env.PATH ?? '',
					DATABASE_PATH: fx.server.dbPath,
					PUBLIC_URL: fx.server.url
				},
				encoding: 'utf8'
			});
			const url = /https?:\/\/\S+\.ics/.exec(out)![0];
			const res = await fetch(url, { headers: { 'user-agent': agent } }).catch(() =>
				fetch(url, { headers: { 'user-agent': agent } })
			);
			await res.arrayBuffer();
		}
		session = (await signInAs(fx.server.url, 'Anja', PASSWORD)).replace(/^session=/, '');
	});
	it.each(Object.keys(VIEWPORTS) as ViewportName[])('at %s size', async (size) => {
		const context = await fx.browser.newContext({
			viewport: VIEWPORTS[size],
			locale: 'en-GB',
			timezoneId: 'UTC'
		});
		await context.addCookies([{ name: 'session', value: session, url: fx.server.url }]);
		try {
			const page = await context.newPage();
			const errors: string[] = [];
			page.on('pageerror', (e) => errors.push(e.message));
			const response = await page.goto(`${fx.server.url}/delivery`, { waitUntil: 'networkidle' });
			await screenshot(page, `delivery-${size}`);
			expect(response?.status()).toBe(200);
			expect(errors).toEqual([]);
			await expect
				.poll(() => page.getByText(/Lise Fuhr's Google calendar last fetched/).count())
				.toBe(1);
			expect(await page.getByText(/Vint Cerf's Apple calendar/).count()).toBe(1);
			expect(await page.getByText(/has not subscribed a calendar/).count()).toBeGreaterThan(0);
			expect(await page.getByText(/Email is off/).count()).toBe(1);
			const violations = await runAxe(page);
			expect(violations, formatViolations(violations)).toEqual([]);
			const { scrollWidth, culprits } = await horizontalOverflow(page);
			expect(scrollWidth, `too wide: ${culprits.join(', ')}`).toBeLessThanOrEqual(
				VIEWPORTS[size].width + 1
			);
		} finally {
			await context.close();
		}
	});
});

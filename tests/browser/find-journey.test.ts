/**
 * The organizer's whole journey in Chromium: search by names, read the advice, decide the
 * proposed Riyadh meeting on the best window, then see it decided on its page, in the Gantt and
 * in the calendar. Every page axe-clean; /find without sideways scroll at 375 px.
 */
import { describeBrowser, screenshot } from '../helpers/browser.ts';
import { expectCleanPage } from '../helpers/page-check.ts';
import { expect, signedInAs, startsServerAndBrowser, test as base } from '../helpers/fixture.ts';

const PASSWORD = 'find-journey-organizer-password';
const ID = 'riyadh-meeting-2024';

const it = base.extend('signedIn', signedInAs('Ana', PASSWORD));
it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD } });

describeBrowser('from a search to a decision', () => {
	it.beforeAll(startsServerAndBrowser);
	it('reads well at 375 px: the picker, the advice, the strip', async ({ server, signedIn }) => {
		await using opened = await signedIn('phone');
		const { page, errors } = opened;
		await page.goto(`${server.url}/find?required=Lise+Fuhr%2C+Chair%2C+all+members`);
		await expectCleanPage(page, 'find-journey-phone', { errors });
		expect(await page.getByRole('button', { name: /^Decide: / }).count()).toBeGreaterThan(0);
	});

	it('searches by names, decides, and sees the decision in the Gantt and the calendar', async ({
		server,
		signedIn
	}) => {
		await using opened = await signedIn('desktop');
		const { page, errors } = opened;
		await page.goto(`${server.url}/find`);
		await page.getByLabel('Required', { exact: true }).fill('Lise Fuhr, Chair, all members');
		await page.getByLabel('Optional', { exact: true }).fill('Céline Bal, anja gengo');
		await page.getByRole('button', { name: 'Find', exact: true }).click();
		await page.waitForURL(/required=Lise/);

		// Read: one sentence for the best window, alternatives grouped, no scores.
		const headline = await page.locator('.headline').innerText();
		expect(headline).toMatch(/^4–5 Feb 2024 works for everyone required/);
		const text = await page.locator('main').innerText();
		expect(text).not.toMatch(/score/i);
		expect(text).toMatch(/Just as good: also 5–6 Feb 2024/);
		expect(text).toContain('Founding Day');
		await expectCleanPage(page, 'find-journey-advice-desktop', { errors });

		// A mistyped name is refused with a suggestion, and nothing is searched.
		await page.goto(`${server.url}/find?required=Lise+Fur`);
		expect(await page.getByRole('alert').innerText()).toContain('did you mean Lise Fuhr (LF)?');
		await page.goBack();

		// Decide on the best window.
		await page.getByRole('button', { name: 'Decide: 4–5 Feb 2024', exact: true }).click();
		await page.waitForURL(`${server.url}/items/${ID}`);
		const item = await page.locator('main').innerText();
		expect(item).toContain('decided 4–5 Feb 2024; was 25 or 26 to 27 or 28 February 2024');
		await expectCleanPage(page, 'find-journey-decided-desktop', { errors });

		// The Gantt: one bar for the meeting, worded with its decided dates.
		await page.goto(`${server.url}/gantt`);
		const bars = page.locator(`svg.chart a[data-id="${ID}"]`);
		expect(await bars.count()).toBe(1);
		expect(await bars.first().textContent()).toContain('4–5 Feb 2024');

		// The calendar's list: the meeting is under Sun 4 and Mon 5 February, and no other day.
		await page.goto(`${server.url}/calendar?view=list&date=2024-02-01`);
		await page.waitForFunction(
			(id) =>
				document
					.querySelector<HTMLElement>('.calendar [data-date="2024-02-04"]')
					?.parentElement?.querySelector(`a[href="/items/${id}"]`),
			ID
		);
		const days = await page.evaluate((id) => {
			const out: string[] = [];
			for (const head of document.querySelectorAll<HTMLElement>('.calendar [data-date]'))
				if (head.parentElement?.querySelector(`a[href="/items/${id}"]`))
					out.push(head.dataset.date ?? '');
			return out;
		}, ID);
		expect(days).toEqual(['2024-02-04', '2024-02-05']);
		await screenshot(page, 'find-journey-calendar-desktop');
		expect(errors).toEqual([]);
	}, 240_000); // seven pages, two axe runs, on a shared machine
});

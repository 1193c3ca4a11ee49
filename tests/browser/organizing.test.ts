/**
 * Running the plan from the browser, as a new organizer and a new member would: create a person,
 * issue their personal link and private feed, revoke them, delete (refused while referenced);
 * create and delete a group; a member copies their private feed address and types busy times in
 * their own words; the item editor opens the plan's yearless wording without an error. Every
 * changed page is screenshotted at 1280 and 375 px, light and dark, and checked with axe's default
 * rules and for sideways scrolling on a phone.
 */
import type { Page } from 'playwright-core';
import {
	describeBrowser,
	openPage,
	signIn as signInWith,
	type ViewportName
} from '../helpers/browser.ts';
import { memberLink } from '../helpers/cli.ts';
import { expectCleanPage } from '../helpers/page-check.ts';
import { expect, startsServerAndBrowser, test as base } from '../helpers/fixture.ts';

const PASSWORD = 'browser-organizer-password';

/** Refusals answer 4xx on purpose; Chromium logs those as failed resources. */
const unexpected = (errors: string[]) =>
	errors.filter((e) => !/Failed to load resource: .*status of (400|404|409)/.test(e));

const signIn = (page: Page, base: string, name = 'Ana') => signInWith(page, base, name, PASSWORD);

const it = base
	/** `open(url, …)`: a tab whose page may use the clipboard (the member copies their feed address). */
	.extend(
		'open',
		({ browser }) =>
			(url: string, size: ViewportName = 'desktop', scheme: 'light' | 'dark' = 'light') =>
				openPage(browser, url, size, {
					colorScheme: scheme,
					permissions: ['clipboard-read', 'clipboard-write']
				})
	)
	/** `organizerTab(name, size)`: such a tab, signed in as the organizer `name`. */
	.extend(
		'organizerTab',
		({ server, open }) =>
			async (name = 'Ana', size: ViewportName = 'desktop') => {
				const opened = await open(`${server.url}/login`, size);
				try {
					await signIn(opened.page, server.url, name);
				} catch (e) {
					await opened.close();
					throw e;
				}
				return opened;
			}
	);

/** Clean but for the refusals provoked on purpose. */
async function check(
	page: Page,
	errors: string[],
	name: string,
	size: ViewportName,
	scheme: string
) {
	await expectCleanPage(page, `organizing-${name}-${size}-${scheme}`, {
		errors: unexpected(errors)
	});
}

it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD } });

describeBrowser('organizing in Chromium', () => {
	it.beforeAll(startsServerAndBrowser);
	it('an organizer creates a person, issues and revokes their link and feed, and deletes them', async ({
		server,
		organizerTab
	}) => {
		await using opened = await organizerTab();
		const { page, errors } = opened;
		await page.goto(`${server.url}/people`);
		await page.getByRole('link', { name: 'Add a person' }).click();
		await page.waitForURL(`${server.url}/people/new`);
		await page.getByLabel('Name').fill('Ada Lovelace');
		await page.getByLabel('Home time zone').fill('Nowhere/Special');
		await page.getByRole('button', { name: 'Create person' }).click();
		await page.locator('#f-zone-error').waitFor();
		// The field to fix has the cursor; the rest of the input is kept. The page moves the cursor
		// once the error is drawn, a tick after it appears: poll, not one look (as in editing.test).
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-zone');
		expect(await page.getByLabel('Name').inputValue()).toBe('Ada Lovelace');
		await page.getByLabel('Home time zone').fill('Europe/London');
		await page.getByRole('button', { name: 'Create person' }).click();
		await page.waitForURL(`${server.url}/people/ada-lovelace?saved=created`);
		expect(await page.getByRole('status').first().innerText()).toBe('Created.');

		// A personal link, shown once, that opens their own page.
		await page.getByRole('button', { name: 'Issue a personal link' }).click();
		const link = (await page.locator('code.secret').innerText()).trim();
		expect(link).toMatch(/\/me\/[A-Za-z0-9_-]{43}$/);
		const member = await fetch(link);
		expect(member.status).toBe(200);
		expect(await member.text()).toContain('Ada Lovelace');

		// A private feed address with every way to subscribe.
		await page.getByRole('button', { name: 'Issue a private feed address' }).click();
		const feedUrl = (await page.locator('.feed code').first().innerText()).trim();
		expect(feedUrl).toMatch(/\/feeds\/people\/[A-Za-z0-9_-]{43}\.ics$/);
		const feed = await fetch(feedUrl);
		expect(feed.status).toBe(200);
		expect(feed.headers.get('content-type')).toContain('text/calendar');
		const links = page.locator('.feed').first();
		expect(await links.getByRole('link', { name: /webcal/ }).getAttribute('href')).toMatch(
			/^webcal:\/\//
		);
		expect(
			await links.getByRole('link', { name: /Add to Google Calendar/ }).getAttribute('href')
		).toContain('calendar.google.com');
		expect(
			await links.getByRole('link', { name: /Add to Outlook/ }).getAttribute('href')
		).toContain(`url=${encodeURIComponent(feedUrl)}`);
		await check(page, errors, 'person-feed', 'desktop', 'light');

		// Private busy times in their feed: on, then the page says so.
		await page.locator('#access input[name="show"]').check();
		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await page.getByText('now show in their own feed').waitFor();
		expect(await page.locator('#access').innerText()).toContain('private busy times shown');

		// Revoking ends the link and the feed at once.
		await page.getByRole('button', { name: 'Revoke the personal link' }).click();
		await page.getByText('personal link no longer works').waitFor();
		expect((await fetch(link)).status).toBe(404);
		await page.getByRole('button', { name: 'Revoke the feed address' }).click();
		await page.getByText('private feed address no longer works').waitFor();
		expect((await fetch(feedUrl)).status).toBe(404);

		// Someone the plan still refers to cannot be deleted; the refusal says by what.
		await page.goto(`${server.url}/people/vint-cerf/edit`);
		await page.getByRole('button', { name: 'Delete Vint Cerf' }).click();
		const refusal = await page.getByRole('alert').first().innerText();
		expect(refusal).toContain('Not deleted');
		expect(refusal).toContain('assigned to');
		expect((await fetch(`${server.url}/people/vint-cerf`)).status).toBe(200);

		await page.goto(`${server.url}/people/ada-lovelace/edit`);
		await page.getByRole('button', { name: 'Delete Ada Lovelace' }).click();
		await page.waitForURL(/\/people\?saved=deleted/);
		expect((await fetch(`${server.url}/people/ada-lovelace`)).status).toBe(404);
		expect(unexpected(errors)).toEqual([]);
	}, 180_000);

	it('an organizer creates a group and deletes it; a group in use is refused', async ({
		server,
		organizerTab
	}) => {
		await using opened = await organizerTab('Pia', 'phone');
		const { page, errors } = opened;
		await page.goto(`${server.url}/groups`);
		await page.getByRole('link', { name: 'Add a group' }).click();
		await page.waitForURL(`${server.url}/groups/new`);
		await page.locator('#f-name').fill('Drafting team');
		await page.getByLabel('Vint Cerf').check();
		await page.getByRole('button', { name: 'Create group' }).click();
		await page.waitForURL(`${server.url}/groups?saved=created`);
		expect(await page.locator('main').innerText()).toContain('Drafting team');
		await page.goto(`${server.url}/groups/wg-whole-and-open/edit`);
		await page.getByRole('button', { name: /^Delete / }).click();
		expect(await page.getByRole('alert').first().innerText()).toContain('Not deleted');
		await page.goto(`${server.url}/groups/drafting-team/edit`);
		await page.getByRole('button', { name: 'Delete Drafting team' }).click();
		await page.waitForURL(/\/groups\?saved=deleted/);
		expect(await page.locator('main').innerText()).not.toContain('Drafting team');
		expect(unexpected(errors)).toEqual([]);
	}, 120_000);

	it('a member copies their private feed address and types busy times in their own words', async ({
		server,
		open
	}) => {
		const link = memberLink(server, 'lise-fuhr');
		await using opened = await open(link, 'phone');
		const { page, errors } = opened;
		await page.getByRole('button', { name: 'Get my private feed address' }).click();
		await page.waitForURL(/#feed$/);
		const address = (await page.locator('.feed code').innerText()).trim();
		await page.getByRole('button', { name: /^Copy the address/ }).click();
		await page.getByRole('button', { name: /^Copied the address/ }).waitFor();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(address);

		const when = page.locator('#add-when');
		await page.locator('form[action="?/addBusy"] .understood').waitFor();
		await when.fill('w/c 4 March 2024');
		const understood = page.locator('form[action="?/addBusy"] .understood');
		await expect.poll(() => understood.innerText()).toContain('4–10 Mar 2024');
		await when.fill('by February 15th');
		await expect
			.poll(() => understood.innerText())
			.toContain("The year, 2024, comes from the plan's dates");
		await when.fill('whenever');
		await expect.poll(() => understood.innerText()).toContain('w/c 15 April 2024');
		expect(await understood.innerText()).not.toContain('TBD');
		await when.fill('first half of May 2024');
		await page.getByRole('button', { name: 'Add busy time' }).click();
		await page.getByText('Busy time added.').waitFor();
		expect(await page.locator('ul.busy').innerText()).toContain('1–15 May 2024');
		expect(unexpected(errors)).toEqual([]);
	}, 120_000);

	it('the item editor opens the plan’s own yearless wording without an error', async ({
		server,
		organizerTab
	}) => {
		await using opened = await organizerTab();
		const { page, errors } = opened;
		for (const [id, days] of [
			['wsis-20-joint-submission', '15 Feb 2024'],
			['mwc-2024', '26–29 Feb 2024'],
			['report-chair-version', '']
		] as const) {
			await page.goto(`${server.url}/items/${id}/edit`);
			await page.locator('form[data-live]').waitFor();
			const understood = await page.locator('.understood').first().innerText();
			expect(understood, id).toContain('Understood as');
			expect(understood, id).toContain(days);
			expect(await page.locator('.field .error').count(), id).toBe(0);
		}
		await page.goto(`${server.url}/items/wsis-20-joint-submission/edit`);
		await page.locator('form[data-live]').waitFor();
		await page.getByLabel('When', { exact: true }).fill('spring 2024');
		await expect
			.poll(() => page.locator('.understood').first().innerText())
			.toContain('northern hemisphere');
		expect(unexpected(errors)).toEqual([]);
	}, 120_000);

	it.for([
		['desktop', 'light'],
		['desktop', 'dark'],
		['phone', 'light'],
		['phone', 'dark']
	] as const)(
		'every changed page passes axe and fits, at %s size in %s',
		{ timeout: 240_000 },
		async ([size, scheme], { server, open }) => {
			const link = memberLink(server, 'vint-cerf');
			await using opened = await open(`${server.url}/`, size, scheme);
			const { page, errors } = opened;
			await check(page, errors, 'overview-public', size, scheme);
			if (size === 'phone') {
				// The menu opens without JavaScript's help (a <details>).
				await page.getByText('Menu').click();
				await page.locator('details.menu').getByRole('link', { name: 'Calendar' }).waitFor();
				await check(page, errors, 'overview-menu', size, scheme);
			}
			await page.goto(`${server.url}/subscribe`);
			await check(page, errors, 'subscribe', size, scheme);
			await page.goto(link, { waitUntil: 'networkidle' });
			await check(page, errors, 'member', size, scheme);
			await page.goto(`${server.url}/`);
			await check(page, errors, 'overview-member', size, scheme);
			await signIn(page, server.url);
			await check(page, errors, 'overview-organizer', size, scheme);
			for (const [name, path] of [
				['people', '/people'],
				['person', '/people/vint-cerf'],
				['person-new', '/people/new'],
				['person-edit', '/people/vint-cerf/edit'],
				['groups', '/groups'],
				['group-new', '/groups/new'],
				['group-edit', '/groups/mag/edit'],
				['item-edit', '/items/wsis-20-joint-submission/edit'],
				['item-saved', '/items/wsis-20-joint-submission?saved=1']
			] as const) {
				await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
				await check(page, errors, name, size, scheme);
			}
			expect(unexpected(errors)).toEqual([]);
		}
	);
});

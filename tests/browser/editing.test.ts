/**
 * The organizer's and the member's flows in Chromium, the way people click them: sign in, an edit
 * with a validation error, fixed and saved; two organizers saving the same item; a member
 * importing busy times from an .ics file. Each step is screenshotted (desktop and phone) and
 * checked with axe; the CSP must not block anything the pages need.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
	describeBrowser,
	openPage,
	signIn as signInWith,
	type ViewportName
} from '../helpers/browser.ts';
import { memberLink } from '../helpers/cli.ts';
import { expectCleanPage } from '../helpers/page-check.ts';
import { expect, it, startsServerAndBrowser } from '../helpers/fixture.ts';

const PASSWORD = 'browser-organizer-password';
const ITEM = 'netmundial-10-presentation';

/** A refused form answers 400/409 on purpose; Chromium logs that as a failed resource. */
const unexpected = (errors: string[]) =>
	errors.filter((e) => !/Failed to load resource: .*status of (400|409)/.test(e));

/** The page is clean but for the refusals the step provoked on purpose. */
async function checkPage(page: Page, name: string, size: ViewportName, errors: string[]) {
	await expectCleanPage(page, `editing-${name}-${size}`, { errors: unexpected(errors) });
}

const signIn = (page: Page, base: string, name: string) => signInWith(page, base, name, PASSWORD);

it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD } });

describeBrowser('editing in Chromium', () => {
	it.beforeAll(startsServerAndBrowser);
	it.for(['desktop', 'phone'] as const)(
		'organizer at %s size: sign in, a validation error, fix it, save',
		async (size, { server, browser }) => {
			await using opened = await openPage(browser, `${server.url}/login`, size);
			const { page, errors } = opened;
			await checkPage(page, 'login', size, errors);
			await signIn(page, server.url, size === 'phone' ? 'Pia' : 'Ana');
			await page.goto(`${server.url}/items/${ITEM}/edit`);
			// Type only once the form is hydrated, or hydration can overwrite what was typed.
			await page.locator('form[data-live]').waitFor();
			const when = page.getByLabel('When', { exact: true });
			// Live: the wording is understood while typing (hydrated under the CSP).
			await when.fill('by 15 February 2024');
			await expect
				.poll(() => page.locator('.understood').first().textContent())
				.toContain('15 Feb 2024');
			await when.fill('sometime soonish');
			await page.getByLabel('Title').fill(`Presentation at NETmundial+10 (${size})`);
			await page.getByRole('button', { name: 'Save changes' }).click();
			await page.locator('#f-when-error').waitFor();
			expect(await page.locator('#f-when-error').textContent()).toContain('Could not read');
			// The cursor waits in the first field to fix (the title is fine, the date is not). The
			// page moves it once the error is drawn, a tick after it appears: poll, not one look.
			await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-when');
			// The rest of the input is kept.
			expect(await page.getByLabel('Title').inputValue()).toBe(
				`Presentation at NETmundial+10 (${size})`
			);
			await checkPage(page, 'item-invalid', size, errors);
			await page.getByLabel('When', { exact: true }).fill('mid May 2024');
			await page.getByRole('button', { name: 'Save changes' }).click();
			await page.waitForURL(`${server.url}/items/${ITEM}?saved=1`);
			expect(await page.getByRole('status').first().innerText()).toBe('Saved.');
			const text = await page.locator('main').innerText();
			expect(text).toContain(`Presentation at NETmundial+10 (${size})`);
			expect(text).toContain('11–20 May 2024');
			expect(text).toContain(size === 'phone' ? 'Pia (organizer)' : 'Ana (organizer)');
			await checkPage(page, 'item-saved', size, errors);
			expect(unexpected(errors)).toEqual([]);
		}
	);

	it('two organizers edit the same item: the second save shows the first change', async ({
		server,
		browser
	}) => {
		await using ana = await openPage(browser, `${server.url}/login`);
		await using bo = await openPage(browser, `${server.url}/login`);
		await signIn(ana.page, server.url, 'Ana');
		await signIn(bo.page, server.url, 'Bo');
		await ana.page.goto(`${server.url}/items/${ITEM}/edit`);
		await bo.page.goto(`${server.url}/items/${ITEM}/edit`);
		await ana.page.locator('form[data-live]').waitFor();
		await bo.page.locator('form[data-live]').waitFor();
		await bo.page.getByLabel('Track').fill('Changed by Bo');
		await bo.page.getByRole('button', { name: 'Save changes' }).click();
		await bo.page.waitForURL(`${server.url}/items/${ITEM}?saved=1`);

		await ana.page.getByLabel('Title').fill('Ana’s title');
		await ana.page.getByRole('button', { name: 'Save changes' }).click();
		const notice = ana.page.locator('.conflict');
		await notice.waitFor();
		const text = await notice.innerText();
		expect(text).toContain('changed since you opened it');
		expect(text).toContain('Bo (organizer)');
		expect(text).toContain('Changed by Bo');
		expect(await ana.page.getByLabel('Title').inputValue()).toBe('Ana’s title');
		await checkPage(ana.page, 'conflict', 'desktop', ana.errors);
		// Saving again, knowingly, replaces Bo's version with Ana's.
		await ana.page.getByRole('button', { name: 'Save changes' }).click();
		await ana.page.waitForURL(`${server.url}/items/${ITEM}?saved=1`);
		expect(await ana.page.locator('h1').innerText()).toBe('Ana’s title');
		expect(unexpected(ana.errors)).toEqual([]);
	});

	it.for(['desktop', 'phone'] as const)(
		'a member imports an .ics file at %s size',
		async (size, { server, browser }) => {
			const person = size === 'phone' ? 'maria-ressa' : 'vint-cerf';
			const link = memberLink(server, person);
			const file = path.join(tmpdir(), `iww-${size}.ics`);
			writeFileSync(
				file,
				[
					'BEGIN:VCALENDAR',
					'VERSION:2.0',
					'BEGIN:VEVENT',
					'UID:teaching',
					'DTSTART;TZID=America/New_York:20240305T090000',
					'DTEND;TZID=America/New_York:20240305T110000',
					'RRULE:FREQ=WEEKLY;COUNT=3',
					'SUMMARY:Teaching <b>seminar</b>',
					'END:VEVENT',
					'END:VCALENDAR'
				].join('\r\n')
			);
			await using opened = await openPage(browser, link, size);
			const { page, errors } = opened;
			await checkPage(page, 'member', size, errors);
			await page.getByLabel('Calendar file (.ics)').setInputFiles(file);
			await page
				.locator('form[action="?/importIcs#sources"]')
				.getByLabel("Keep each event's title as its reason")
				.check();
			await page.getByRole('button', { name: 'Import busy times' }).click();
			await page.getByText('Imported 3 busy times').waitFor();
			// Imported busy times are listed under their calendar (a closed <details>).
			const busy = (await page.locator('ul.sources').textContent()) ?? '';
			expect(busy).toContain('Teaching <b>seminar</b>');
			expect(busy).toContain('reasons private');
			await checkPage(page, 'member-imported', size, errors);
			expect(unexpected(errors)).toEqual([]);
		}
	);

	it.for(['desktop', 'phone'] as const)(
		'the history, person edit and plan file pages at %s size',
		async (size, { server, browser }) => {
			await using opened = await openPage(browser, `${server.url}/login`, size);
			const { page, errors } = opened;
			await signIn(page, server.url, 'Ana');
			await page.goto(`${server.url}/history`);
			await page.getByLabel('Item').selectOption({ index: 1 });
			await page.getByRole('button', { name: 'Filter' }).click();
			await page.waitForURL(/\/history\?item=/);
			await checkPage(page, 'history', size, errors);
			await page.goto(`${server.url}/people/vint-cerf/edit`);
			await page.getByLabel('Home time zone').fill('Nowhere/Special');
			await page.getByRole('button', { name: 'Save changes' }).click();
			await page.locator('#f-zone-error').waitFor();
			await checkPage(page, 'person-invalid', size, errors);
			await page.goto(`${server.url}/plan/file`);
			await page.getByLabel('Plan file (.json)').setInputFiles({
				name: 'plan.json',
				mimeType: 'application/json',
				buffer: Buffer.from(await (await fetch(`${server.url}/api/plan`)).arrayBuffer())
			});
			await page.getByRole('button', { name: 'Preview the import' }).click();
			await page.getByText('would change').waitFor();
			await checkPage(page, 'plan-file-preview', size, errors);
			expect(unexpected(errors)).toEqual([]);
		}
	);
});

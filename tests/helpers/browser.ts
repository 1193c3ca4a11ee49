/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work on
 * these machines), axe-core for accessibility, and screenshots a person can look at.
 */
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type Page,
	type Response
} from 'playwright-core';
import { describe } from 'vitest';
import { ROOT } from './server.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The background-networking flags matter: this machine refuses Chromium's calls home. */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

export const VIEWPORTS = {
	desktop: { width: 1280, height: 800 },
	phone: { width: 375, height: 812 }
} as const;
export type ViewportName = keyof typeof VIEWPORTS;
/** Every named size, for `it.each`. */
export const SIZES = Object.keys(VIEWPORTS) as ViewportName[];

export const SCREENSHOT_DIR = path.join(ROOT, 'screenshots');

export function chromiumAvailable(): boolean {
	try {
		accessSync(CHROMIUM_PATH, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/**
 * `describe` for browser suites. Without Chromium a developer gets a notice and a skipped suite,
 * but CI must never go green by skipping, so there it throws.
 */
export function describeBrowser(name: string, fn: () => void): void {
	if (chromiumAvailable()) {
		describe(name, fn);
		return;
	}
	const notice =
		`Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH or apt-get install chromium): ` +
		`browser suite "${name}"`;
	if (process.env.CI) throw new Error(`${notice} cannot run, and CI is set`);
	console.warn(`NOTICE: ${notice} is skipped`);
	describe.skip(name, fn);
}

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface OpenedPage {
	context: BrowserContext;
	page: Page;
	/** The main document's response; null only if navigation produced none. */
	response: Response | null;
	/** Console errors and uncaught page errors seen since the page was opened. */
	errors: string[];
	close: () => Promise<void>;
	/** `await using opened = await openPage(…)` closes the tab when the block ends, even on a throw. */
	[Symbol.asyncDispose]: () => Promise<void>;
}

export interface OpenPageOptions {
	timezoneId?: string;
	javaScriptEnabled?: boolean;
	colorScheme?: 'light' | 'dark';
	/** Cookies set before the page is opened (a session signed in over HTTP). */
	cookies?: Parameters<BrowserContext['addCookies']>[0];
	/** Browser permissions granted to the context (e.g. the clipboard's). */
	permissions?: string[];
}

/**
 * Opens `url` in a fresh context at a named size and waits until the network is quiet. The
 * browser's zone is UTC unless `timezoneId` says otherwise.
 */
export async function openPage(
	browser: Browser,
	url: string,
	viewport: ViewportName = 'desktop',
	options: OpenPageOptions = {}
): Promise<OpenedPage> {
	const context = await browser.newContext({
		viewport: VIEWPORTS[viewport],
		// Dates are written in the viewer's locale: pin it so screenshots are comparable.
		locale: 'en-GB',
		timezoneId: options.timezoneId ?? 'UTC',
		javaScriptEnabled: options.javaScriptEnabled ?? true,
		colorScheme: options.colorScheme ?? 'light'
	});
	if (options.cookies) await context.addCookies(options.cookies);
	if (options.permissions) await context.grantPermissions(options.permissions);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
	});
	page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
	const response = await page.goto(url, { waitUntil: 'networkidle' });
	const close = () => context.close();
	return { context, page, response, errors, close, [Symbol.asyncDispose]: close };
}

/**
 * Signs `page` in as an organizer with the login form, as a person would, and waits for the
 * overview it leads to. Opens the login page first unless the page is already on it.
 */
export async function signIn(
	page: Page,
	base: string,
	name: string,
	password: string
): Promise<void> {
	if (!page.url().startsWith(`${base}/login`)) await page.goto(`${base}/login`);
	await page.getByLabel('Your name').fill(name);
	await page.getByLabel('Organizer password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);
}

/** `openPage` on the login page, signed in as the organizer `name` (on the overview). */
export async function openSignedIn(
	browser: Browser,
	base: string,
	{ name, password }: { name: string; password: string },
	viewport: ViewportName = 'desktop',
	options: OpenPageOptions = {}
): Promise<OpenedPage> {
	const opened = await openPage(browser, `${base}/login`, viewport, options);
	try {
		await signIn(opened.page, base, name, password);
	} catch (e) {
		await opened.close();
		throw e;
	}
	return opened;
}

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	helpUrl: string;
	nodes: { target: unknown; html: string; failureSummary?: string }[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core with its default rule set (every rule axe enables out of the box: WCAG A/AA and
 * its best practices such as label-content-name-mismatch and empty-table-header) and returns the
 * violations. `rules` narrows the run to those rule ids (e.g. the colour rules, for a second
 * colour scheme of a page already checked with every rule).
 */
export async function runAxe(page: Page, rules?: readonly string[]): Promise<AxeViolation[]> {
	axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
	// Evaluated through the DevTools protocol: an injected <script> tag would be (rightly) blocked
	// by the app's Content-Security-Policy.
	await page.evaluate(axeSource);
	return page.evaluate(async (only) => {
		const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } }).axe;
		const options = only ? { runOnly: { type: 'rule', values: only } } : {};
		const result = (await axe.run(document, options)) as {
			violations: AxeViolation[];
		};
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			helpUrl: v.helpUrl,
			nodes: v.nodes.map((n) => ({
				target: n.target,
				html: n.html,
				failureSummary: n.failureSummary
			}))
		}));
	}, rules ?? null);
}

/** One line per violation and node, for an assertion message a person can act on. */
export function formatViolations(violations: AxeViolation[]): string {
	return violations
		.map(
			(v) =>
				`${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n` +
				v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`).join('\n')
		)
		.join('\n');
}

/** Saves a full-page PNG to `screenshots/<name>.png` (gitignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-zA-Z0-9._-]+/g, '_')}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/**
 * How wide the document is, and the outermost elements that stick out past the viewport, so an
 * overflow failure says where to look (e.g. `table.items 394px`).
 */
export async function horizontalOverflow(
	page: Page
): Promise<{ scrollWidth: number; viewport: number; culprits: string[] }> {
	return page.evaluate(() => {
		const viewport = document.documentElement.clientWidth;
		const describe = (el: Element) => {
			const cls = [...el.classList].slice(0, 2).join('.');
			return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls ? `.${cls}` : ''}`;
		};
		const wide = [...document.body.querySelectorAll('*')].filter(
			(el) => el.getBoundingClientRect().right > viewport + 1
		);
		// Only the outermost offenders: a child of a too-wide element adds nothing.
		const outer = wide.filter((el) => !wide.includes(el.parentElement as Element));
		return {
			scrollWidth: document.documentElement.scrollWidth,
			viewport,
			culprits: outer
				.slice(0, 8)
				.map((el) => `${describe(el)} ${Math.round(el.getBoundingClientRect().right)}px`)
		};
	});
}

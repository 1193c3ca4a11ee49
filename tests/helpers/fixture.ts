/**
 * The `test` of the integration and browser suites: vitest's own, extended (`test.extend`) with the
 * real server and a real Chromium as fixtures, so a test names what it needs and gets it:
 *
 *     test('…', async ({ server, browser }) => { … })
 *
 * - `server`: the built server with a fresh database, started once per file when a test or a
 *   suite hook (`test.beforeAll(async ({ server }) => …)`) first asks for it, stopped after the
 *   file. A file sets its options once, at its top level: `test.override('serverOptions', {…})`
 *   (vitest allows file-scoped fixtures to be overridden only there, not inside a `describe`).
 * - `browser`: one Chromium per file, launched on first use, closed after the file.
 * - `page`: a fresh tab (its own context, desktop size, UTC, en-GB) for one test, closed after it.
 *
 * Fixtures start lazily, so a suite skipped by `describeBrowser` (no Chromium) starts nothing.
 * Kept apart from server.ts and browser.ts, which the bench also runs outside vitest.
 */
import { test as base } from 'vitest';
import {
	launchBrowser,
	openPage,
	openSignedIn,
	type OpenPageOptions,
	type ViewportName
} from './browser.ts';
import { startCalendarServer } from './calendar-server.ts';
import { startServer, type RunningServer, type StartServerOptions } from './server.ts';
import type { Browser } from 'playwright-core';

export { describe, expect } from 'vitest';

export const test = base
	.extend('serverOptions', { scope: 'file' }, {} as StartServerOptions)
	.extend('server', { scope: 'file' }, async ({ serverOptions }, { onCleanup }) =>
		started(serverOptions, onCleanup)
	)
	.extend('browser', { scope: 'file' }, async ({}, { onCleanup }) => {
		const browser = await launchBrowser();
		onCleanup(() => browser.close());
		return browser;
	})
	.extend('page', async ({ browser }, { onCleanup }) => {
		const opened = await openPage(browser, 'about:blank');
		onCleanup(() => opened.close());
		return opened.page;
	});

export const it = test;

/**
 * A test fixture that opens tabs signed in as the organizer `name` (closed by `await using`):
 * `const it = base.extend('signedIn', signedInAs('Ana', PASSWORD))`, then in a test
 * `await using opened = await signedIn('phone', { colorScheme: 'dark' })`.
 */
export function signedInAs(name: string, password: string) {
	return ({ server, browser }: { server: RunningServer; browser: Browser }) =>
		(size: ViewportName = 'desktop', options: OpenPageOptions = {}) =>
			openSignedIn(browser, server.url, { name, password }, size, options);
}

/*
 * A file fixture starts when a test or a hook first asks for it, and inside a test its start
 * counts against that test's timeout (30 s for integration tests) rather than a hook's (60 s),
 * too little for a loaded 2-core machine. Hence, at the top of a file or `describeBrowser` block:
 * `it.beforeAll(startsServer)` (or a hook of the file's own that uses the server anyway).
 */

/** For `it.beforeAll`: starts the file's server before its first test. */
export function startsServer({ server }: { server: RunningServer }): void {
	void server;
}

/** For `it.beforeAll` in a `describeBrowser` block: starts the server and Chromium first. */
export function startsServerAndBrowser({
	server,
	browser
}: {
	server: RunningServer;
	browser: Browser;
}): void {
	void server;
	void browser;
}

type OnCleanup = (cleanup: () => Promise<void>) => void;

async function started(options: StartServerOptions, onCleanup: OnCleanup) {
	const server = await startServer(options);
	onCleanup(() => server.stop());
	return server;
}

/**
 * A second server for a file, as a file fixture of its own, started with `options` when first
 * asked for and stopped after the file:
 * `const test = base.extend('closed', { scope: 'file' }, anotherServer({ env }))`.
 */
export function anotherServer(options: StartServerOptions = {}) {
	// The empty pattern is how a vitest fixture says it needs no other fixture.
	return async ({}: object, { onCleanup }: { onCleanup: OnCleanup }) => started(options, onCleanup);
}

/**
 * A local calendar server (calendar-server.ts) as a file fixture, closed after the file:
 * `base.extend('cal', { scope: 'file' }, calendarServer)`. Start it before the app's server, whose
 * options take `cal.env()`: `test.override('serverOptions', ({ cal }) => ({ env: cal.env() }))`.
 */
export async function calendarServer({}: object, { onCleanup }: { onCleanup: OnCleanup }) {
	const cal = await startCalendarServer();
	onCleanup(() => cal.close());
	return cal;
}

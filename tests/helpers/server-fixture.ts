/**
 * The server of a test file as a fixture: one line instead of a `let`, a `beforeAll` and an
 * `afterAll` in every file. Kept apart from server.ts, which the bench also runs outside vitest.
 */
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer, type StartServerOptions } from './server.ts';

/**
 * A test file's (or `describe` block's) own server, in one line: started with `options` before its
 * tests and stopped after them. The returned object stands for the running server (its `url`,
 * `dbPath`, ... are read through to it), so tests and later hooks use it as they would the result
 * of `startServer`; reading it before the `beforeAll` has run throws. `options` may be a function,
 * read when the server starts, for options an earlier `beforeAll` works out.
 */
export function useServer(
	options: StartServerOptions | (() => StartServerOptions) = {}
): RunningServer {
	let running: RunningServer | undefined;
	const get = (): RunningServer => {
		if (!running) throw new Error('the server is read before its beforeAll started it');
		return running;
	};
	beforeAll(async () => {
		running = await startServer(typeof options === 'function' ? options() : options);
	});
	afterAll(async () => {
		await running?.stop();
	});
	return {
		get url() {
			return get().url;
		},
		get dbPath() {
			return get().dbPath;
		},
		get pid() {
			return get().pid;
		},
		output: () => get().output(),
		stop: () => get().stop()
	};
}

import { defineConfig } from 'vitest/config';

// Tests run outside SvelteKit: the domain, feeds and server modules are plain TypeScript, and the
// integration and browser suites drive the built server (./build) over HTTP like a user would.
export default defineConfig({
	test: {
		projects: [
			{
				extends: false,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					environment: 'node',
					// scrypt and real SQLite files on a busy 2-core machine need more than 5 s.
					testTimeout: 20_000
				}
			},
			{
				extends: false,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: false,
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 90_000,
					fileParallelism: false
				}
			}
		]
	}
});

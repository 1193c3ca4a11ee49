/**
 * Settings shared by the fuzz suites (*.fuzz.test.ts): a fixed seed, so CI explores the same
 * inputs every run and a failure reproduces, and run counts that `npm run fuzz` raises.
 *
 * FUZZ_RUNS multiplies every suite's default count (e.g. FUZZ_RUNS=10 for ten times as many);
 * FUZZ_SEED picks another fixed seed.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_240_101);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);

export const fuzzRuns = (base: number): number =>
	Math.max(1, Math.round(base * (Number.isFinite(SCALE) && SCALE > 0 ? SCALE : 1)));

/** Milliseconds of CPU this process has used (the budget the importer counts too). */
export const cpuMs = (): number => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

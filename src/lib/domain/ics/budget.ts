/**
 * The work one file may cost: counted steps and milliseconds on a monotonic clock, shared by
 * every step of an import (zones, rules, events), and the refusal that names the rule that was
 * running when it ran out.
 */
import { IcsError } from './parse.ts';
import type { Rule } from './rule.ts';

/** Thrown when a budget runs out; the caller names the rule that was running. */
export class BudgetExceeded extends Error {
	readonly reason: 'time' | 'steps';
	constructor(reason: 'time' | 'steps') {
		super(`budget exceeded (${reason})`);
		this.reason = reason;
		this.name = 'BudgetExceeded';
	}
}

/** Work allowed for one file: counted steps, and milliseconds on a monotonic clock. */
export class Budget {
	steps = 0;
	private readonly deadline: number;
	readonly maxSteps: number;
	readonly maxMs: number;
	private readonly clock: () => number;
	constructor(maxSteps: number, maxMs: number, clock: () => number) {
		this.maxSteps = maxSteps;
		this.maxMs = maxMs;
		this.clock = clock;
		this.deadline = clock() + maxMs;
	}
	step(n = 1): void {
		const before = this.steps;
		this.steps += n;
		if (this.steps > this.maxSteps) throw new BudgetExceeded('steps');
		// Reading the clock costs more than a step; look every 4,096 steps.
		if (before >>> 12 !== this.steps >>> 12 && this.clock() > this.deadline)
			throw new BudgetExceeded('time');
	}
	check(): void {
		if (this.clock() > this.deadline) throw new BudgetExceeded('time');
	}
}

/** Runs `work` for `rule`, turning an exhausted budget into a refusal that names the rule. */
export function guarded<T>(rule: Rule, budget: Budget, work: () => T): T {
	try {
		return work();
	} catch (e) {
		if (!(e instanceof BudgetExceeded)) throw e;
		const limit =
			e.reason === 'time'
				? `${(budget.maxMs / 1000).toLocaleString('en')} s of work`
				: `${budget.maxSteps.toLocaleString('en')} steps`;
		throw new IcsError(
			rule.line,
			`"${rule.text}" never occurs within the import's budget (${limit})`
		);
	}
}

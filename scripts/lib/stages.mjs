// Named, timed stages, so that slow stages are visible in every run:
//   const stages = new Stages('acceptance');
//   const tarball = await stages.run('build and pack', () => buildAndPack());
//   stages.print();
export class Stages {
	constructor(label) {
		this.label = label;
		/** @type {Array<{name: string, ms: number, ok: boolean}>} */
		this.done = [];
	}

	async run(name, fn) {
		const started = Date.now();
		console.log(`[${this.label}] ${name} …`);
		try {
			const result = await fn();
			this.record(name, Date.now() - started, true);
			return result;
		} catch (error) {
			this.record(name, Date.now() - started, false);
			throw error;
		}
	}

	record(name, ms, ok = true) {
		this.done.push({ name, ms, ok });
		console.log(`[${this.label}] ${name}: ${ok ? 'done' : 'FAILED'} in ${seconds(ms)}`);
	}

	print() {
		if (this.done.length === 0) return;
		const width = Math.max(...this.done.map((stage) => stage.name.length));
		const total = this.done.reduce((sum, stage) => sum + stage.ms, 0);
		console.log(`[${this.label}] stage timings:`);
		for (const stage of this.done) {
			console.log(`  ${stage.name.padEnd(width)}  ${seconds(stage.ms).padStart(8)}${stage.ok ? '' : '  FAILED'}`);
		}
		console.log(`  ${'total'.padEnd(width)}  ${seconds(total).padStart(8)}`);
	}
}

export function seconds(ms) {
	return ms >= 60000 ? `${Math.floor(ms / 60000)}m${((ms % 60000) / 1000).toFixed(1).padStart(4, '0')}s` : `${(ms / 1000).toFixed(1)} s`;
}

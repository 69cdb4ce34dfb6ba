/**
 * RyzeAPI simulator: a local fake of the RyzeAPI WhatsApp HTTP API for tests,
 * benchmarks and the offline sandbox (`npm start`). See CONTRIBUTING.md.
 */
export { startSimulator } from './server';
export type { RunningSimulator } from './server';
export { SANDBOX } from './seed';
export { MESSAGES, OUTCOMES } from './messages';
export { SimulatorState } from './state';
export type {
	Action,
	AnswerOutcome,
	Fault,
	FaultKind,
	FaultMatch,
	Group,
	GroupRole,
	KeyStyle,
	Member,
	MutateOp,
	PendingRequest,
	RateLimitOptions,
	RecordedCall,
	SimulatorOptions,
	SimulatorStats,
	TokenKind,
} from './types';

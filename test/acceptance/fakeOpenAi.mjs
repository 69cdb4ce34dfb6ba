// A scripted OpenAI-compatible server on 127.0.0.1, to drive a real n8n AI Agent
// offline: the OpenAI Chat Model node's `openAiApi` credential points its Base URL
// here. It answers POST …/chat/completions from a script — one reply per request,
// in order: a tool call or the final text — as plain JSON or, when the request
// says `stream: true`, as server-sent events (chat.completion.chunk). It records
// every request it received (method, path, body), which is what the model saw.
//
//   const fake = await startFakeOpenAi({ replies: [(body) => ({ toolCalls: [...] }), { text: 'done' }] });
//   credential data: { apiKey: 'sk-fake', url: fake.baseUrl }   // http://127.0.0.1:<port>/v1
//
// A reply is { text } or { toolCalls: [{ id?, name, arguments }] } (arguments: an
// object or a JSON string), or a function of the request body that returns one.
// After the script ends, every further request gets the last reply again.
import { createServer } from 'node:http';

const MODEL_FALLBACK = 'gpt-4o-mini';

/** The tool in a request's `tools` whose function name matches `pattern` (a RegExp), or null. */
export function findTool(body, pattern) {
	const tools = Array.isArray(body?.tools) ? body.tools : [];
	return tools.find((tool) => pattern.test(tool?.function?.name ?? ''))?.function ?? null;
}

/** The messages with `role: 'tool'` of a request, their `content` parsed when it is JSON. */
export function toolMessages(body) {
	return (Array.isArray(body?.messages) ? body.messages : [])
		.filter((message) => message?.role === 'tool')
		.map((message) => {
			const text = typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
			let parsed;
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = undefined;
			}
			return { toolCallId: message.tool_call_id, content: text, parsed };
		});
}

function completionId(index) {
	return `chatcmpl-fake-${index + 1}`;
}

function normalizeToolCalls(reply, index) {
	return reply.toolCalls.map((call, position) => ({
		id: call.id ?? `call_fake_${index + 1}_${position + 1}`,
		type: 'function',
		function: {
			name: call.name,
			arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
		},
	}));
}

const USAGE = { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 };

/** The plain JSON answer (chat.completion). */
function jsonAnswer(reply, index, model) {
	const message = reply.toolCalls
		? { role: 'assistant', content: null, tool_calls: normalizeToolCalls(reply, index) }
		: { role: 'assistant', content: reply.text };
	return {
		id: completionId(index),
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: reply.toolCalls ? 'tool_calls' : 'stop' }],
		usage: USAGE,
	};
}

/** The same answer as chat.completion.chunk events, split the way OpenAI streams them. */
function streamChunks(reply, index, model, includeUsage) {
	const base = { id: completionId(index), object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
	const chunk = (delta, finishReason = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
	const chunks = [];
	if (reply.toolCalls) {
		normalizeToolCalls(reply, index).forEach((call, position) => {
			const head = { index: position, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } };
			chunks.push(chunk(position === 0 ? { role: 'assistant', content: null, tool_calls: [head] } : { tool_calls: [head] }));
			const args = call.function.arguments;
			const middle = Math.ceil(args.length / 2);
			for (const part of [args.slice(0, middle), args.slice(middle)]) {
				if (part) chunks.push(chunk({ tool_calls: [{ index: position, function: { arguments: part } }] }));
			}
		});
		chunks.push(chunk({}, 'tool_calls'));
	} else {
		chunks.push(chunk({ role: 'assistant', content: '' }));
		for (const word of reply.text.match(/\S+\s*/g) ?? [reply.text]) chunks.push(chunk({ content: word }));
		chunks.push(chunk({}, 'stop'));
	}
	if (includeUsage) chunks.push({ ...base, choices: [], usage: USAGE });
	return chunks;
}

function readBody(request) {
	return new Promise((resolve, reject) => {
		const parts = [];
		request.on('data', (part) => parts.push(part));
		request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
		request.on('error', reject);
	});
}

/**
 * Starts the server on 127.0.0.1:<ephemeral>. Resolves {url, baseUrl, requests,
 * completions(), stop()}: `requests` holds every request ({method, path, body,
 * stream}); completions() only the chat completions, in order.
 */
export async function startFakeOpenAi({ replies, model = MODEL_FALLBACK, host = '127.0.0.1' } = {}) {
	if (!Array.isArray(replies) || replies.length === 0) throw new Error('startFakeOpenAi needs at least one reply');
	const requests = [];
	let answered = 0;
	const server = createServer(async (request, response) => {
		const text = await readBody(request).catch(() => '');
		let body = null;
		try {
			body = text ? JSON.parse(text) : null;
		} catch {
			body = text;
		}
		const path = (request.url ?? '').split('?')[0];
		const record = { method: request.method, path, body, stream: body?.stream === true, at: new Date().toISOString() };
		requests.push(record);
		const send = (status, json) => {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(json));
		};
		if (request.method === 'GET' && path.endsWith('/models')) {
			send(200, { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'fake' }] });
			return;
		}
		if (request.method !== 'POST' || !path.endsWith('/chat/completions')) {
			send(404, { error: { message: `the fake OpenAI server has no ${request.method} ${path}`, type: 'invalid_request_error' } });
			return;
		}
		const index = answered;
		answered += 1;
		const scripted = replies[Math.min(index, replies.length - 1)];
		let reply;
		try {
			reply = typeof scripted === 'function' ? scripted(body, index) : scripted;
			if (!reply || (typeof reply.text !== 'string' && !Array.isArray(reply.toolCalls))) {
				throw new Error(`reply ${index + 1} is neither {text} nor {toolCalls}: ${JSON.stringify(reply)}`);
			}
		} catch (error) {
			record.scriptError = error.message;
			send(500, { error: { message: `fake OpenAI script: ${error.message}`, type: 'server_error' } });
			return;
		}
		record.reply = reply;
		const answerModel = typeof body?.model === 'string' ? body.model : model;
		if (body?.stream === true) {
			response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
			for (const chunk of streamChunks(reply, index, answerModel, body?.stream_options?.include_usage === true)) {
				response.write(`data: ${JSON.stringify(chunk)}\n\n`);
			}
			response.end('data: [DONE]\n\n');
			return;
		}
		send(200, jsonAnswer(reply, index, answerModel));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, resolve);
	});
	const { port } = server.address();
	const url = `http://${host}:${port}`;
	return {
		url,
		baseUrl: `${url}/v1`,
		requests,
		completions: () => requests.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/chat/completions')),
		stop: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

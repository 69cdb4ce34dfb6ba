import { NodeConnectionTypes, NodeHelpers, type INodePropertyOptions, type INodeType } from 'n8n-workflow';

import { RyzeApi as RyzeApiCredential } from '../../credentials/RyzeApi.credentials';
import { operations } from '../../nodes/RyzeApi/actions/group/Group.resource';
import { ACTIONS, PARTICIPANT_ACTIONS, type ActionSpec } from '../../nodes/RyzeApi/actions/group/manageParticipants/actions';
import { RyzeApi } from '../../nodes/RyzeApi/RyzeApi.node';
import packageJson from '../../package.json';

const { description } = new RyzeApi();
const credential = new RyzeApiCredential();
const property = (name: string) => description.properties.find((p) => p.name === name);

describe('node description', () => {
	it('has the stable names workflows refer to', () => {
		expect(description).toMatchObject({ name: 'ryzeApi', displayName: 'RyzeAPI', version: [1, 1.1, 1.2], usableAsTool: true });
		// New nodes get the last version; a defaultVersion would stop n8n from adding Custom API Call.
		expect(description.defaultVersion).toBeUndefined();
		expect(description.credentials).toEqual([{ name: 'ryzeApi', required: true }]);
		expect(`${packageJson.name}.${description.name}`).toBe('n8n-nodes-ryzeapi.ryzeApi');
	});

	it('has two main outputs named Success and Failure', () => {
		expect(description.inputs).toEqual([NodeConnectionTypes.Main]);
		expect(description.outputs).toEqual([NodeConnectionTypes.Main, NodeConnectionTypes.Main]);
		expect(description.outputNames).toEqual(['Success', 'Failure']);
	});

	// The lists come from the tables (ACTIONS, the resource index); the reviewed lists that name them are
	// test/unit/actions/group/manageParticipants/actions.test.ts and test/unit/actions/group/Group.resource.test.ts.
	it('offers the table’s actions, each saying the permission it needs', () => {
		const options = property('action')?.options as INodePropertyOptions[];
		expect(options.map((o) => o.value).sort()).toEqual([...PARTICIPANT_ACTIONS].sort());
		const byValue = Object.fromEntries(options.map((o) => [o.value, o.description ?? '']));
		for (const [value, spec] of Object.entries(ACTIONS) as Array<[string, ActionSpec]>) {
			expect({ value, hint: byValue[value] }).toEqual({
				value,
				hint: expect.stringMatching(spec.permission === 'superadmin' ? /super-admin/ : /admin/),
			});
			if (spec.target === 'pending-request')
				expect({ value, hint: byValue[value] }).toEqual({ value, hint: expect.stringMatching(/admin approval is on/) });
		}
	});

	it('offers the indexed operations, alphabetically, with actions for tool mode', () => {
		const offered = property('operation')?.options as INodePropertyOptions[];
		expect(offered.map((o) => o.value).sort()).toEqual(Object.keys(operations).sort());
		expect(offered.map((o) => o.name)).toEqual(offered.map((o) => o.name).sort((a, b) => a.localeCompare(b)));
		for (const option of offered)
			expect([option.value, option.action]).toEqual([option.value, operations[String(option.value)].option.action]);
		for (const option of offered) expect([option.value, typeof option.action]).toEqual([option.value, 'string']);
	});

	it("follows n8n's UX guidelines: actions in sentence case without articles, naming the group", () => {
		const actions = [
			...(property('operation')?.options as INodePropertyOptions[]),
			...(property('action')?.options as INodePropertyOptions[]),
		].map((o) => o.action ?? '');
		expect(actions).toHaveLength(Object.keys(operations).length + PARTICIPANT_ACTIONS.length);
		for (const action of actions) {
			expect(action).toMatch(/^[A-Z][a-z]+ [a-z ]+$/);
			expect(action).not.toMatch(/\b(a|an|the)\b/i);
			expect(action).toMatch(/\bgroup\b/);
		}
		const byLabel = (Object.entries(ACTIONS) as Array<[string, ActionSpec]>).sort(([, a], [, b]) => a.label.localeCompare(b.label));
		expect((property('action')?.options as INodePropertyOptions[]).map((o) => [o.value, o.action])).toEqual(
			byLabel.map(([value, spec]) => [value, spec.action]),
		);
	});

	it("follows n8n's UX guidelines for parameters: no unit in a name, booleans described with Whether", () => {
		type Param = { displayName?: string; type?: string; description?: string; options?: unknown[]; values?: unknown[] };
		const all: Param[] = [];
		const walk = (params: unknown[] | undefined) => {
			for (const p of (params ?? []) as Param[]) {
				if (p.displayName !== undefined) all.push(p);
				walk(p.options);
				walk(p.values);
			}
		};
		walk(description.properties);
		expect(all.length).toBeGreaterThan(15);
		expect(all.filter((p) => /\((ms|s)\)/i.test(p.displayName ?? '')).map((p) => p.displayName)).toEqual([]);
		expect(all.filter((p) => p.type === 'boolean' && !/^Whether /.test(p.description ?? '')).map((p) => p.displayName)).toEqual([]);
		for (const name of ['Timeout', 'Batch Interval', 'Max Wait on Rate Limit'])
			expect(all.filter((p) => p.displayName === name).every((p) => /in milliseconds/.test(p.description ?? ''))).toBe(true);
	});

	it('version 1 keeps Instance and Group as text; from 1.1 they are resource locators', () => {
		const shown = (name: string) =>
			description.properties.filter((p) => p.name === name).map((p) => [p.type, p.displayOptions?.show?.['@version'], p.default]);
		expect(shown('instance')).toEqual([
			['string', [1], ''],
			['resourceLocator', [{ _cnd: { gte: 1.1 } }], { mode: 'list', value: '' }],
		]);
		expect(shown('group')).toEqual([
			['string', [1], ''],
			['resourceLocator', [{ _cnd: { gte: 1.1 } }], { mode: 'list', value: '' }],
		]);
		const modes = (name: string) => description.properties.find((p) => p.name === name && p.type === 'resourceLocator')?.modes ?? [];
		expect(modes('instance').map((m) => [m.name, m.displayName, m.type])).toEqual([
			['list', 'From List', 'list'],
			['name', 'By Name', 'string'],
		]);
		expect(modes('group').map((m) => [m.name, m.displayName, m.type])).toEqual([
			['list', 'From List', 'list'],
			['id', 'By JID', 'string'],
			['invite', 'By Invite Link or Code', 'string'],
		]);
	});

	it('hides the Group field, in both versions, for the operations that name no group (List Groups, Create Group, Join Group)', () => {
		const group = description.properties.filter((p) => p.name === 'group');
		expect(group).toHaveLength(2);
		for (const field of group) expect(field.displayOptions?.hide).toEqual({ operation: ['listGroups', 'createGroup', 'joinGroup'] });
	});

	it('validates the typed group modes as n8n does (regex on the value)', () => {
		const modes = description.properties.find((p) => p.name === 'group' && p.type === 'resourceLocator')?.modes ?? [];
		const regexOf = (name: string) =>
			new RegExp((modes.find((m) => m.name === name)?.validation?.[0] as unknown as { properties: { regex: string } }).properties.regex);
		for (const ok of ['120363406289005073@g.us', '120363406289005073@G.US']) expect(regexOf('id').test(ok)).toBe(true);
		for (const bad of ['5511999999999@s.whatsapp.net', 'ABC123XYZ', '120363406289005073']) expect(regexOf('id').test(bad)).toBe(false);
		for (const ok of ['ABC123XYZ', 'https://chat.whatsapp.com/ABC123XYZ', 'https://www.chat.whatsapp.com/ABC123XYZ/'])
			expect(regexOf('invite').test(ok)).toBe(true);
		for (const bad of ['https://evil.example/ABC', 'ABC 123', '120363406289005073@g.us']) expect(regexOf('invite').test(bad)).toBe(false);
	});

	it('shows the invite-link options only for the action they belong to', () => {
		const options =
			description.properties.find((p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('manageParticipants'))
				?.options ?? [];
		const byName = Object.fromEntries(options.map((o) => [o.name, (o as { displayOptions?: unknown }).displayOptions]));
		expect(byName.attachInviteLink).toEqual({ show: { '/action': ['add'] } });
		expect(byName.resetInviteLink).toEqual({ show: { '/action': ['remove'] } });
		for (const name of ['sendInviteWhenBlocked', 'inviteMessage', 'maxInvitesPerRun'])
			expect(byName[name]).toEqual({ show: { '/action': ['add'] } });
	});

	it('has the parameters of the contract', () => {
		expect(property('resource')).toMatchObject({ type: 'options', noDataExpression: true, default: 'group' });
		expect(property('resource')?.options).toEqual([{ name: 'Group', value: 'group' }]);
		expect(property('operation')).toMatchObject({ noDataExpression: true, default: 'manageParticipants' });
		expect(property('instance')).toMatchObject({ type: 'string', default: '' });
		expect(property('group')).toMatchObject({ type: 'string', required: true });
		expect(property('participants')).toMatchObject({ type: 'string', required: true });
		expect(property('options')).toMatchObject({ type: 'collection' });
		expect((property('options')?.options ?? []).map((o) => o.name)).toContain('timeout');
	});

	it.each([1, 1.1, 1.2])(
		"version %s: a tool's description set automatically is its operation's action (n8n needs the Operation shown for a Resource); a saved node stores no resource",
		(typeVersion) => {
			for (const [value, operation] of Object.entries(operations)) {
				const node = {
					id: 'tool',
					name: 'RyzeAPI',
					type: 'n8n-nodes-ryzeapi.ryzeApiTool',
					typeVersion,
					position: [0, 0] as [number, number],
				};
				const saved = { operation: value };
				// n8n completes a saved node's parameters with their defaults (Workflow, the editor) before it describes the tool.
				const parameters = NodeHelpers.getNodeParameters(description.properties, saved, true, false, node, description) ?? {};
				expect(parameters.resource).toBe('group');
				const described = NodeHelpers.getToolDescriptionForNode({ ...node, parameters: { ...parameters, descriptionType: 'auto' } }, {
					description,
				} as INodeType);
				expect(described).toBe(`${operation.option.action} in RyzeAPI`);
				expect(NodeHelpers.getNodeParameters(description.properties, saved, false, false, node, description)).not.toHaveProperty(
					'resource',
				);
			}
		},
	);

	it('points at themed icons that exist', () => {
		expect(description.icon).toEqual({ light: 'file:ryzeApi.svg', dark: 'file:ryzeApi.dark.svg' });
	});
});

describe('credential', () => {
	it('has the fields and sends the token header', () => {
		expect(credential.name).toBe('ryzeApi');
		expect(credential.properties.map((p) => [p.name, p.default])).toEqual([
			['baseUrl', 'https://ryzeapi.cloud'],
			['token', ''],
			['instance', ''],
		]);
		expect(credential.properties[1].typeOptions).toEqual({ password: true });
		expect(credential.authenticate).toEqual({ type: 'generic', properties: { headers: { token: '={{$credentials.token}}' } } });
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
	});

	it('tests with an authenticated, side-effect-free request', () => {
		expect(credential.test.request).toMatchObject({
			method: 'GET',
			url: '/api/instance/list',
			qs: { instanceName: '={{$credentials.instance}}' },
		});
	});
});

describe('package.json', () => {
	it('is verifiable: no runtime dependencies, one peer', () => {
		expect(packageJson).not.toHaveProperty('dependencies');
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(packageJson.n8n).toEqual({
			n8nNodesApiVersion: 1,
			strict: true,
			credentials: ['dist/credentials/RyzeApi.credentials.js'],
			nodes: [
				'dist/nodes/RyzeApi/RyzeApi.node.js',
				'dist/nodes/RyzeApi/RyzeApiTrigger.node.js',
				'dist/nodes/RyzeApi/RyzeApiJoinRequestTrigger.node.js',
			],
		});
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.license).toBe('MIT');
		// npm adds package.json, the README and the licence itself: `npm pack --dry-run` lists those and dist/ only.
		expect(packageJson.files).toEqual(['dist', 'CHANGELOG.md']);
		expect(packageJson).not.toHaveProperty('main');
	});
});

describe('router', () => {
	it('points "Custom API Call" (added by n8n) to the HTTP Request node', async () => {
		const { runNode } = await import('../support/executeContext');
		await expect(
			runNode({
				credentials: { baseUrl: 'http://127.0.0.1:9', token: 'unused-token', instance: 'x' },
				params: { operation: '__CUSTOM_API_CALL__' },
			}),
		).rejects.toThrow('Custom API calls are made with the HTTP Request node');
	});
});

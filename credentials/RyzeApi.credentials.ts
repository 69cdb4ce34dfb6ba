import type { IAuthenticateGeneric, Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * RyzeAPI: base URL, token (TokenInstance or TokenAccount) and a default instance.
 * The token travels only in the `token` header that `authenticate` adds.
 */
export class RyzeApi implements ICredentialType {
	name = 'ryzeApi';

	displayName = 'Ryze API';

	icon: Icon = { light: 'file:ryzeApi.svg', dark: 'file:ryzeApi.dark.svg' };

	documentationUrl = 'https://docs.ryzeapi.cloud/en/guide/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://ryzeapi.cloud',
			placeholder: 'https://ryzeapi.cloud',
			description: 'Where RyzeAPI answers. Only http:// and https:// are accepted.',
			required: true,
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'A TokenInstance (recommended: it can act only on its own instance) or a TokenAccount (it can act on every instance of the account)',
			required: true,
		},
		{
			displayName: 'Instance',
			name: 'instance',
			type: 'string',
			default: '',
			placeholder: 'my-instance',
			description: "The instance name used when the node's Instance field is empty, and checked by the credential test",
			required: true,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				token: '={{$credentials.token}}',
			},
		},
	};

	// Authenticated and side-effect free: a wrong token answers 401, an unknown instance 404.
	// A redirect is not followed (the token header would go along to its host): the test fails instead.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/instance/list',
			method: 'GET',
			qs: { instanceName: '={{$credentials.instance}}' },
			disableFollowRedirect: true,
		},
	};
}

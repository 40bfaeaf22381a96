/**
 * The Octokit the double's tests drive: @octokit/core with pagination and the
 * REST methods, and deliberately without the retry and throttling plugins, so
 * a failure the double injects reaches the test as GitHub sent it.
 */
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';

import type { ContractCheck, OpenApiContract } from './openapi-contract.ts';

export const TestOctokit = Octokit.plugin(paginateRest, restEndpointMethods);
export type TestOctokit = InstanceType<typeof TestOctokit>;

export function octokitFor(baseUrl: string, auth?: string): TestOctokit {
  return new TestOctokit({ baseUrl, auth, log: { debug() {}, info() {}, warn() {}, error() {} } });
}

/** What the contract hook saw: every response checked, and every problem found. */
export interface ContractLog {
  checks: ContractCheck[];
  problems: string[];
}

/**
 * Checks every response this Octokit receives (successes and RequestErrors
 * alike) against the OpenAPI description, strictly for the double.
 */
export function enforceContract(octokit: TestOctokit, contract: OpenApiContract, options: { strict: boolean }): ContractLog {
  const log: ContractLog = { checks: [], problems: [] };
  const verify = (method: string, url: string, status: number, data: unknown) => {
    const path = new URL(url).pathname;
    const { operationId, problems } = contract.check(method, path, status, data, options);
    log.checks.push({ method, url, status, operationId });
    log.problems.push(...problems.map((problem) => `${method} ${path}: ${problem}`));
  };
  octokit.hook.wrap('request', async (request, endpoint) => {
    const method = String(endpoint.method);
    try {
      const response = await request(endpoint);
      verify(method, response.url, response.status, response.data);
      return response;
    } catch (error) {
      if (isRequestError(error) && error.response) verify(method, error.response.url, error.status, error.response.data);
      throw error;
    }
  });
  return log;
}

/** Octokit's RequestError (name `HttpError`), recognised by shape so a second copy of the class cannot hide one. */
export function isRequestError(
  error: unknown,
): error is Error & { status: number; response?: { url: string; status: number; headers: Record<string, string>; data: unknown } } {
  return error instanceof Error && error.name === 'HttpError' && typeof (error as { status?: unknown }).status === 'number';
}

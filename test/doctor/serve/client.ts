/**
 * Requests to the run task service as HCP Terraform makes them, for the tests: raw bodies, chosen
 * headers, no connection reuse.
 */
import * as http from 'http';
import { signBody } from '../../../src/doctor/serve/signature';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export function post(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Posts `payload` signed with `key`, as HCP Terraform does for a run task with an HMAC key. */
export function postSigned(url: string, payload: unknown, key: string): Promise<Answer> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return post(url, body, {
    'x-tfc-task-signature': signBody(body, key),
    'user-agent': 'TFC/1.0 (+https://app.terraform.io; TFC)',
  });
}

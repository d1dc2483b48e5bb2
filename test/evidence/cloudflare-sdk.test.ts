/**
 * evidence/cloudflare-sdk.ts types the part of the `cloudflare` SDK evidence
 * uses instead of loading the SDK's declarations. This checks, on a real
 * client of the installed SDK, that everything typed there exists as typed:
 * an SDK upgrade that renames a call or an error class fails here, by name.
 */
import { Cloudflare, ERROR_CLASSES } from '../../evidence/cloudflare-sdk';
import { cloudflareClient } from '../../evidence/observed';

describe('the typed part of the cloudflare SDK', () => {
  const client = cloudflareClient({
    apiToken: 'test-token-not-a-secret',
    baseURL: 'http://127.0.0.1:9/client/v4',
    timeoutMs: 1000,
    pacing: { expired: new AbortController().signal } as never,
  });

  it.each([
    ['zones.settings.get', client.zones.settings.get],
    ['rulesets.phases.get', client.rulesets.phases.get],
    ['dns.dnssec.get', client.dns.dnssec.get],
    ['dns.records.list', client.dns.records.list],
    ['addressing.regionalHostnames.list', client.addressing.regionalHostnames.list],
    ['originTLSClientAuth.settings.get', client.originTLSClientAuth.settings.get],
  ])('client.%s is a method of the SDK client', (_name, method) => {
    expect(typeof method).toBe('function');
  });

  it('the client is the SDK class itself', () => {
    expect(client).toBeInstanceOf(Cloudflare);
  });

  it.each(ERROR_CLASSES)('Cloudflare.%s is an error class of the SDK, an APIError with status and headers', (name) => {
    const ErrorClass = Cloudflare[name];
    expect(typeof ErrorClass).toBe('function');
    expect(ErrorClass.prototype).toBeInstanceOf(Error);
    expect(name === 'APIError' || ErrorClass.prototype instanceof Cloudflare.APIError).toBe(true);
  });

  it("an APIError carries the envelope's errors, the status and the headers evidence reads", () => {
    const APIError = Cloudflare.APIError as unknown as { generate(status: number, body: object, message: string | undefined, headers: Headers): unknown };
    const err = APIError.generate(403, { errors: [{ code: 9109, message: 'Unauthorized' }] }, undefined, new Headers({ 'retry-after': '1' }));
    expect(err).toBeInstanceOf(Cloudflare.PermissionDeniedError);
    expect(err).toMatchObject({ status: 403, errors: [{ code: 9109, message: 'Unauthorized' }] });
    expect((err as { headers: Headers }).headers.get('retry-after')).toBe('1');
  });
});

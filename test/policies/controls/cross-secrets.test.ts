import { isLiteralSecret, isSecretName, secretLiterals, tokenShapes } from '../../../policies/checks/cross/helpers/secrets';

describe('isSecretName', () => {
  it.each(['password', 'PGPASSWORD', 'MasterUserPassword', 'api_token', 'auth.password', 'tunnel_secret', 'SecretAccessKey', 'private_key', 'APIKey', 'client_secret'])(
    '%s is a credential name',
    (name) => expect(isSecretName(name)).toBe(true),
  );
  it.each(['secret_name', 'secret_key_ref', 'SecretStringTemplate', 'GenerateStringKey', 'tls.key', 'public_key', 'image_pull_secrets', 'tls_passthrough', 'token_ttl'])(
    '%s is not',
    (name) => expect(isSecretName(name)).toBe(false),
  );
});

describe('isLiteralSecret', () => {
  it.each(['${var.token}', '{{resolve:secretsmanager:x:SecretString:y}}', 'EV[1:abc:def]', '', 'true'])('%s stands for a value kept elsewhere', (v) =>
    expect(isLiteralSecret(v)).toBe(false),
  );
  it('a plain string is a literal', () => expect(isLiteralSecret('hunter2')).toBe(true));
});

describe('secretLiterals', () => {
  it('skips attributes the provider computes (a plan of existing infrastructure shows them)', () => {
    expect(secretLiterals('digitalocean_kubernetes_cluster', { kube_config: [{ token: 'abc', raw_config: 'x' }] })).toEqual([]);
    expect(secretLiterals('digitalocean_database_cluster', { password: 'abc' })).toEqual([]);
  });
  it('reads name/value pairs in either case (Kubernetes env, ECS Environment)', () => {
    const hits = secretLiterals('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [{ Environment: [{ Name: 'DB_PASSWORD', Value: 'hunter2' }, { Name: 'LOG_LEVEL', Value: 'info' }] }],
    });
    expect(hits.map((h) => h.path)).toEqual(['ContainerDefinitions[0].Environment[0].Value']);
  });
  it('never repeats the value it found', () => {
    const [hit] = secretLiterals('terraform_provider', { token: 'hunter2-secret-value' });
    expect(JSON.stringify(hit)).not.toContain('hunter2');
  });
});

describe('tokenShapes', () => {
  const clean = {
    zone_id: '023e105f4ecef8ad9ca31a8372d0c353',
    commit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
    uuid: 'c6a5b5f2-1d3e-4c1b-9a52-5d0f9e1b2a33',
    ssh: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureOnlyPublicKey admin@example.org',
    recipients: 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq',
    logical: { Ref: 'VaultBucketAutoDeleteObjectsCustomRes1A2B' },
    // A bare 40-character mixed-case value is what a Cloudflare token looks like: flagged.
    cloudflareShaped: 'Ab1'.repeat(14).slice(0, 40),
  };
  it('leaves hex digests, UUIDs, public keys, age recipients and logical ids alone', () => {
    expect(tokenShapes('AWS::S3::Bucket', clean).map((h) => h.path)).toEqual(['cloudflareShaped']);
  });
  it('finds a token inside a longer string and reports its path, not its value', () => {
    const token = `dop_v1_${'0a'.repeat(32)}`;
    const hits = tokenShapes('helm_release', { values: [`auth: "Bearer ${token}"`] });
    expect(hits).toEqual([{ path: 'values[0]', what: 'a DigitalOcean API token' }]);
  });
});

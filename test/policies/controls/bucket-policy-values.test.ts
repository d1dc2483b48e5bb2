import { bucketPrivate } from '../../../policies/checks/digitalocean/bucket-private';
import { res } from '../engine/build';

describe('TOM-IAM-02 on bucket policies it cannot read literally', () => {
  const policy = (value: unknown) => bucketPrivate(res('digitalocean_spaces_bucket_policy', 'p', { policy: value }));

  it('is unknown, not not-applicable, when the policy comes from an expression', () => {
    expect(policy('${data.aws_iam_policy_document.p.json}')).toMatchObject({ status: 'unknown', path: 'policy' });
  });

  it('fails a policy with duplicate keys: which Effect would S3 apply?', () => {
    const r = policy('{"Statement":[{"Effect":"Deny","Principal":"*","Effect":"Allow","Action":"s3:GetObject"}]}');
    expect(r).toMatchObject({ status: 'fail', path: 'policy' });
    expect(r.reason).toContain('duplicate key "Effect"');
  });

  it('still fails Principal "*" and passes a private policy', () => {
    expect(policy(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }] })).status).toBe('fail');
    expect(policy(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 's3:GetObject' }] })).status).toBe('pass');
  });
});

/** Edge cases of the AWS vault checks' CloudFormation readers. */
import { actionPattern, cfnText, isEveryone, statementsOf } from '../../../policies/checks/aws/helpers/cloudformation';

describe('actionPattern', () => {
  it('compares IAM actions case-insensitively with * and ? wildcards', () => {
    expect(actionPattern('S3:Delete*').test('s3:DeleteObjectVersion')).toBe(true);
    expect(actionPattern('s3:Put?bject').test('s3:PutObject')).toBe(true);
    expect(actionPattern('s3:Get*').test('s3:PutObject')).toBe(false);
    expect(actionPattern('s3:PutObject').test('s3:PutObjectRetention')).toBe(false);
  });
});

describe('cfnText', () => {
  it('renders intrinsic functions as text', () => {
    expect(cfnText({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Vault', 'Arn'] }, '/*']] })).toBe('${Vault.Arn}/*');
    expect(cfnText({ 'Fn::GetAtt': 'Vault.Arn' })).toBe('${Vault.Arn}');
    expect(cfnText({ 'Fn::Sub': ['arn:aws:s3:::${B}/*', { B: { Ref: 'Vault' } }] })).toBe('arn:aws:s3:::${B}/*');
    expect(cfnText({ Ref: 'Vault' })).toBe('${Vault}');
  });
});

describe('policy documents', () => {
  it('reads a single Statement object and a list alike', () => {
    expect(statementsOf({ Statement: { Effect: 'Allow' } }, 'PolicyDocument').map((s) => s.path)).toEqual(['PolicyDocument.Statement']);
    expect(statementsOf({ Statement: [{ Effect: 'Allow' }, 'junk', { Effect: 'Deny' }] }, 'P').map((s) => s.path)).toEqual(['P.Statement[0]', 'P.Statement[2]']);
    expect(statementsOf(undefined, 'P')).toEqual([]);
  });

  it('treats "*" and { AWS: "*" } (also in a list) as everyone, nothing else', () => {
    expect(isEveryone('*')).toBe(true);
    expect(isEveryone({ AWS: ['arn:aws:iam::111122223333:root', '*'] })).toBe(true);
    expect(isEveryone({ Service: 'logging.s3.amazonaws.com' })).toBe(false);
    expect(isEveryone({ AWS: 'arn:aws:iam::111122223333:root' })).toBe(false);
  });
});

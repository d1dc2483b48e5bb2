/** Values the catalogue entries of several aws controls share. */
export const BUCKETS = ['AWS::S3::Bucket'];
export const KEYS = ['AWS::KMS::Key'];

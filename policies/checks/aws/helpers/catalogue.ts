/** Values that the catalogue entries of several AWS controls share (resource types in `appliesTo`). */

export const BUCKETS = ['AWS::S3::Bucket'];
export const KEYS = ['AWS::KMS::Key'];

#!/usr/bin/env bash
# Provisions an AWS endpoint exactly as production is set up (see policies/ and docs/backup.md):
#   - primary bucket: versioning, Object Lock with a default retention, default encryption,
#     public access blocked, noncurrent versions to colder storage, incomplete multipart uploads cleaned up;
#   - replica bucket in a second region, versioned, and the replication configuration to it;
#   - the S3 -> SQS notification for documents/ (metadata extraction), standing in for S3 -> Lambda,
#     with a dead-letter queue after 5 failed receives (the vault's runner logs the last one);
#   - the KMS key the vault's signing key is backed up under (its alias is STRONGROOM_KEYS_KMS_KEY_ID);
#   - the CloudWatch Logs group for the audit trail.
#   deploy/local/provision.sh ENDPOINT_URL
# Bucket names and regions come from the same variables the vault reads. Safe to run twice.
# Only for an emulator: against AWS the CloudFormation templates in deploy/ do this.
set -euo pipefail

endpoint="${1:?usage: provision.sh ENDPOINT_URL}"
region="${STRONGROOM_AWS_REGION:-eu-central-1}"
bucket="${STRONGROOM_BACKUP_BUCKET:-strongroom-backup}"
replica="${STRONGROOM_BACKUP_REPLICA_BUCKET:-strongroom-backup-replica}"
replica_region="${STRONGROOM_BACKUP_REPLICA_REGION:-eu-west-1}"
retention_days="${STRONGROOM_BACKUP_DEFAULT_RETENTION_DAYS:-2557}"
queue="${STRONGROOM_DOCUMENTS_QUEUE:-strongroom-documents}"
max_receives="${STRONGROOM_METADATA_RUNNER_MAX_RECEIVES:-5}"
log_group="${STRONGROOM_AUDIT_LOG_GROUP:-/strongroom/audit}"
signing_key_alias="${STRONGROOM_KEYS_KMS_KEY_ID:-alias/strongroom-signing-key}"
account="123456789012"   # the emulator's fixed account id

aws_() { aws --endpoint-url "$endpoint" "$@"; }
exists_ok() { # runs a create call; an "already exists" answer is success
  local out
  if ! out="$("$@" 2>&1)"; then
    if grep -qE "BucketAlreadyOwnedByYou|ResourceAlreadyExists|QueueAlreadyExists" <<<"$out"; then return 0; fi
    echo "$out" >&2; return 1
  fi
}

echo "provision: primary bucket $bucket ($region)"
exists_ok aws_ --region "$region" s3api create-bucket --bucket "$bucket" --object-lock-enabled-for-bucket \
  --create-bucket-configuration "LocationConstraint=$region"
aws_ --region "$region" s3api put-bucket-versioning --bucket "$bucket" --versioning-configuration Status=Enabled
aws_ --region "$region" s3api put-object-lock-configuration --bucket "$bucket" --object-lock-configuration \
  "{\"ObjectLockEnabled\":\"Enabled\",\"Rule\":{\"DefaultRetention\":{\"Mode\":\"COMPLIANCE\",\"Days\":$retention_days}}}"
aws_ --region "$region" s3api put-bucket-encryption --bucket "$bucket" --server-side-encryption-configuration \
  '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}'
aws_ --region "$region" s3api put-public-access-block --bucket "$bucket" --public-access-block-configuration \
  BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
# The lifecycle rules of deploy/strongroom.yaml's PrimaryBucket, with its default days.
aws_ --region "$region" s3api put-bucket-lifecycle-configuration --bucket "$bucket" --lifecycle-configuration \
  '{"Rules":[{"ID":"noncurrent-versions-to-colder-storage","Status":"Enabled","Filter":{"Prefix":""},"NoncurrentVersionTransitions":[{"NoncurrentDays":30,"StorageClass":"STANDARD_IA"},{"NoncurrentDays":180,"StorageClass":"GLACIER"}]},{"ID":"abort-incomplete-multipart","Status":"Enabled","Filter":{"Prefix":""},"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7}}]}'

echo "provision: replica bucket $replica ($replica_region)"
exists_ok aws_ --region "$replica_region" s3api create-bucket --bucket "$replica" --object-lock-enabled-for-bucket \
  --create-bucket-configuration "LocationConstraint=$replica_region"
aws_ --region "$replica_region" s3api put-bucket-versioning --bucket "$replica" --versioning-configuration Status=Enabled
aws_ --region "$replica_region" s3api put-public-access-block --bucket "$replica" --public-access-block-configuration \
  BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
aws_ --region "$region" s3api put-bucket-replication --bucket "$bucket" --replication-configuration \
  "{\"Role\":\"arn:aws:iam::$account:role/strongroom-replication\",\"Rules\":[{\"ID\":\"everything\",\"Status\":\"Enabled\",\"Priority\":1,\"Filter\":{},\"DeleteMarkerReplication\":{\"Status\":\"Disabled\"},\"Destination\":{\"Bucket\":\"arn:aws:s3:::$replica\",\"StorageClass\":\"STANDARD\"}}]}"

echo "provision: S3 -> SQS notification for documents/ ($queue)"
aws_ --region "$region" sqs create-queue --queue-name "$queue-dlq" >/dev/null
aws_ --region "$region" sqs create-queue --queue-name "$queue" >/dev/null
queue_url="$(aws_ --region "$region" sqs get-queue-url --queue-name "$queue" --output text --query QueueUrl)"
aws_ --region "$region" sqs set-queue-attributes --queue-url "$queue_url" --attributes \
  "{\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":\\\"arn:aws:sqs:$region:$account:$queue-dlq\\\",\\\"maxReceiveCount\\\":\\\"$max_receives\\\"}\"}"
aws_ --region "$region" s3api put-bucket-notification-configuration --bucket "$bucket" --notification-configuration \
  "{\"QueueConfigurations\":[{\"Id\":\"documents-created\",\"QueueArn\":\"arn:aws:sqs:$region:$account:$queue\",\"Events\":[\"s3:ObjectCreated:*\"],\"Filter\":{\"Key\":{\"FilterRules\":[{\"Name\":\"prefix\",\"Value\":\"documents/\"}]}}}]}"

echo "provision: KMS key $signing_key_alias (envelope of the vault's signing key, docs/keys.md)"
if ! aws_ --region "$region" kms describe-key --key-id "$signing_key_alias" >/dev/null 2>&1; then
  signing_kms_key="$(aws_ --region "$region" kms create-key --description "Strongroom signing-key backup" \
    --query KeyMetadata.KeyId --output text)"
  aws_ --region "$region" kms create-alias --alias-name "$signing_key_alias" --target-key-id "$signing_kms_key"
fi

echo "provision: CloudWatch Logs group $log_group"
exists_ok aws_ --region "$region" logs create-log-group --log-group-name "$log_group"

echo "provision: done"

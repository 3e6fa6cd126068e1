#!/bin/bash
# Publishes a release for the hosts to install, run by a release publisher (the stack's ReleaseRole):
#
#   deploy/publish-release.sh VERSION TARBALL --bucket ARTIFACT_BUCKET --key RELEASE_KEY_ARN [--region REGION]
#
# Writes SHA256SUMS naming strongroom-VERSION.tar.gz, has KMS sign it with the release key
# (ECDSA_SHA_256; the private half never leaves KMS, and every signature is in CloudTrail), checks
# the signature with openssl as a host will, and uploads the three files to
# s3://ARTIFACT_BUCKET/releases/VERSION/. A version already published is refused: a release is
# never replaced, a new one gets a new version.
set -euo pipefail

usage() { echo "usage: deploy/publish-release.sh VERSION TARBALL --bucket BUCKET --key KEY_ARN [--region REGION]" >&2; exit 1; }
[[ $# -ge 2 ]] || usage
version="$1" tarball="$2"
shift 2
bucket="" key="" region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bucket) bucket="$2"; shift 2 ;;
    --key) key="$2"; shift 2 ;;
    --region) region="$2"; shift 2 ;;
    *) usage ;;
  esac
done
[[ -n "$bucket" && -n "$key" && -n "$region" ]] || usage
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z]+(\.[0-9A-Za-z]+)*)?$ ]] ||
  { echo "publish-release: '$version' is not a release version (MAJOR.MINOR.PATCH[-LABEL])" >&2; exit 1; }
[[ -f "$tarball" ]] || { echo "publish-release: no tarball at $tarball" >&2; exit 1; }
tar -tzf "$tarball" quarkus-app/quarkus-run.jar > /dev/null 2>&1 ||
  { echo "publish-release: $tarball holds no quarkus-app/quarkus-run.jar" >&2; exit 1; }

prefix="s3://$bucket/releases/$version/"
if [[ -n "$(aws s3 ls --region "$region" "$prefix")" ]]; then
  echo "publish-release: $prefix already holds a release; publish a new version instead" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
name="strongroom-$version.tar.gz"
cp "$tarball" "$work/$name"
(cd "$work" && sha256sum "$name" > SHA256SUMS)
aws kms sign --region "$region" --key-id "$key" --message "fileb://$work/SHA256SUMS" --message-type RAW \
  --signing-algorithm ECDSA_SHA_256 --query Signature --output text | base64 -d > "$work/SHA256SUMS.sig"
aws kms get-public-key --region "$region" --key-id "$key" --query PublicKey --output text | base64 -d > "$work/key.der"
openssl pkey -pubin -inform DER -in "$work/key.der" -out "$work/key.pem"
openssl dgst -sha256 -verify "$work/key.pem" -signature "$work/SHA256SUMS.sig" "$work/SHA256SUMS" > /dev/null ||
  { echo "publish-release: KMS returned a signature that does not verify; nothing was uploaded" >&2; exit 1; }

rm "$work/key.der" "$work/key.pem"
aws s3 cp --recursive --region "$region" --only-show-errors "$work/" "$prefix"
echo "publish-release: $prefix: $(cut -c1-16 "$work/SHA256SUMS")…  signed by $key"

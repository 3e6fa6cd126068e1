#!/bin/bash
# Installs, rolls back and reports the vault's releases on a host (/usr/local/sbin/strongroom-release;
# ops run it only through the stack's SSM documents, never a shell: deploy/README.md).
#
#   strongroom-release install VERSION   fetch releases/VERSION/ from the artifact bucket, check the
#                                        signature of its SHA256SUMS with the release key's public half
#                                        (from KMS) and the tarball's checksum, unpack it beside the
#                                        running release, switch to it and restart; keep it only if the
#                                        vault becomes ready, otherwise switch back to the release before
#   strongroom-release rollback          switch back to the previous release, restart, wait until ready
#   strongroom-release status            the current and the previous release, and what is unpacked
#
# Layout under STRONGROOM_RELEASE_ROOT (/opt/strongroom): releases/VERSION/ (the unpacked tarball:
# quarkus-app/, deploy/, rds-ca/), and the symlinks current and previous. The unit runs
# current/quarkus-app; the newest releases are kept, never current or previous.
#
# Settings come from STRONGROOM_RELEASE_CONFIG (/etc/strongroom/stack.env): STRONGROOM_AWS_REGION,
# STRONGROOM_RELEASE_BUCKET, STRONGROOM_RELEASE_KEY_ARN, QUARKUS_HTTP_PORT; and optionally
# STRONGROOM_RELEASE_READY_URL (http://127.0.0.1:$QUARKUS_HTTP_PORT/q/health/ready),
# STRONGROOM_RELEASE_READY_TIMEOUT (300 s), STRONGROOM_RELEASE_POLL_SECONDS (2),
# STRONGROOM_RELEASE_SERVICE (strongroom), STRONGROOM_RELEASE_KEEP (3).
#
# Exit status: 0 the release runs and is ready; 1 refused before anything changed (bad version,
# missing or tampered file, signature that does not verify); 2 the new release never became ready
# and the previous one runs again, ready; 3 no release became ready: the vault is down.
set -euo pipefail
umask 022

config="${STRONGROOM_RELEASE_CONFIG:-/etc/strongroom/stack.env}"
if [[ -f "$config" ]]; then
  set -a
  # shellcheck source=/dev/null
  . "$config"
  set +a
fi
root="${STRONGROOM_RELEASE_ROOT:-/opt/strongroom}"
service="${STRONGROOM_RELEASE_SERVICE:-strongroom}"
ready_url="${STRONGROOM_RELEASE_READY_URL:-http://127.0.0.1:${QUARKUS_HTTP_PORT:-8080}/q/health/ready}"
ready_timeout="${STRONGROOM_RELEASE_READY_TIMEOUT:-300}"
poll="${STRONGROOM_RELEASE_POLL_SECONDS:-2}"
keep="${STRONGROOM_RELEASE_KEEP:-3}"
# Semantic versions only: the version becomes a path and an S3 key, and arrives through SSM.
version_pattern='^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z]+(\.[0-9A-Za-z]+)*)?$'

say() { echo "strongroom-release: $*"; }
refuse() { echo "strongroom-release: $*; nothing was changed" >&2; exit 1; }

release_of() { # the version a symlink points at, or nothing
  local target
  target="$(readlink "$root/$1" 2>/dev/null || true)"
  echo "${target#releases/}"
}

point() { # point LINK VERSION: replaces the symlink atomically
  ln -sfn "releases/$2" "$root/.$1.new"
  mv -T "$root/.$1.new" "$root/$1"
}

ready() { # waits until the vault answers its readiness check with UP
  local deadline=$((SECONDS + ready_timeout)) body
  while ((SECONDS < deadline)); do
    if body="$(curl -fsS --max-time 5 "$ready_url" 2>/dev/null)" && [[ "$body" == *'"UP"'* ]]; then
      return 0
    fi
    sleep "$poll"
  done
  return 1
}

restart() { # a unit that fails at once is judged by the readiness wait like one that fails later
  systemctl restart "$service" || say "systemctl restart $service failed" >&2
}

show_log() { # the unit's last lines, when there is a journal to read
  journalctl -u "$service" -n 40 --no-pager 2>/dev/null | sed 's/^/  | /' >&2 || true
}

prune() { # keeps current, previous and the newest $keep releases
  local current previous name count=0
  current="$(release_of current)"
  previous="$(release_of previous)"
  while IFS= read -r name; do
    count=$((count + 1))
    if [[ "$name" != "$current" && "$name" != "$previous" ]] && ((count > keep)); then
      rm -rf -- "$root/releases/$name"
      say "removed old release $name"
    fi
  done < <(find "$root/releases" -mindepth 1 -maxdepth 1 -type d -printf '%T@ %f\n' | sort -rn | cut -d' ' -f2-)
}

fetch_and_verify() { # fetch_and_verify VERSION WORKDIR: leaves WORKDIR/unpacked, or refuses
  local version="$1" work="$2" tarball="strongroom-$1.tar.gz" line
  : "${STRONGROOM_AWS_REGION:?not set in $config}" "${STRONGROOM_RELEASE_BUCKET:?not set in $config}"
  : "${STRONGROOM_RELEASE_KEY_ARN:?not set in $config}"
  aws s3 cp --recursive --only-show-errors --region "$STRONGROOM_AWS_REGION" \
    --exclude '*' --include SHA256SUMS --include SHA256SUMS.sig --include "$tarball" \
    "s3://$STRONGROOM_RELEASE_BUCKET/releases/$version/" "$work/" ||
    refuse "could not fetch s3://$STRONGROOM_RELEASE_BUCKET/releases/$version/"
  for file in SHA256SUMS SHA256SUMS.sig "$tarball"; do
    [[ -s "$work/$file" ]] || refuse "s3://$STRONGROOM_RELEASE_BUCKET/releases/$version/$file is missing"
  done
  aws kms get-public-key --region "$STRONGROOM_AWS_REGION" --key-id "$STRONGROOM_RELEASE_KEY_ARN" \
    --query PublicKey --output text | base64 -d > "$work/release-key.der" ||
    refuse "could not read the public key of $STRONGROOM_RELEASE_KEY_ARN"
  openssl pkey -pubin -inform DER -in "$work/release-key.der" -out "$work/release-key.pem" 2>/dev/null ||
    refuse "$STRONGROOM_RELEASE_KEY_ARN returned no usable public key"
  openssl dgst -sha256 -verify "$work/release-key.pem" -signature "$work/SHA256SUMS.sig" "$work/SHA256SUMS" \
    > /dev/null 2>&1 || refuse "the signature of SHA256SUMS for $version does not verify with $STRONGROOM_RELEASE_KEY_ARN"
  # The signed file must name this very tarball: a signed older release copied under a new version is refused.
  line="$(grep -E "^[0-9a-f]{64}  ${tarball//./[.]}\$" "$work/SHA256SUMS" || true)"
  [[ -n "$line" && "$(wc -l <<< "$line")" -eq 1 ]] || refuse "the signed SHA256SUMS does not name $tarball"
  (cd "$work" && sha256sum --check --strict --quiet - <<< "$line") > /dev/null 2>&1 ||
    refuse "$tarball does not match the checksum its signed SHA256SUMS gives"
  mkdir "$work/unpacked"
  tar -xzf "$work/$tarball" -C "$work/unpacked" --no-same-owner --no-same-permissions ||
    refuse "$tarball does not unpack"
  [[ -f "$work/unpacked/quarkus-app/quarkus-run.jar" ]] || refuse "$tarball holds no quarkus-app/quarkus-run.jar"
  chmod -R u=rwX,go=rX "$work/unpacked"
}

install_release() {
  local version="$1" old work
  [[ "$version" =~ $version_pattern ]] || refuse "'$version' is not a release version (MAJOR.MINOR.PATCH[-LABEL])"
  old="$(release_of current)"
  if [[ "$old" == "$version" ]]; then
    say "$version is already the current release"
    ready && exit 0
    say "but the vault is not ready at $ready_url" >&2
    exit 3
  fi
  mkdir -p "$root/releases"
  work="$(mktemp -d "$root/.incoming.XXXXXX")"
  trap 'rm -rf -- "$work"' EXIT
  fetch_and_verify "$version" "$work"
  say "$version: signature and checksum verified"
  rm -rf -- "${root:?}/releases/$version"
  mv "$work/unpacked" "$root/releases/$version"
  point current "$version"
  restart
  if ready; then
    [[ -n "$old" ]] && point previous "$old"
    prune
    say "$version runs and is ready${old:+ (previous: $old, for strongroom-release rollback)}"
    exit 0
  fi
  say "$version did not become ready within ${ready_timeout}s" >&2
  show_log
  if [[ -z "$old" ]]; then
    say "there is no earlier release to go back to: the vault is down" >&2
    exit 3
  fi
  point current "$old"
  restart
  if ready; then
    say "rolled back to $old, which is ready again; $version stays unpacked for inspection" >&2
    exit 2
  fi
  say "rolled back to $old, but it did not become ready either: the vault is down" >&2
  show_log
  exit 3
}

rollback_release() {
  local current previous
  current="$(release_of current)"
  previous="$(release_of previous)"
  [[ -n "$previous" && -d "$root/releases/$previous" ]] || refuse "there is no previous release to roll back to"
  point current "$previous"
  point previous "$current"
  restart
  if ready; then
    say "rolled back from $current to $previous, which is ready"
    exit 0
  fi
  say "$previous did not become ready within ${ready_timeout}s: the vault is down; 'install $current' brings it back" >&2
  show_log
  exit 3
}

status() {
  say "current: $(release_of current)"
  say "previous: $(release_of previous)"
  say "unpacked: $(find "$root/releases" -mindepth 1 -maxdepth 1 -type d -printf '%f ' 2>/dev/null)"
}

command="${1:-}"
case "$command" in
  install | rollback)
    mkdir -p "$root"
    exec 9> "$root/.release.lock"
    flock -n 9 || refuse "another strongroom-release is running"
    if [[ "$command" == install ]]; then
      [[ $# -eq 2 ]] || refuse "usage: strongroom-release install VERSION"
      install_release "$2"
    else
      [[ $# -eq 1 ]] || refuse "usage: strongroom-release rollback"
      rollback_release
    fi
    ;;
  status) status ;;
  *) refuse "usage: strongroom-release install VERSION | rollback | status" ;;
esac

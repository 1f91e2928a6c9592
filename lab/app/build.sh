#!/usr/bin/env bash
# Builds the lab's shop image and ships it to the lab's app hosts (docs/lab.md, "The shop's image"):
#
#   lab/app/build.sh [STATE_DIR]        (default .prov/lab; run as root on the machine that runs the lab)
#
# 1. builds prov-lab/pretix:latest from lab/app/Dockerfile on the lab's base image, with the dockerd the lab uses,
#    on the lab's network so that apt reaches the lab's apt-cacher-ng (the lab has no registry and no way out);
#    skipped when the image was built from the same Dockerfile, shop.py and base image;
# 2. saves it to STATE_DIR/app-image.tar (skipped when that archive holds the same image);
# 3. copies the archive to /var/cache/prov/app-image.tar on every host of the lab's group "app", over SSH with
#    the lab key and the lab's known_hosts (skipped on a host whose copy has the same sha256).
#
# The site (with lab/inventory/) then loads the archive with docker_image (source: load).
# Environment: APP_IMAGE (default prov-lab/pretix:latest), APP_GROUP (default app), BUILD_TIMEOUT (s, default 1800).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
image=${APP_IMAGE:-prov-lab/pretix:latest}
group=${APP_GROUP:-app}
build_timeout=${BUILD_TIMEOUT:-1800}
remote_archive=/var/cache/prov/app-image.tar
inputs_label=prov.lab.app-inputs
apt_proxy_port=3142

say() { printf 'app-image: %s\n' "$*"; }
die() { printf 'app-image: error: %s\n' "$*" >&2; exit 1; }

if (($# > 1)); then
  die "usage: $0 [STATE_DIR]   (the lab's state directory, default .prov/lab)"
fi
state_arg=${1:-.prov/lab}
[[ -d $state_arg ]] || die "$state_arg: no such directory; bring the lab up first (prov lab up --layout inventory/site.yml), or give its --state-dir"
state=$(cd "$state_arg" && pwd)
lab_json=$state/lab.json
key=$state/id_ed25519
known_hosts=$state/known_hosts
archive=$state/app-image.tar
archive_id_file=$state/app-image.id
for file in "$lab_json" "$key" "$known_hosts"; do
  [[ -f $file ]] || die "$file is missing; is $state a lab's state directory? run 'prov lab up' first"
done

for program in docker ssh sha256sum python3 timeout; do
  command -v "$program" >/dev/null || die "$program is not installed (apt-get install -y docker.io openssh-client coreutils python3)"
done

# --- what the lab is: base image, network, gateway and the app hosts, from STATE/lab.json -----------------------
lab_facts=$(python3 - "$lab_json" "$group" <<'PY'
import json, sys
path, group = sys.argv[1], sys.argv[2]
try:
    with open(path, encoding="utf-8") as f:
        lab = json.load(f)
except (OSError, ValueError) as e:
    sys.exit(f"{path}: cannot read the lab state ({e})")
for name in ("image", "networkName", "gateway"):
    if not lab.get(name):
        sys.exit(f"{path}: no '{name}' recorded; run 'prov lab up' until it finishes")
print("base", lab["image"])
print("network", lab["networkName"])
print("gateway", lab["gateway"])
for host in lab.get("hosts") or []:
    if host.get("group") == group:
        print("host", host["name"], host["address"])
PY
) || die "reading $lab_json failed (see above)"

base='' network='' gateway=''
hosts=() addresses=()
while read -r kind first second; do
  case $kind in
    base) base=$first ;;
    network) network=$first ;;
    gateway) gateway=$first ;;
    host) hosts+=("$first"); addresses+=("$second") ;;
  esac
done <<<"$lab_facts"
((${#hosts[@]})) || die "the lab in $state has no host in group '$group'; bring it up with --layout inventory/site.yml"

# --- the lab's dockerd ---------------------------------------------------------------------------------------------
docker_version=$(timeout 15 docker version --format '{{.Server.Version}}' 2>/dev/null) \
  || die "no dockerd answers; 'prov lab up' starts the lab's (or start yours), then run this again"
say "dockerd $docker_version; lab network $network, apt proxy http://$gateway:$apt_proxy_port; base image $base"
timeout 15 docker image inspect --format '{{.Id}}' "$base" >/dev/null 2>&1 \
  || die "the lab's base image $base is not in Docker; run 'prov lab up' (it imports the image)"
timeout 15 docker network inspect --format '{{.Id}}' "$network" >/dev/null 2>&1 \
  || die "the lab's network $network does not exist; run 'prov lab up' (it repairs the lab)"

# --- 1. build, unless the image was made from the same inputs -----------------------------------------------------
inputs=$( { printf 'base %s\n' "$base"; sha256sum "$here/Dockerfile" "$here/shop.py" | sed "s|$here/||"; } | sha256sum | cut -c1-16)
current_inputs=$(timeout 15 docker image inspect --format "{{ index .Config.Labels \"$inputs_label\" }}" "$image" 2>/dev/null || true)
if [[ $current_inputs == "$inputs" ]]; then
  say "$image is up to date (inputs $inputs); not rebuilt"
else
  context=$(mktemp -d "${TMPDIR:-/tmp}/prov-lab-app-image.XXXXXX")
  trap 'rm -rf "$context"' EXIT
  cp "$here/Dockerfile" "$here/shop.py" "$context/"
  say "building $image (inputs $inputs) on network $network; this takes a minute or two"
  # The classic builder runs RUN steps on a user-defined network (BuildKit allows only host/none/default), and the
  # lab's network is the only one whose containers may reach the apt proxy on the gateway.
  if ! DOCKER_BUILDKIT=0 timeout "$build_timeout" docker build \
      --network "$network" \
      --build-arg "BASE_IMAGE=$base" \
      --build-arg "APT_PROXY=http://$gateway:$apt_proxy_port" \
      --label "$inputs_label=$inputs" \
      --tag "$image" \
      "$context"; then
    die "docker build failed (output above). If apt-get could not connect, check 'prov lab status' (apt-cacher-ng) and $state/apt-cacher-ng/log/apt-cacher.err"
  fi
fi
image_id=$(timeout 15 docker image inspect --format '{{.Id}}' "$image") || die "the image $image is missing after the build"

# --- 2. save, unless the archive already holds this image ----------------------------------------------------------
if [[ -f $archive && -f $archive_id_file && $(<"$archive_id_file") == "$image_id" ]]; then
  say "$archive already holds $image ($image_id)"
else
  say "saving $image to $archive"
  rm -f "$archive_id_file"
  timeout 600 docker save --output "$archive.tmp" "$image" || { rm -f "$archive.tmp"; die "docker save $image failed"; }
  mv -f "$archive.tmp" "$archive"
  printf '%s\n' "$image_id" >"$archive_id_file"
fi
sum=$(sha256sum "$archive" | cut -d' ' -f1)

# --- 3. ship to each app host, unless its copy is the same ---------------------------------------------------------
ssh_options=(-i "$key" -o "UserKnownHostsFile=$known_hosts" -o StrictHostKeyChecking=yes -o BatchMode=yes
  -o ConnectTimeout=10 -o ServerAliveInterval=15 -o ServerAliveCountMax=4 -o LogLevel=ERROR)
failed=()
for i in "${!hosts[@]}"; do
  host=${hosts[$i]} address=${addresses[$i]}
  remote=$(timeout 60 ssh "${ssh_options[@]}" "root@$address" "sha256sum $remote_archive 2>/dev/null || true") \
    || { say "$host ($address): ssh failed; is sshd up ('prov lab status')?"; failed+=("$host"); continue; }
  if [[ ${remote%% *} == "$sum" ]]; then
    say "$host: $remote_archive is current"
    continue
  fi
  say "$host: copying $archive ($(du -h "$archive" | cut -f1)) to $remote_archive"
  if timeout 600 ssh "${ssh_options[@]}" "root@$address" \
      "set -e; mkdir -p ${remote_archive%/*}; cat > $remote_archive.tmp; [ \"\$(sha256sum < $remote_archive.tmp | cut -d' ' -f1)\" = $sum ] || { rm -f $remote_archive.tmp; echo 'the copy does not match its sha256' >&2; exit 1; }; mv -f $remote_archive.tmp $remote_archive" \
      <"$archive"; then
    say "$host: done"
  else
    say "$host: copying failed (see above)"
    failed+=("$host")
  fi
done

((${#failed[@]} == 0)) || die "not shipped to: ${failed[*]}; fix that and run $0 again (hosts already current are skipped)"
say "$image ($image_id) is at $remote_archive on: ${hosts[*]}"
say "next: prov apply playbooks/site.yml -i inventory/ -i $state/inventory.yml -i lab/inventory/"

# Shared by bench/run.sh and bench/fanout/run.sh (source it): the Debian packages a bench needs and the binaries it
# measures.

# bench_install PACKAGE...: installs from Debian those of these packages whose program or header is missing.
bench_install() {
  local need=() package
  for package in "$@"; do
    case "$package" in
      ansible-core) command -v ansible-playbook >/dev/null || need+=("$package") ;;
      clang) command -v clang >/dev/null || need+=("$package") ;;
      zlib1g-dev) [ -e /usr/include/zlib.h ] || need+=("$package") ;;
      openssh-server) [ -x /usr/sbin/sshd ] || need+=("$package") ;;
      *) dpkg -s "$package" >/dev/null 2>&1 || need+=("$package") ;;
    esac
  done
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -q
    apt-get install -y -q "${need[@]}"
  fi
}

# bench_binaries REPO OUT: sets `prov` and `agent` to the binaries to measure: PROV_BIN and PROV_AGENT_BIN when
# given, otherwise published with Native AOT into OUT/prov and OUT/agent. Exports BENCH_PROV_BUILD and
# BENCH_AGENT_BUILD, which the reports quote to say which builds they measured.
bench_binaries() {
  local repo=$1 out=$2
  prov="${PROV_BIN:-}"
  agent="${PROV_AGENT_BIN:-}"
  export BENCH_PROV_BUILD="prov: dotnet publish src/Provisioner.Cli -c Release -r linux-x64 -p:PublishAot=true"
  export BENCH_AGENT_BUILD="prov-agent: dotnet publish agent/Provisioner.Agent -c Release -r linux-x64 (PublishAot in its project)"
  if [ -z "$prov" ]; then
    echo "bench: publishing prov (Native AOT) into $out/prov"
    dotnet publish "$repo/src/Provisioner.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$out/prov" -v q -nologo
    prov="$out/prov/prov"
  else
    prov=$(realpath "$prov")
    BENCH_PROV_BUILD="prov: $prov (given as PROV_BIN; built with: ${BENCH_PROV_BUILD#prov: })"
  fi
  if [ -z "$agent" ]; then
    echo "bench: publishing prov-agent (Native AOT) into $out/agent"
    dotnet publish "$repo/agent/Provisioner.Agent" -c Release -r linux-x64 -o "$out/agent" -v q -nologo
    agent="$out/agent/prov-agent"
  else
    agent=$(realpath "$agent")
    BENCH_AGENT_BUILD="prov-agent: $agent (given as PROV_AGENT_BIN; built with: ${BENCH_AGENT_BUILD#prov-agent: })"
  fi
}

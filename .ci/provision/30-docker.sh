# Docker engine for the real-container tests. Sourced by .ci/run: when no engine answers, install
# docker.io from Debian (if missing) and start dockerd in the background, then wait (bounded) until it answers.
docker_answers() { docker info >/dev/null 2>&1; }
if ! docker_answers; then
  if ! command -v dockerd >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends docker.io >/dev/null || return 1
  fi
  mkdir -p /var/log
  echo "starting dockerd (log: /var/log/pgha-dockerd.log)"
  nohup dockerd >/var/log/pgha-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker_answers && break
    sleep 1
  done
  if ! docker_answers; then
    echo "dockerd did not answer within 60 s; last log lines:"
    tail -n 20 /var/log/pgha-dockerd.log
    return 1
  fi
fi
docker version --format 'docker engine {{.Server.Version}} answers' || return 1

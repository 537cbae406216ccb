# Shared by the scripts that measure against nginx; source it, do not run it.
#
#   need_tools nginx-light wrk ...   installs the Debian packages whose commands are missing
#   free_port                        prints a free TCP port on 127.0.0.1
#   nginx_start WORK CERT KEY PATH BODY [ACCESS_LOG_DIRECTIVES]
#                                    serves BODY at PATH over HTTPS on 127.0.0.1:$nginx_port,
#                                    keep-alive unlimited; sets nginx_pid, nginx_port, nginx_url

need_tools() {
  local need=() pkg cmd
  for pkg in "$@"; do
    case "$pkg" in
      nginx-light) cmd=nginx ;;
      apache2-utils) cmd=ab ;;
      *) cmd=$pkg ;;
    esac
    command -v "$cmd" >/dev/null || need+=("$pkg")
  done
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

nginx_start() {
  local work=$1 cert=$2 key=$3 path=$4 body=$5 log=${6:-access_log off;}
  nginx_port=$(free_port)
  mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
  chmod 755 "$work"; chmod 644 "$body"   # nginx's workers run as www-data
  cat > "$work/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  $log
  client_body_temp_path $work/nginx/tmp;
  keepalive_requests 10000000;
  keepalive_timeout 75s;
  server {
    listen 127.0.0.1:$nginx_port ssl;
    ssl_certificate $cert;
    ssl_certificate_key $key;
    ssl_protocols TLSv1.2 TLSv1.3;
    location = $path { default_type application/json; alias $body; }
  }
}
CONF
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
  nginx_pid=$!
  nginx_url="https://127.0.0.1:$nginx_port"
  for _ in $(seq 1 50); do curl -s -o /dev/null -k "$nginx_url$path" && return 0; sleep 0.1; done
  echo "nginx did not start: $(cat "$work/nginx/logs/error.log")" >&2
  return 1
}

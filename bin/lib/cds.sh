# Class-data-sharing (JDK AppCDS) archives for the launchers in bin/, sourced by them (POSIX sh).
# An archive belongs to one jar: it is keyed by the jar's size and mtime, so a rebuilt jar never
# uses a stale one. It is built once, under a lock directory, by a builder the launcher gives;
# until it exists, or if it cannot be written, commands just run without it.

# cds_key JAR: the jar's size and mtime, or nothing when neither stat flavour answers.
cds_key() {
  stat -c '%s-%Y' "$1" 2>/dev/null || stat -f '%z-%m' "$1" 2>/dev/null || true
}

# cds_build_once ARCHIVE MODE BUILDER [ARGS...]: unless ARCHIVE exists (or its directory is not
# writable), runs `BUILDER ARGS` in a subshell, once: a lock directory ARCHIVE.lock keeps
# concurrent launchers out, and one left by a killed build is retried after ten minutes. MODE
# `wait` builds in the foreground; anything else in the background. The builder must remove the
# lock when it ends (cds_scratch arranges that).
cds_build_once() {
  cds_archive=$1
  cds_mode=$2
  shift 2
  [ ! -f "$cds_archive" ] && [ -w "$(dirname "$cds_archive")" ] || return 0
  find "$cds_archive.lock" -maxdepth 0 -mmin +10 -exec rmdir {} \; 2>/dev/null || true
  mkdir "$cds_archive.lock" 2>/dev/null || return 0
  if [ "$cds_mode" = wait ]; then
    ("$@") </dev/null >/dev/null 2>&1 || true
  else
    ("$@") </dev/null >/dev/null 2>&1 &
  fi
}

# cds_scratch LOCK NAME: sets $scratch to a new temporary directory; it and the lock directory
# LOCK go away when the (builder's) subshell exits. False when no directory can be made.
cds_scratch() {
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/$2.XXXXXX") || { rmdir "$1"; return 1; }
  cds_lock=$1
  trap 'rm -rf "$scratch"; rmdir "$cds_lock" 2>/dev/null' EXIT
}

# cds_prune KEEP... -- OLD...: removes each OLD archive (earlier jars') that is not a KEEP.
cds_prune() {
  cds_keep=
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    cds_keep="$cds_keep
$1"
    shift
  done
  [ $# -gt 0 ] && shift
  for cds_old in "$@"; do
    case "$cds_keep
" in *"
$cds_old
"*) ;; *) rm -f "$cds_old" ;; esac
  done
}

# cds_options ARCHIVE: the JVM options that use ARCHIVE when it exists (nothing otherwise). A JVM
# that cannot use it (another JDK) runs without it; the logging options keep that quiet.
cds_options() {
  [ -f "$1" ] && echo "-XX:SharedArchiveFile=$1 -Xlog:cds=off,cds+dynamic=off" || true
}

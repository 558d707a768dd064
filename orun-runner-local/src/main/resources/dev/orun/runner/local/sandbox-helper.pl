# orun's sandbox helper (see docs/decisions/isolation-namespaces.md). Started once per run by the
# local runner; runs every isolated step of the run with system calls instead of a chain of
# programs (unshare, sh, mount, mount, unshare), because on many machines starting a program costs
# far more than the namespaces and mounts themselves.
#
#   perl -e SCRIPT SOCKET UID GID SYS_CLONE SYS_MOUNT SYS_PRCTL SYS_UNSHARE SYS_EXECVE SYS_SETSID SYS_EXIT SYS_DUP3
#
# At start it enters a session and a user namespace of its own, in which it may mount (uid and gid
# mapped to themselves). Then it reads requests on stdin ("<length>\n" and that many bytes,
# NUL-separated):
#
#   R token root overlay-options directory hidden-count hidden... argument-count arguments... environment...
#     connects to SOCKET and sends the token (the step's output goes there), then clones one child
#     in new mount and PID namespaces, which becomes the step itself (its PID 1): it mounts the
#     overlay on the root's own path, an empty read-only tmpfs on each hidden directory and a
#     fresh /proc, gives up every capability (securebits NOROOT, ambient set cleared) and execs
#     the command. When it ends, the kernel kills whatever else is left in its PID namespace.
#   K token signal
#     sends the signal to the step's PID 1 (orun cannot stop a PID 1 itself; see HelperStep) and
#     answers "K <token> 0" once it has.
#
# Answers on the control channel (stdout): "R" once ready, "S <token> <pid>" once a step is
# cloned, "E <token> <status>" once it has ended (this process reaps its steps, so a token's pid is
# never another process's). One fork per step; no module is loaded, so the process that every step
# is cloned from stays small (the cost of a fork grows with it).
use strict;

my ($socket_path, $uid, $gid, $SYS_clone, $SYS_mount, $SYS_prctl, $SYS_unshare, $SYS_execve, $SYS_setsid,
    $SYS_exit, $SYS_dup3) = @ARGV;
use constant {
    CLONE_NEWNS => 0x00020000, CLONE_NEWUSER => 0x10000000, CLONE_NEWPID => 0x20000000,
    SIGCHLD => 17, MS_RDONLY => 1, MS_NOSUID => 2, MS_NODEV => 4, MS_NOEXEC => 8,
    MS_REC => 0x4000, MS_PRIVATE => 1 << 18, PR_SET_PDEATHSIG => 1, PR_SET_SECUREBITS => 28,
    PR_CAP_AMBIENT => 47, PR_CAP_AMBIENT_CLEAR_ALL => 4, SETUP_FAILED => 125, WNOHANG => 1,
    AF_UNIX => 1, SOCK_STREAM => 1,
};

sub write_file {
    my ($file, $text) = @_;
    open(my $h, '>', $file) or return 0;
    return defined syswrite($h, $text);
}

open(my $control, '>&', \*STDOUT) or die "orun sandbox helper: no control channel: $!\n";
open(STDOUT, '>', '/dev/null');
open(my $null_handle, '<', '/dev/null') or die "orun sandbox helper: no /dev/null: $!\n";
my $null = fileno($null_handle);
# A session of its own, which its steps inherit: a terminal's Ctrl-C is orun's to act on (it stops
# the steps), and no step can reach orun's terminal.
syscall($SYS_setsid);
$SIG{CHLD} = sub { };    # a step ended: wakes the select below (exec resets a handled signal)
# the strings the clones pass to mount(2), made once (syscall may write into its arguments)
my ($none, $slash, $workspace, $overlay, $tmpfs, $proc, $proc_dir, $hider, $hiding) =
    (0, '/', 'orun-workspace', 'overlay', 'tmpfs', 'proc', '/proc', 'orun-hidden', 'size=4k,mode=555');

syscall($SYS_unshare, CLONE_NEWUSER) >= 0 or die "orun sandbox helper: cannot create a user namespace: $!\n";
write_file('/proc/self/setgroups', 'deny');
write_file('/proc/self/uid_map', "$uid $uid 1") or die "orun sandbox helper: cannot map uid $uid: $!\n";
write_file('/proc/self/gid_map', "$gid $gid 1") or die "orun sandbox helper: cannot map gid $gid: $!\n";
syswrite($control, "R\n");

sub quit { my ($code) = @_; syscall($SYS_exit, $code); }

sub fail { my ($message) = @_; syswrite(STDERR, "orun: $message\n"); quit(SETUP_FAILED); }

# The clone's side: set the namespace up and become the step. Everything that can be prepared is
# prepared before the clone (the output connection, the packed arguments), and the clone runs as
# few statements as possible, all of them system calls: every page the clone writes before exec is
# a copy of the helper's, and copying pages is most of what a fork costs.
sub become_step {
    my ($output, $root, $layers, $dir, $hidden, $arguments, $variables, $program) = @_;
    syscall($SYS_dup3, $output, 1, 0) >= 0 or quit(SETUP_FAILED);
    syscall($SYS_dup3, $output, 2, 0) >= 0 or quit(SETUP_FAILED);
    syscall($SYS_dup3, $null, 0, 0);
    syscall($SYS_prctl, PR_SET_PDEATHSIG, 9, 0, 0, 0);
    syscall($SYS_mount, $none, $slash, $none, MS_REC | MS_PRIVATE, $none) >= 0
        or fail("cannot make mounts private: $!");
    syscall($SYS_mount, $workspace, $root, $overlay, 0, $layers) >= 0
        or fail("cannot mount the workspace overlay on $root: $!");
    for my $path (@$hidden) {
        syscall($SYS_mount, $hider, $path, $tmpfs, MS_RDONLY | MS_NOSUID | MS_NODEV, $hiding) >= 0
            or fail("cannot hide $path: $!");
    }
    syscall($SYS_mount, $proc, $proc_dir, $proc, MS_NOSUID | MS_NODEV | MS_NOEXEC, $none) >= 0
        or fail("cannot mount /proc: $!");
    chdir($dir) or fail("working directory $dir does not exist");
    syscall($SYS_prctl, PR_SET_SECUREBITS, 3, 0, 0, 0);    # NOROOT | NOROOT_LOCKED
    syscall($SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    # execve itself: the arguments and environment as they came, no copy into %ENV first
    syscall($SYS_execve, $program, $arguments, $variables);
    fail("cannot start $program: $!");
}

my %token_of;    # a running step's pid -> its token
my %pid_of;      # and back

sub reap {
    while ((my $pid = waitpid(-1, WNOHANG)) > 0) {
        my $status = $?;
        my $token = delete $token_of{$pid};
        next unless defined $token;
        delete $pid_of{$token};
        my $code = ($status & 127) ? 128 + ($status & 127) : $status >> 8;
        syswrite($control, "E $token $code\n");
    }
}

sub serve {
    my ($request) = @_;
    my @fields = split(/\0/, $request, -1);
    my $kind = shift @fields;
    if ($kind eq 'K') {
        my ($token, $signal) = @fields;
        my $pid = $pid_of{$token};
        kill($signal, $pid) if $pid;
        syswrite($control, "K $token 0\n");    # sent: orun may go on stopping the step's other processes
        return;
    }
    my ($token, $root, $layers, $dir, $hidden_count) = splice(@fields, 0, 5);
    my @hidden = splice(@fields, 0, $hidden_count);
    my $argument_count = shift @fields;
    my @command = splice(@fields, 0, $argument_count);
    my $arguments = pack('p*', @command) . pack('Q', 0);
    my $variables = pack('p*', @fields) . pack('Q', 0);
    my $pid = -1;
    if (socket(my $output, AF_UNIX, SOCK_STREAM, 0)) {    # close-on-exec: only the copies on 1 and 2 reach the step
        if (connect($output, pack('S', AF_UNIX) . $socket_path . "\0") && defined syswrite($output, "$token\n")) {
            $pid = syscall($SYS_clone, CLONE_NEWNS | CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
            if ($pid == 0) {
                become_step(fileno($output), $root, $layers, $dir, \@hidden, $arguments, $variables, $command[0]);
            }
        }
        close($output);
    }
    if ($pid > 0) {
        $token_of{$pid} = $token;
        $pid_of{$token} = $pid;
        syswrite($control, "S $token $pid\n");
    } else {
        syswrite($control, "E $token " . SETUP_FAILED . "\n");
    }
}

my $buffer = '';
while (1) {
    reap();
    # A step that ends between reap() and select() would wait for the next request or the timeout
    # (perl runs signal handlers between statements, so a handler cannot close that gap).
    my $wanted = '';
    vec($wanted, 0, 1) = 1;
    next if select(my $ready = $wanted, undef, undef, 0.05) <= 0;
    my $read = sysread(STDIN, $buffer, 65536, length $buffer);
    if (!defined $read) { next if $! == 4; last; }    # EINTR (%! would load a module)
    last if $read == 0;
    while ($buffer =~ /^(\d+)\n/ && length($buffer) >= length($1) + 1 + $1) {
        my $size = $1;
        my $request = substr($buffer, length($size) + 1, $size);
        $buffer = substr($buffer, length($size) + 1 + $size);
        serve($request);
    }
}
quit(0);

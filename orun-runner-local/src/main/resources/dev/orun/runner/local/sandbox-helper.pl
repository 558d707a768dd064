# orun's sandbox helper (see docs/decisions/isolation-namespaces.md). Started once per run by the
# local runner; runs every isolated step of the run with system calls instead of a chain of
# programs (unshare, sh, mount, mount, unshare), because on many machines starting a program costs
# far more than the namespaces and mounts themselves.
#
#   perl -e SCRIPT SOCKET UID GID SYS_CLONE SYS_MOUNT SYS_PRCTL
#
# At start it enters a user namespace of its own in which it may mount (uid and gid mapped to
# themselves). Then, for each request on stdin ("<length>\n" and that many bytes: token, root,
# overlay options, directory, hidden count, hidden dirs, argument count, arguments, environment,
# NUL-separated), it clones a child in new mount and PID namespaces. That child (PID 1 there):
# connects to SOCKET and sends the token (the step's output goes there), mounts the overlay on the
# root's own path, an empty read-only tmpfs on each hidden directory and a fresh /proc, then forks
# the step, which gives up every capability (securebits NOROOT, ambient set cleared) before exec.
# When the step ends, PID 1 kills whatever it left, waits for it, reports "E <token> <status>" on
# the control channel (stdout) and exits; the helper reports "S <token> <pid>" once cloned.
use strict;
use warnings;
use POSIX ();
use Socket qw(AF_UNIX SOCK_STREAM pack_sockaddr_un);

my ($socket_path, $uid, $gid, $SYS_clone, $SYS_mount, $SYS_prctl, $SYS_unshare, $SYS_execve) = @ARGV;
use constant {
    CLONE_NEWNS => 0x00020000, CLONE_NEWUSER => 0x10000000, CLONE_NEWPID => 0x20000000,
    SIGCHLD => 17, MS_RDONLY => 1, MS_NOSUID => 2, MS_NODEV => 4, MS_NOEXEC => 8,
    MS_REC => 0x4000, MS_PRIVATE => 1 << 18, PR_SET_PDEATHSIG => 1, PR_SET_SECUREBITS => 28,
    PR_CAP_AMBIENT => 47, PR_CAP_AMBIENT_CLEAR_ALL => 4, SETUP_FAILED => 125,
};

sub sys { my ($nr, @args) = @_; my $r = syscall($nr, @args); return $r >= 0; }

sub write_file {
    my ($file, $text) = @_;
    sysopen(my $h, $file, 1) or return 0;
    return defined syswrite($h, $text);
}

open(my $control, '>&', \*STDOUT) or die "orun sandbox helper: no control channel: $!\n";
open(STDOUT, '>', '/dev/null');
$SIG{CHLD} = 'IGNORE';
$SIG{INT} = 'IGNORE';    # a terminal's Ctrl-C reaches the steps themselves; orun ends the helper

sys($SYS_unshare, CLONE_NEWUSER) or die "orun sandbox helper: cannot create a user namespace: $!\n";
write_file('/proc/self/setgroups', 'deny');
write_file('/proc/self/uid_map', "$uid $uid 1") or die "orun sandbox helper: cannot map uid $uid: $!\n";
write_file('/proc/self/gid_map', "$gid $gid 1") or die "orun sandbox helper: cannot map gid $gid: $!\n";
syswrite($control, "R\n");

my $token = '';    # the step this process serves (in a step's PID 1)

sub report_end { my ($code) = @_; syswrite($control, "E $token $code\n"); POSIX::_exit($code); }

sub fail { my ($message) = @_; syswrite(STDERR, "orun: $message\n"); report_end(SETUP_FAILED); }

sub run_step {
    my ($root, $layers, $dir, $hidden, $command, $environment) = @_;
    socket(my $output, AF_UNIX, SOCK_STREAM, 0) or report_end(SETUP_FAILED);
    connect($output, pack_sockaddr_un($socket_path)) or report_end(SETUP_FAILED);
    defined syswrite($output, "$token\n") or report_end(SETUP_FAILED);
    POSIX::dup2(fileno($output), 1);
    POSIX::dup2(fileno($output), 2);
    close($output);
    my $null = POSIX::open('/dev/null', POSIX::O_RDONLY());
    POSIX::dup2($null, 0) if defined $null;
    sys($SYS_prctl, PR_SET_PDEATHSIG, 9, 0, 0, 0);
    sys($SYS_mount, 0, '/', 0, MS_REC | MS_PRIVATE, 0) or fail("cannot make mounts private: $!");
    sys($SYS_mount, 'orun-workspace', $root, 'overlay', 0, $layers)
        or fail("cannot mount the workspace overlay on $root: $!");
    for my $path (@$hidden) {
        sys($SYS_mount, 'orun-hidden', $path, 'tmpfs', MS_RDONLY | MS_NOSUID | MS_NODEV, 'size=4k,mode=555')
            or fail("cannot hide $path: $!");
    }
    sys($SYS_mount, 'proc', '/proc', 'proc', MS_NOSUID | MS_NODEV | MS_NOEXEC, 0)
        or fail("cannot mount /proc: $!");
    chdir($dir) or fail("working directory $dir does not exist");
    my $step = fork();
    defined $step or fail("cannot fork: $!");
    if ($step == 0) {
        sys($SYS_prctl, PR_SET_SECUREBITS, 3, 0, 0, 0);    # NOROOT | NOROOT_LOCKED
        sys($SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
        $SIG{CHLD} = 'DEFAULT';
        $SIG{INT} = 'DEFAULT';
        # execve itself: the arguments and environment as they came, no copy into %ENV first
        my $arguments = pack('p*', @$command) . pack('Q', 0);
        my $variables = pack('p*', @$environment) . pack('Q', 0);
        syscall($SYS_execve, $command->[0], $arguments, $variables);
        syswrite(STDERR, "orun: cannot start $command->[0]: $!\n");
        POSIX::_exit(127);
    }
    my $status;
    while (1) {
        my $pid = waitpid($step, 0);
        if ($pid == $step) { $status = $?; last; }
        if ($pid < 0 && !$!{EINTR}) { $status = 255 << 8; last; }
    }
    kill('KILL', -1);    # as PID 1: everything else in this namespace
    1 while waitpid(-1, 0) > 0 || $!{EINTR};
    report_end(($status & 127) ? 128 + ($status & 127) : $status >> 8);
}

my $buffer = '';
while (1) {
    my $read = sysread(STDIN, $buffer, 65536, length $buffer);
    if (!defined $read) { next if $!{EINTR}; last; }
    last if $read == 0;
    while ($buffer =~ /^(\d+)\n/ && length($buffer) >= length($1) + 1 + $1) {
        my $size = $1;
        my $request = substr($buffer, length($size) + 1, $size);
        $buffer = substr($buffer, length($size) + 1 + $size);
        my @fields = split(/\0/, $request, -1);
        my ($id, $root, $layers, $dir, $hidden_count) = splice(@fields, 0, 5);
        my @hidden = splice(@fields, 0, $hidden_count);
        my $argument_count = shift @fields;
        my @command = splice(@fields, 0, $argument_count);
        my $pid = syscall($SYS_clone, CLONE_NEWNS | CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
        if ($pid == 0) {
            close(STDIN);
            $SIG{CHLD} = 'DEFAULT';
            $token = $id;
            run_step($root, $layers, $dir, \@hidden, \@command, \@fields);
        }
        syswrite($control, $pid > 0 ? "S $id $pid\n" : "E $id " . SETUP_FAILED . "\n");
    }
}
POSIX::_exit(0);

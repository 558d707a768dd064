/*
 * orun's native sandbox helper (see docs/decisions/isolation-namespaces.md). The same program as
 * sandbox-helper.pl, request for request; the local runner compiles it once per machine with the
 * host's C compiler where there is one: its clone shares the helper's memory until it execs
 * (CLONE_VM | CLONE_VFORK, as posix_spawn does), so a step costs no copy of page tables and no
 * copy-on-write fault, where a fork of a perl interpreter costs about seventy faults in the
 * helper and seventy more in the clone (measured there).
 *
 *   sandbox-helper SOCKET UID GID
 *
 * At start it enters a session and a user namespace of its own, in which it may mount (uid and
 * gid mapped to themselves). Then it reads requests on stdin ("<length>\n" and that many bytes,
 * NUL-separated):
 *
 *   R token root overlay-options directory hidden-count hidden... argument-count arguments... environment...
 *     connects to SOCKET and sends the token (the step's output goes there), then clones one child
 *     in new mount and PID namespaces, which becomes the step itself (its PID 1): it mounts the
 *     overlay on the root's own path, an empty read-only tmpfs on each hidden directory and a
 *     fresh /proc, gives up every capability (securebits NOROOT, ambient set cleared) and execs
 *     the command. When it ends, the kernel kills whatever else is left in its PID namespace.
 *   K token signal
 *     sends the signal (TERM, STOP or KILL) to the step's PID 1 and answers "K <token> <signal>".
 *
 * Answers on the control channel (its stdout): "R" once ready, "S <token> <pid>" once a step is
 * cloned, "E <token> <status>" once it has ended. It ends when its stdin ends; each step has
 * PR_SET_PDEATHSIG, so its namespace dies with the helper.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define SETUP_FAILED 125
#define TOKEN_MAX 64

#ifndef PR_SET_SECUREBITS
#define PR_SET_SECUREBITS 28
#endif
#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

struct step {
    pid_t pid;
    char token[TOKEN_MAX];
};

static struct sockaddr_un output_address;
static int control;       /* the control channel: the helper's original stdout */
static int null_input;    /* /dev/null, the steps' stdin */
static sigset_t child_blocked;
static struct step *steps;
/* the clone's stack: one clone at a time uses it, the helper waits until it has exec'd */
static char clone_stack[64 * 1024] __attribute__((aligned(16)));
static size_t step_capacity;

static void say(const char *format, const char *token, long value) {
    char line[TOKEN_MAX + 48];
    int length = snprintf(line, sizeof line, format, token, value);
    if (length > 0 && (size_t) length < sizeof line) {
        ssize_t ignored = write(control, line, (size_t) length); /* one short write: atomic on a pipe */
        (void) ignored;
    }
}

static void write_file(const char *file, const char *text) {
    int fd = open(file, O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
        ssize_t ignored = write(fd, text, strlen(text));
        (void) ignored;
        close(fd);
    }
}

/* The clone's side: the message goes to the step's output, the status tells orun it never ran. */
static void fail(const char *what, const char *path) {
    char message[4200];
    int length = snprintf(message, sizeof message, "orun: %s%s: %s\n", what, path, strerror(errno));
    if (length > 0) {
        ssize_t ignored = write(2, message, (size_t) length < sizeof message ? (size_t) length : sizeof message - 1);
        (void) ignored;
    }
    _exit(SETUP_FAILED);
}

static void on_child(int signal) {
    (void) signal; /* only interrupts pselect below */
}

static struct step *find_step(const char *token) {
    for (size_t i = 0; i < step_capacity; i++) {
        if (steps[i].pid > 0 && strcmp(steps[i].token, token) == 0) {
            return &steps[i];
        }
    }
    return NULL;
}

static int remember(pid_t pid, const char *token) {
    for (size_t i = 0; i < step_capacity; i++) {
        if (steps[i].pid <= 0) {
            steps[i].pid = pid;
            snprintf(steps[i].token, TOKEN_MAX, "%s", token);
            return 1;
        }
    }
    size_t grown = step_capacity ? step_capacity * 2 : 16;
    struct step *more = realloc(steps, grown * sizeof *more);
    if (more == NULL) {
        return 0;
    }
    memset(more + step_capacity, 0, (grown - step_capacity) * sizeof *more);
    steps = more;
    step_capacity = grown;
    return remember(pid, token);
}

static void reap(void) {
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        for (size_t i = 0; i < step_capacity; i++) {
            if (steps[i].pid == pid) {
                long code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
                say("E %s %ld\n", steps[i].token, code);
                steps[i].pid = 0;
                break;
            }
        }
    }
}

/* What the clone needs to become the step; on the helper's stack, which the clone shares. */
struct launch {
    int output;
    char *root;
    char *layers;
    char *directory;
    char **hidden;
    long hidden_count;
    char **arguments;
    char **environment;
};

/*
 * The clone's side: set the namespace up and become the step. The clone shares the helper's
 * memory (CLONE_VM) while the helper waits for it (CLONE_VFORK) until it has exec'd or failed, so
 * it only makes system calls and writes nothing but its own stack.
 */
static int become_step(void *argument) {
    struct launch *step = argument;
    sigprocmask(SIG_UNBLOCK, &child_blocked, NULL);
    if (dup2(step->output, 1) < 0 || dup2(step->output, 2) < 0) {
        _exit(SETUP_FAILED);
    }
    dup2(null_input, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        fail("cannot make mounts private", "");
    }
    if (mount("orun-workspace", step->root, "overlay", 0, step->layers) != 0) {
        fail("cannot mount the workspace overlay on ", step->root);
    }
    for (long i = 0; i < step->hidden_count; i++) {
        if (mount("orun-hidden", step->hidden[i], "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV,
                  "size=4k,mode=555") != 0) {
            fail("cannot hide ", step->hidden[i]);
        }
    }
    if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) {
        fail("cannot mount /proc", "");
    }
    if (chdir(step->directory) != 0) {
        fail("working directory does not exist: ", step->directory);
    }
    prctl(PR_SET_SECUREBITS, 3, 0, 0, 0); /* NOROOT | NOROOT_LOCKED */
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    execve(step->arguments[0], step->arguments, step->environment);
    fail("cannot start ", step->arguments[0]);
    return SETUP_FAILED;
}

static int signal_number(const char *name) {
    if (strcmp(name, "STOP") == 0) return SIGSTOP;
    if (strcmp(name, "KILL") == 0) return SIGKILL;
    if (strcmp(name, "TERM") == 0) return SIGTERM;
    return 0;
}

/* Splits the request in place; the fields array ends with a NULL (the environment's end). */
static char **split(char *request, size_t size, size_t *count) {
    size_t fields = 1;
    for (size_t i = 0; i < size; i++) {
        fields += request[i] == '\0';
    }
    char **field = calloc(fields + 2, sizeof *field);
    if (field == NULL) {
        return NULL;
    }
    size_t n = 0;
    field[n++] = request;
    for (size_t i = 0; i < size; i++) {
        if (request[i] == '\0') {
            field[n++] = request + i + 1;
        }
    }
    *count = n;
    return field;
}

static void start_step(char **field, size_t count) {
    if (count < 7) {
        return;
    }
    char *token = field[1];
    long hidden_count = strtol(field[5], NULL, 10);
    if (hidden_count < 0 || (size_t) hidden_count > count - 7) {
        say("E %s %ld\n", token, SETUP_FAILED);
        return;
    }
    long argument_count = strtol(field[6 + hidden_count], NULL, 10);
    size_t first_argument = 7 + (size_t) hidden_count;
    if (argument_count < 1 || (size_t) argument_count > count - first_argument) {
        say("E %s %ld\n", token, SETUP_FAILED);
        return;
    }
    /* the arguments need a NULL after them: move them one back over the count, the environment
       already ends with the NULL split() left */
    char **arguments = field + first_argument - 1;
    memmove(arguments, field + first_argument, (size_t) argument_count * sizeof *field);
    arguments[argument_count] = NULL;
    char **environment = field + first_argument + argument_count;
    pid_t pid = -1;
    int output = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (output >= 0) {
        if (connect(output, (struct sockaddr *) &output_address, sizeof output_address) == 0
                && dprintf(output, "%s\n", token) > 0) {
            struct launch step = {output, field[2], field[3], field[4], field + 6, hidden_count, arguments,
                                  environment};
            /* No copy of the helper's page tables and no copy-on-write fault afterwards, in either
               process: what a fork costs beyond the exec (see the decision record). */
            pid = clone(become_step, clone_stack + sizeof clone_stack,
                        CLONE_VM | CLONE_VFORK | CLONE_NEWNS | CLONE_NEWPID | SIGCHLD, &step);
        }
        close(output);
    }
    if (pid > 0 && remember(pid, token)) {
        say("S %s %ld\n", token, pid);
    } else {
        if (pid > 0) {
            kill(pid, SIGKILL);
        }
        say("E %s %ld\n", token, SETUP_FAILED);
    }
}

static void serve(char *request, size_t size) {
    size_t count;
    char **field = split(request, size, &count);
    if (field == NULL) {
        return;
    }
    if (strcmp(field[0], "K") == 0 && count == 3) {
        struct step *step = find_step(field[1]);
        int number = signal_number(field[2]);
        if (step != NULL && number != 0) {
            kill(step->pid, number);
        }
        say("K %s %ld\n", field[1], number); /* sent: orun may go on stopping the step's other processes */
    } else if (strcmp(field[0], "R") == 0 && strlen(field[1]) < TOKEN_MAX) {
        start_step(field, count);
    }
    free(field);
}

int main(int argc, char **argv) {
    if (argc != 4 || strlen(argv[1]) >= sizeof output_address.sun_path) {
        fprintf(stderr, "orun sandbox helper: usage: sandbox-helper SOCKET UID GID\n");
        return 2;
    }
    output_address.sun_family = AF_UNIX;
    strcpy(output_address.sun_path, argv[1]);
    control = fcntl(1, F_DUPFD_CLOEXEC, 3);
    null_input = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (control < 0 || null_input < 0) {
        fprintf(stderr, "orun sandbox helper: no control channel: %s\n", strerror(errno));
        return 1;
    }
    dup2(null_input, 1);
    /* A session of its own, which its steps inherit: a terminal's Ctrl-C is orun's to act on (it
       stops the steps), and no step can reach orun's terminal. */
    setsid();
    /* SIGCHLD stays blocked except inside pselect, so a step that ends is never missed between
       reaping and waiting */
    sigemptyset(&child_blocked);
    sigaddset(&child_blocked, SIGCHLD);
    sigset_t waiting;
    sigprocmask(SIG_BLOCK, &child_blocked, &waiting);
    sigdelset(&waiting, SIGCHLD);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_child;
    sigaction(SIGCHLD, &action, NULL);

    if (unshare(CLONE_NEWUSER) != 0) {
        fprintf(stderr, "orun sandbox helper: cannot create a user namespace: %s\n", strerror(errno));
        return 1;
    }
    char map[64];
    write_file("/proc/self/setgroups", "deny");
    snprintf(map, sizeof map, "%s %s 1", argv[2], argv[2]);
    int fd = open("/proc/self/uid_map", O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, map, strlen(map)) < 0) {
        fprintf(stderr, "orun sandbox helper: cannot map uid %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    close(fd);
    snprintf(map, sizeof map, "%s %s 1", argv[3], argv[3]);
    fd = open("/proc/self/gid_map", O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, map, strlen(map)) < 0) {
        fprintf(stderr, "orun sandbox helper: cannot map gid %s: %s\n", argv[3], strerror(errno));
        return 1;
    }
    close(fd);
    if (write(control, "R\n", 2) != 2) {
        return 1;
    }

    size_t capacity = 1 << 16, length = 0;
    char *buffer = malloc(capacity);
    if (buffer == NULL) {
        return 1;
    }
    while (1) {
        reap();
        fd_set readable;
        FD_ZERO(&readable);
        FD_SET(0, &readable);
        if (pselect(1, &readable, NULL, NULL, NULL, &waiting) < 0) {
            if (errno == EINTR) {
                continue; /* a step ended */
            }
            break;
        }
        if (length == capacity) {
            char *bigger = realloc(buffer, capacity * 2);
            if (bigger == NULL) {
                break;
            }
            buffer = bigger;
            capacity *= 2;
        }
        ssize_t read_now = read(0, buffer + length, capacity - length);
        if (read_now < 0 && errno == EINTR) {
            continue;
        }
        if (read_now <= 0) {
            break; /* orun closed its end, or died: the steps die with this process */
        }
        length += (size_t) read_now;
        while (1) {
            char *newline = memchr(buffer, '\n', length);
            if (newline == NULL) {
                break;
            }
            size_t header = (size_t) (newline - buffer) + 1;
            size_t size = strtoul(buffer, NULL, 10);
            if (length < header + size) {
                break;
            }
            char *request = malloc(size + 1);
            if (request == NULL) {
                return 1;
            }
            memcpy(request, buffer + header, size);
            request[size] = '\0';
            serve(request, size);
            free(request);
            memmove(buffer, buffer + header + size, length - header - size);
            length -= header + size;
        }
    }
    return 0;
}

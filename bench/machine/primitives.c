/*
 * The kernel's price list on this machine: what a system call, a first touch of a page, a process
 * start and a wake-up of another thread or process cost. Coordination verbs, process runners and
 * make all pay these, so when a benchmark here is far from a target set on another machine, this
 * tells whether the machine's own primitives are slower (bench/machine.sh prints it; see
 * docs/decisions/backend-throughput.md). Each figure is the median of 5 repetitions.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double (*f)(void)) {
  double v[5];
  for (int i = 0; i < 5; i++) v[i] = f();
  qsort(v, 5, sizeof v[0], cmp);
  return v[2];
}

/* microseconds per getppid(): the bare cost of entering and leaving the kernel */
static double syscall_us(void) {
  int n = 200000;
  double t = now();
  for (int i = 0; i < n; i++) getppid();
  return (now() - t) / n * 1e6;
}

/* microseconds per first write to a fresh anonymous 4 KiB page (fault, zeroing, page tables) */
static double fault_us(void) {
  size_t size = 32u << 20;
  char *m = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return -1;
  double t = now();
  for (size_t i = 0; i < size; i += 4096) m[i] = 1;
  double us = (now() - t) / (size / 4096) * 1e6;
  munmap(m, size);
  return us;
}

/* milliseconds per posix_spawn of /bin/true and waiting for it */
static double spawn_ms(void) {
  int n = 100;
  char *argv[] = {"true", 0};
  double t = now();
  for (int i = 0; i < n; i++) {
    pid_t p;
    if (posix_spawn(&p, "/bin/true", 0, 0, argv, environ) != 0) return -1;
    waitpid(p, 0, 0);
  }
  return (now() - t) / n * 1e3;
}

static int ping[2], pong[2];
static const int TRIPS = 20000;

static void *echo(void *unused) {
  char c;
  for (int i = 0; i < TRIPS; i++) {
    if (read(ping[0], &c, 1) != 1 || write(pong[1], &c, 1) != 1) break;
  }
  return unused;
}

static double trips(void) {
  char c = 'x';
  double t = now();
  for (int i = 0; i < TRIPS; i++) {
    if (write(ping[1], &c, 1) != 1 || read(pong[0], &c, 1) != 1) return -1;
  }
  return (now() - t) / TRIPS * 1e6;
}

/* microseconds per one-byte round trip over two pipes to another thread of this process */
static double thread_trip_us(void) {
  pthread_t th;
  pthread_create(&th, 0, echo, 0);
  double us = trips();
  pthread_join(th, 0);
  return us;
}

/* the same to another process: every hand-off also switches address spaces */
static double process_trip_us(void) {
  pid_t p = fork();
  if (p == 0) {
    echo(0);
    _exit(0);
  }
  double us = trips();
  waitpid(p, 0, 0);
  return us;
}

int main(void) {
  if (pipe(ping) || pipe(pong)) return 1;
  printf("system call (getppid)               %8.2f us\n", median(syscall_us));
  printf("first touch of a 4 KiB page         %8.2f us\n", median(fault_us));
  printf("process start and exit (/bin/true)  %8.2f ms\n", median(spawn_ms));
  printf("pipe round trip, thread to thread   %8.2f us\n", median(thread_trip_us));
  printf("pipe round trip, process to process %8.2f us\n", median(process_trip_us));
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(0, &one);
  if (sched_setaffinity(0, sizeof one, &one) == 0) { /* inherited by the thread and the child */
    printf("  the same on one core: thread %.2f us, process %.2f us\n", median(thread_trip_us),
        median(process_trip_us));
  }
  return 0;
}

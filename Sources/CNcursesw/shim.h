#ifndef KRAV_NCURSES_SHIM_H
#define KRAV_NCURSES_SHIM_H
/*
 * C side of Krav's ncurses backend.
 *
 * Swift 6 cannot import C globals (stdscr, LINES, stdout) or function-like macros (A_BOLD,
 * COLOR_PAIR, KEY_F, getmaxyx), so they are wrapped in static inline accessors here.
 *
 * The second half holds the exit-path safety net: signal handlers must be async-signal-safe
 * C, and the state they read has to live in C. It is file-static, so only ONE Swift file
 * (NcursesBackend/TerminalGuard.swift) may call the krav_guard_* functions; a second caller
 * in another Swift file would get its own copy of the state.
 */
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <ncurses.h>
#include <term.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

/* ---- Accessors for globals and macros ---------------------------------------------- */

static inline WINDOW *krav_stdscr(void) { return stdscr; }
static inline int krav_lines(void) { return LINES; }
static inline int krav_cols(void) { return COLS; }
static inline int krav_colors(void) { return COLORS; }
static inline int krav_color_pairs(void) { return COLOR_PAIRS; }
static inline int krav_set_escdelay(int ms) { return set_escdelay(ms); }
static inline attr_t krav_a_normal(void) { return A_NORMAL; }
static inline attr_t krav_a_bold(void) { return A_BOLD; }
static inline attr_t krav_a_reverse(void) { return A_REVERSE; }
static inline attr_t krav_a_underline(void) { return A_UNDERLINE; }
static inline attr_t krav_a_dim(void) { return A_DIM; }
static inline attr_t krav_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline int krav_key_f(int n) { return KEY_F(n); }
static inline int krav_key_code_yes(void) { return KEY_CODE_YES; }
static inline void krav_getmaxyx(WINDOW *w, int *y, int *x) {
  int yy, xx;
  getmaxyx(w, yy, xx);
  *y = yy;
  *x = xx;
}

/* newterm on the process's own stdout/stdin (the FILE globals do not import into Swift). */
static inline SCREEN *krav_newterm(const char *term) { return newterm(term, stdout, stdin); }

/* True when the LC_CTYPE codeset is UTF-8 (checked after setlocale). */
static inline int krav_codeset_is_utf8(void) {
  const char *cs = nl_langinfo(CODESET);
  return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* True when the current terminal description can address the cursor ("cup"). */
static inline int krav_has_cursor_addressing(void) {
  char *cup = tigetstr("cup");
  return cup != NULL && cup != (char *)-1 && cup[0] != '\0';
}

/* ---- Exit-path safety net ---------------------------------------------------------- */

typedef struct {
  volatile sig_atomic_t pending;   /* SIGINT/SIGTERM/SIGHUP seen; the loop polls it */
  volatile sig_atomic_t suspend;   /* SIGTSTP seen; the loop suspends */
  volatile sig_atomic_t active;    /* the UI is up: the terminal needs resetting */
  struct termios saved;            /* shell-mode settings from before the UI */
  int has_saved;
  char reset[512];                 /* terminfo strings that leave the UI mode */
  size_t reset_len;
  int stderr_copy;                 /* the real stderr while fd 2 points to capture */
  int capture;                     /* temp file receiving stderr while the UI is up */
  struct sigaction previous[32];
} krav_guard_state;

static krav_guard_state krav_guard = {0, 0, 0, {0}, 0, {0}, 0, -1, -1, {{{0}}}};

static inline void krav_guard_append_cap(const char *name) {
  char *s = tigetstr(name);
  if (s == NULL || s == (char *)-1) return;
  size_t n = strlen(s);
  if (krav_guard.reset_len + n >= sizeof krav_guard.reset) return;
  memcpy(krav_guard.reset + krav_guard.reset_len, s, n);
  krav_guard.reset_len += n;
}

/* Async-signal-safe: put the terminal back (attributes, cursor, keypad, main screen,
 * line settings), point fd 2 at the real stderr again and replay what was captured. */
static inline void krav_guard_emergency_reset(void) {
  if (!krav_guard.active) return;
  krav_guard.active = 0;
  if (krav_guard.reset_len > 0) {
    ssize_t ignored = write(STDOUT_FILENO, krav_guard.reset, krav_guard.reset_len);
    (void)ignored;
  }
  if (krav_guard.has_saved) tcsetattr(STDIN_FILENO, TCSAFLUSH, &krav_guard.saved);
  if (krav_guard.stderr_copy >= 0) {
    dup2(krav_guard.stderr_copy, STDERR_FILENO);
    if (krav_guard.capture >= 0 && lseek(krav_guard.capture, 0, SEEK_SET) == 0) {
      char chunk[1024];
      ssize_t n;
      while ((n = read(krav_guard.capture, chunk, sizeof chunk)) > 0) {
        ssize_t ignored = write(STDERR_FILENO, chunk, (size_t)n);
        (void)ignored;
      }
    }
  }
}

static void krav_guard_on_quit_signal(int sig) { krav_guard.pending = sig; }
static void krav_guard_on_stop_signal(int sig) { (void)sig; krav_guard.suspend = 1; }

/* Crash: reset, then hand the signal to whoever had it before (the Swift backtracer or
 * the default action), so the crash is still reported and a core still dumped. */
static void krav_guard_on_crash(int sig) {
  int saved_errno = errno;
  krav_guard_emergency_reset();
  if (sig > 0 && sig < 32) sigaction(sig, &krav_guard.previous[sig], NULL);
  else signal(sig, SIG_DFL);
  errno = saved_errno;
  raise(sig);
}

static void krav_guard_at_exit(void) {
  if (!krav_guard.active) return;
  endwin();
  krav_guard_emergency_reset();
}

static inline void krav_guard_install(int sig, void (*handler)(int), int flags) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = handler;
  action.sa_flags = flags;
  sigemptyset(&action.sa_mask);
  sigaction(sig, &action, sig < 32 ? &krav_guard.previous[sig] : NULL);
}

static inline void krav_guard_uninstall(int sig) {
  if (sig > 0 && sig < 32) sigaction(sig, &krav_guard.previous[sig], NULL);
}

static const int krav_guard_quit_signals[] = {SIGINT, SIGTERM, SIGHUP};
static const int krav_guard_crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE};

/* Before newterm: save shell-mode settings and install handlers (ncurses then leaves
 * these signals alone, as it only takes over signals still at SIG_DFL). */
static inline void krav_guard_begin(void) {
  static int registered = 0;
  krav_guard.pending = 0;
  krav_guard.suspend = 0;
  krav_guard.has_saved = tcgetattr(STDIN_FILENO, &krav_guard.saved) == 0;
  for (size_t i = 0; i < 3; i++) krav_guard_install(krav_guard_quit_signals[i],
                                                    krav_guard_on_quit_signal, 0);
  krav_guard_install(SIGTSTP, krav_guard_on_stop_signal, SA_RESTART);
  for (size_t i = 0; i < 5; i++) krav_guard_install(krav_guard_crash_signals[i],
                                                    krav_guard_on_crash, SA_NODEFER);
  if (!registered) registered = atexit(krav_guard_at_exit) == 0;
}

/* After newterm succeeded: remember how to reset and arm the net. */
static inline void krav_guard_arm(int stderr_copy, int capture) {
  krav_guard.reset_len = 0;
  krav_guard_append_cap("sgr0");
  krav_guard_append_cap("cnorm");
  krav_guard_append_cap("rmkx");
  krav_guard_append_cap("rmcup");
  krav_guard.stderr_copy = stderr_copy;
  krav_guard.capture = capture;
  krav_guard.active = 1;
}

/* Normal restore (endwin already done): disarm and put the previous handlers back. */
static inline void krav_guard_end(void) {
  krav_guard.active = 0;
  for (size_t i = 0; i < 3; i++) krav_guard_uninstall(krav_guard_quit_signals[i]);
  krav_guard_uninstall(SIGTSTP);
  for (size_t i = 0; i < 5; i++) krav_guard_uninstall(krav_guard_crash_signals[i]);
}

static inline int krav_guard_is_active(void) { return krav_guard.active; }
static inline int krav_guard_pending_signal(void) { return krav_guard.pending; }

/* Returns 1 (and clears the flag) if a SIGTSTP arrived since the last call. */
static inline int krav_guard_take_suspend(void) {
  int s = krav_guard.suspend;
  krav_guard.suspend = 0;
  return s;
}

/* Stops the process the way the default SIGTSTP action would; returns after SIGCONT. */
static inline void krav_guard_stop_self(void) {
  krav_guard.active = 0;
  struct sigaction dfl, ours;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(SIGTSTP, &dfl, &ours);
  sigset_t unblock;
  sigemptyset(&unblock);
  sigaddset(&unblock, SIGTSTP);
  sigprocmask(SIG_UNBLOCK, &unblock, NULL);
  kill(getpid(), SIGTSTP);
  sigaction(SIGTSTP, &ours, NULL);
  krav_guard.active = 1;
}

#endif
